"""AuditEntry moves from yhteisokeskus to core. Its table keeps its name and its rows:
this migration only tells Django's state where the model lives now, and points the
content type (and so its admin permissions) at the new app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="yhteisokeskus", model="auditentry").first()
    if old is None:
        return
    if ContentType.objects.filter(app_label="core", model="auditentry").exists():
        return
    old.app_label = "core"
    old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="auditentry").update(
        app_label="yhteisokeskus"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The table was created there, and is still.
        ("yhteisokeskus", "0002_annual_report"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="time")),
                        ("action", models.CharField(choices=[("create", "created"), ("update", "changed"), ("delete", "deleted")], max_length=10, verbose_name="action")),
                        ("object_id", models.CharField(max_length=64, verbose_name="object id")),
                        ("object_repr", models.CharField(max_length=200, verbose_name="object")),
                        ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="by")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype", verbose_name="kind")),
                    ],
                    options={
                        "verbose_name": "audit log entry",
                        "verbose_name_plural": "audit log",
                        "db_table": "yhteisokeskus_auditentry",
                        "ordering": ["-at", "-id"],
                        "indexes": [models.Index(fields=["content_type", "object_id"], name="audit_object")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
