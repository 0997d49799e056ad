"""Reads of participation: what the public pages show, each in a fixed number of
queries whatever the number of sections, comments and replies."""

from django.db.models import Avg, CharField, Count, ExpressionWrapper, Prefetch, Q, Sum

from core.i18n import localized

from .models import (
    Comment,
    Consultation,
    FeedbackForm,
    FeedbackRating,
    FeedbackStatement,
    Poll,
    PollOption,
    Section,
)
from .models.feedback import mean_rating


def public_consultations():
    return Consultation.objects.filter(is_published=True).annotate(
        comment_count=Count("sections__comments", filter=Q(sections__comments__hidden_at=None))
    )


def _comments():
    """Comments with their votes counted and the goals they led to (directly or through
    their themes) prefetched for ``Comment.led_to_goals``."""
    from .models import Goal, Theme

    goals = Goal.objects.only("pk", "title", "title_fi", "title_sv", "title_en", "order")
    return (
        Comment.objects.select_related("municipality", "workshop")
        .annotate(vote_count=Count("votes", distinct=True))
        .prefetch_related(
            Prefetch("goals", queryset=goals),
            Prefetch(
                "themes",
                queryset=Theme.objects.prefetch_related(Prefetch("goals", queryset=goals)),
            ),
        )
    )


def consultation_with_sections(queryset, *, staff=False):
    """The consultation with its sections; each section's top-level comments (pinned
    first) with their replies, vote counts and (for staff) open flags; its polls with
    their options and answer counts."""
    comments = _comments()
    if staff:
        comments = comments.annotate(
            open_flags=Count("flags", filter=Q(flags__handled_at=None), distinct=True)
        )
    return queryset.prefetch_related(
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch(
                    "comments",
                    queryset=comments.filter(parent=None).prefetch_related(
                        Prefetch("replies", queryset=comments.order_by("created_at", "pk"))
                    ),
                    to_attr="top_comments",
                ),
                Prefetch(
                    "polls",
                    queryset=Poll.objects.prefetch_related(
                        Prefetch(
                            "options",
                            queryset=PollOption.objects.annotate(answer_count=Count("answers")),
                        )
                    ),
                ),
            ),
        )
    )


def _municipality_name(relation: str):
    """The municipality's name in the current language (Finnish where it has none)."""
    return ExpressionWrapper(localized(f"{relation}__name"), output_field=CharField())


def results(consultation) -> dict:
    """Counts of the consultation's shown comments (replies included) by section, by
    municipality and by workshop: three queries. Poll results come with the sections.
    Municipalities are named in the current language (Björneborg on a Swedish page)."""
    comments = Comment.objects.filter(section__consultation=consultation, hidden_at=None)
    by_section = list(
        comments.values("section_id").annotate(count=Count("pk")).order_by("section_id")
    )
    counts = {row["section_id"]: row["count"] for row in by_section}
    return {
        "total": sum(counts.values()),
        "by_section": [
            (section, counts.get(section.pk, 0)) for section in consultation.sections.all()
        ],
        "by_municipality": list(
            comments.values(municipality_name=_municipality_name("municipality"))
            .annotate(count=Count("pk"))
            .order_by("-count", "municipality_name")
        ),
        "by_workshop": list(
            comments.filter(workshop__isnull=False)
            .values(
                "workshop__place",
                "workshop__held_on",
                "workshop__participants",
                municipality_name=_municipality_name("workshop__municipality"),
            )
            .annotate(count=Count("pk"))
            .order_by("workshop__held_on", "workshop__place")
        ),
    }


def theme_counts(consultation) -> dict:
    """How many shown comments each theme of the consultation has, in all, by
    municipality and by workshop: three queries."""
    from .models import Theme

    coded = Comment.themes.through.objects.filter(
        theme__consultation=consultation, comment__hidden_at=None
    )
    themes = list(
        Theme.objects.filter(consultation=consultation).annotate(
            count=Count("comments", filter=Q(comments__hidden_at=None))
        )
    )
    by_municipality = {}
    for row in coded.values(
        "theme_id", municipality_name=_municipality_name("comment__municipality")
    ).annotate(n=Count("pk")):
        by_municipality.setdefault(row["theme_id"], []).append((row["municipality_name"], row["n"]))
    by_workshop = {}
    for row in (
        coded.filter(comment__workshop__isnull=False)
        .values("theme_id", "comment__workshop__place")
        .annotate(n=Count("pk"))
    ):
        by_workshop.setdefault(row["theme_id"], []).append(
            (row["comment__workshop__place"], row["n"])
        )
    for theme in themes:
        theme.by_municipality = sorted(
            by_municipality.get(theme.pk, []), key=lambda r: (-r[1], r[0] or "")
        )
        theme.by_workshop = sorted(by_workshop.get(theme.pk, []), key=lambda r: (-r[1], r[0]))
    return {"themes": themes}


# --- The participation model ------------------------------------------------------------


def goal_actions():
    """Actions with their responsible organisation, for prefetching a goal's actions."""
    from .models import Action

    return Action.objects.select_related("organisation")


def goals_with_progress(queryset=None):
    """Goals with their indicators and measurements, and their actions (for the
    progress), strategy items and themes: six queries whatever the number of goals."""
    from .models import Goal, Indicator

    queryset = queryset if queryset is not None else Goal.objects.all()
    return queryset.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
        Prefetch("actions", queryset=goal_actions()),
        "strategy_items",
        Prefetch("themes", queryset=_themes_with_consultation()),
    )


def _themes_with_consultation():
    from .models import Theme

    return Theme.objects.select_related("consultation")


def goal_comments(goal):
    """The shown comments behind a goal: linked to it directly or through its themes."""
    return (
        Comment.objects.visible()
        .filter(Q(goals=goal) | Q(themes__goals=goal))
        .distinct()
        .select_related("section__consultation", "municipality", "workshop")
        .order_by("section__consultation_id", "section__order", "created_at", "pk")
    )


def strategy_items():
    from .models import Goal, StrategyItem

    return StrategyItem.objects.prefetch_related(
        Prefetch("themes", queryset=_themes_with_consultation()),
        Prefetch("goals", queryset=goals_with_progress(Goal.objects.all())),
    )


def model_for_staff() -> dict:
    """What the staff page of the participation model lists: the strategy items with
    their themes, the goals with their indicators, links and progress, and every action
    with its goals, in a fixed number of queries."""
    from .models import Action, Goal, StrategyItem

    goals = Goal.objects.only("pk", "title", "title_fi", "title_sv", "title_en", "order")
    return {
        "strategy_items": list(
            StrategyItem.objects.prefetch_related(
                Prefetch("themes", queryset=_themes_with_consultation()),
                Prefetch("goals", queryset=goals),
            )
        ),
        "goals": list(goals_with_progress()),
        "actions": list(
            Action.objects.select_related("organisation").prefetch_related(
                Prefetch("goals", queryset=goals)
            )
        ),
    }


# --- Residents' feedback ----------------------------------------------------------------


def feedback_forms():
    """Every feedback form with what it is attached to, its number of answers and the
    mean of all its ratings: one query (and one to count for the pages)."""
    return FeedbackForm.objects.select_related("place", "event").annotate(
        answer_count=Count("answers", distinct=True), average=Avg("answers__ratings__rating")
    )


def feedback_statement_figures(feedback_form) -> list:
    """The form's statements (with the indicator each feeds), each with ``count``,
    ``mean`` (to two decimals, None without answers) and ``distribution``: a
    (rating, count, percent) row for each of 1–5. Two queries."""
    statements = list(
        FeedbackStatement.objects.filter(form=feedback_form).select_related("indicator__goal")
    )
    per_rating = {f"n{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)}
    rows = {
        row["statement_id"]: row
        for row in FeedbackRating.objects.filter(statement__form=feedback_form)
        .values("statement_id")
        .annotate(count=Count("pk"), total=Sum("rating"), **per_rating)
        .order_by()
    }
    for statement in statements:
        row = rows.get(statement.pk, {})
        statement.count = row.get("count", 0)
        statement.mean = mean_rating(row.get("total"), statement.count)
        statement.distribution = [
            (
                n,
                row.get(f"n{n}", 0),
                round(100 * row.get(f"n{n}", 0) / statement.count) if statement.count else 0,
            )
            for n in range(1, 6)
        ]
    return statements


def feedback_answers(feedback_form):
    """The form's answers, newest first, each with its ratings in the statements' order."""
    return feedback_form.answers.prefetch_related(
        Prefetch("ratings", queryset=FeedbackRating.objects.select_related("statement"))
    )
