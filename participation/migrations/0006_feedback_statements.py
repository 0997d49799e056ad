"""A feedback form has several statements, each rated 1–5 (FeedbackStatement,
FeedbackRating). Each existing form gets one statement from its rating question (in
every language) and each answer's rating becomes a rating of that statement; then the
old question and rating fields go. Reversible while every form has a statement."""

import django.db.models.deletion
from django.db import migrations, models

LANGUAGES = ("fi", "sv", "en")


def to_statements(apps, schema_editor):
    FeedbackForm = apps.get_model("participation", "FeedbackForm")
    FeedbackStatement = apps.get_model("participation", "FeedbackStatement")
    FeedbackAnswer = apps.get_model("participation", "FeedbackAnswer")
    FeedbackRating = apps.get_model("participation", "FeedbackRating")
    statements = {}
    for form in FeedbackForm.objects.order_by("pk").iterator():
        texts = {f"text_{lang}": getattr(form, f"rating_question_{lang}") for lang in LANGUAGES}
        statements[form.pk] = FeedbackStatement.objects.create(
            form_id=form.pk, text=form.rating_question, order=0, **texts
        )
    FeedbackRating.objects.bulk_create(
        [
            FeedbackRating(
                answer_id=answer.pk, statement=statements[answer.form_id], rating=answer.rating
            )
            for answer in FeedbackAnswer.objects.exclude(rating=None).order_by("pk")
        ],
        batch_size=1000,
    )

def to_single_rating(apps, schema_editor):
    FeedbackForm = apps.get_model("participation", "FeedbackForm")
    FeedbackStatement = apps.get_model("participation", "FeedbackStatement")
    FeedbackRating = apps.get_model("participation", "FeedbackRating")
    FeedbackAnswer = apps.get_model("participation", "FeedbackAnswer")
    first = {}
    for statement in FeedbackStatement.objects.order_by("-order", "-pk"):
        first[statement.form_id] = statement
    for form in FeedbackForm.objects.all():
        statement = first.get(form.pk)
        if statement is None:
            continue
        form.rating_question = statement.text
        for lang in LANGUAGES:
            setattr(form, f"rating_question_{lang}", getattr(statement, f"text_{lang}"))
        form.save()
    for rating in FeedbackRating.objects.filter(
        statement_id__in=[s.pk for s in first.values()]
    ).iterator():
        FeedbackAnswer.objects.filter(pk=rating.answer_id).update(rating=rating.rating)
    FeedbackAnswer.objects.filter(rating=None).update(rating=3)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0005_actions"),
    ]

    operations = [
        migrations.CreateModel(
            name="FeedbackStatement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="statement")),
                ("text_fi", models.CharField(max_length=300, null=True, verbose_name="statement")),
                ("text_sv", models.CharField(max_length=300, null=True, verbose_name="statement")),
                ("text_en", models.CharField(max_length=300, null=True, verbose_name="statement")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "form",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="statements",
                        to="participation.feedbackform",
                        verbose_name="form",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="feedback_statements",
                        to="participation.indicator",
                        verbose_name="indicator it feeds",
                    ),
                ),
            ],
            options={
                "verbose_name": "feedback statement",
                "verbose_name_plural": "feedback statements",
                "ordering": ["form", "order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="FeedbackRating",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rating", models.PositiveSmallIntegerField(verbose_name="rating")),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ratings",
                        to="participation.feedbackanswer",
                        verbose_name="answer",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ratings",
                        to="participation.feedbackstatement",
                        verbose_name="statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "feedback rating",
                "verbose_name_plural": "feedback ratings",
                "ordering": ["answer", "statement__order", "statement"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rating__gte", 1), ("rating__lte", 5)),
                        name="feedback_statement_rating_1_to_5",
                    ),
                    models.UniqueConstraint(
                        fields=("answer", "statement"), name="feedback_rating_once_per_statement"
                    ),
                ],
            },
        ),
        # The old fields become optional first, so that going back can add them again
        # to a table with rows before the data is copied back into them.
        migrations.RemoveConstraint(
            model_name="feedbackanswer", name="feedback_answer_rating_1_to_5"
        ),
        migrations.AlterField(
            model_name="feedbackanswer",
            name="rating",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="rating"),
        ),
        migrations.AlterField(
            model_name="feedbackform",
            name="rating_question",
            field=models.CharField(
                default="", max_length=300, verbose_name="question to rate (1–5)"
            ),
        ),
        migrations.RunPython(to_statements, to_single_rating),
        migrations.RemoveField(model_name="feedbackanswer", name="rating"),
        migrations.RemoveField(model_name="feedbackform", name="rating_question"),
        migrations.RemoveField(model_name="feedbackform", name="rating_question_fi"),
        migrations.RemoveField(model_name="feedbackform", name="rating_question_sv"),
        migrations.RemoveField(model_name="feedbackform", name="rating_question_en"),
    ]
