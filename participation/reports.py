"""Participation's PDF reports, built by core.reports' pipeline like every report (a
Celery worker, or `manage.py report consultation` / `participation-model`), and the
participation model's figures of the annual report:

- a consultation's report: its sections with comment counts and poll results, counts by
  municipality and workshop, the themes with their counts and the goals they led to;
- the participation model's report: strategy items, goals with their period,
  indicators (baseline, target, latest measurement, progress) and actions (responsible,
  period, status, progress, weight), and the trace from each goal back to the themes and
  comments behind it;
- annual_figures: the goals running in a year with their progress, the actions that
  ran in the year by status, and the feedback forms' answers and mean rating (of all
  their statements) in the year (QUERIES queries)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.pdf import html_to_pdf

from . import selectors
from .models import (
    Action,
    Comment,
    Consultation,
    ConsultationReport,
    FeedbackForm,
    Goal,
    Indicator,
    Measurement,
    ModelReport,
    Poll,
    PollOption,
    Section,
    Theme,
)
from .models.feedback import mean_rating
from .svg import progress_chart


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def consultation_report_request(*, actor, consultation: Consultation, language: str):
    _require_staff(actor)
    return pipeline.report_request(
        ConsultationReport, consultation=consultation, language=language, requested_by=actor
    )


def model_report_request(*, actor, language: str):
    _require_staff(actor)
    return pipeline.report_request(ModelReport, language=language, requested_by=actor)


# --- The consultation's report -------------------------------------------------------------


def _goals_of(consultation) -> list:
    """The goals that the consultation's themes (or single comments of it) led to, with
    their progress, and for each the consultation's themes behind it."""
    themes = Theme.objects.filter(consultation=consultation)
    goals = (
        Goal.objects.filter(
            Q(themes__consultation=consultation) | Q(comments__section__consultation=consultation)
        )
        .distinct()
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
            "actions",
            Prefetch("themes", queryset=themes, to_attr="consultation_themes"),
        )
    )
    return list(goals)


def consultation_context(consultation_id: int) -> dict:
    consultation = Consultation.objects.prefetch_related(
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch(
                    "polls",
                    queryset=Poll.objects.prefetch_related(
                        Prefetch(
                            "options",
                            queryset=PollOption.objects.annotate(answer_count=Count("answers")),
                        )
                    ),
                )
            ),
        )
    ).get(pk=consultation_id)
    polls = [
        (section, poll) for section in consultation.sections.all() for poll in section.polls.all()
    ]
    return {
        "consultation": consultation,
        **selectors.results(consultation),
        **selectors.theme_counts(consultation),
        "polls": polls,
        "goals": _goals_of(consultation),
    }


def render_consultation_html(report) -> str:
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        context = {**consultation_context(report.consultation_id), "generated_at": clock.now()}
        return render_to_string("pdf/participation/consultation.html", context)


def render_consultation_pdf(report) -> bytes:
    return html_to_pdf(render_consultation_html(report))


# --- The participation model's report ------------------------------------------------------


def _goal_comment_counts() -> dict[int, int]:
    """How many shown comments are behind each goal, linked directly or through a theme
    (a comment counted once per goal): two queries."""
    behind: dict[int, set[int]] = {}
    direct = Goal.comments.through.objects.filter(comment__hidden_at=None).values_list(
        "goal_id", "comment_id"
    )
    through_themes = Comment.themes.through.objects.filter(
        comment__hidden_at=None, theme__goals__isnull=False
    ).values_list("theme__goals", "comment_id")
    for goal_id, comment_id in [*direct, *through_themes]:
        behind.setdefault(goal_id, set()).add(comment_id)
    return {goal_id: len(comments) for goal_id, comments in behind.items()}


def model_context() -> dict:
    themes = Theme.objects.select_related("consultation").annotate(
        count=Count("comments", filter=Q(comments__hidden_at=None))
    )
    goals = list(
        Goal.objects.prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
            Prefetch("actions", queryset=selectors.goal_actions()),
            "strategy_items",
            Prefetch("themes", queryset=themes),
        )
    )
    counts = _goal_comment_counts()
    for goal in goals:
        goal.comment_count = counts.get(goal.pk, 0)
        for indicator in goal.indicators.all():
            indicator.chart = progress_chart(indicator)
    return {
        "strategy_items": list(selectors.strategy_items()),
        "goals": goals,
    }


def render_model_html(report) -> str:
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        context = {**model_context(), "generated_at": clock.now()}
        return render_to_string("pdf/participation/model.html", context)


def render_model_pdf(report) -> bytes:
    return html_to_pdf(render_model_html(report))


# --- The annual report's figures -----------------------------------------------------------

# goals, their indicators, the measurements, their actions, the year's actions by
# status, the feedback forms: one query each
QUERIES = 6


def _attach(obj, name: str, rows: list):
    """Give ``obj.<name>.all()`` these rows, as prefetch_related would."""
    queryset = getattr(obj, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    obj._prefetched_objects_cache = {
        **getattr(obj, "_prefetched_objects_cache", {}),
        name: queryset,
    }


@dataclass
class ModelFigures:
    goals: list  # goals running during the year, with progress_percent
    actions_by_status: list  # (status label, count) of the actions that ran in the year
    actions: int  # the actions that ran in the year
    feedback_forms: list  # forms answered in the year: title, answers, mean_rating
    feedback_answers: int
    feedback_mean: Decimal | None


def annual_figures(first: date, last: date) -> ModelFigures:
    """The goals whose period touches the year, with their progress from the
    measurements up to the year's end, and the feedback forms' answers in the year."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone)
    running = Q(starts_on__lte=last, ends_on__gte=first)
    goals = list(Goal.objects.filter(running))
    indicators = list(Indicator.objects.filter(goal__in=Goal.objects.filter(running)))
    measurements = list(
        Measurement.objects.filter(
            indicator__goal__in=Goal.objects.filter(running), measured_on__lte=last
        )
    )
    links = list(
        Action.goals.through.objects.filter(goal__in=Goal.objects.filter(running)).select_related(
            "action"
        )
    )
    # Attached by hand rather than prefetched, so that the count of queries is the same
    # whether or not there are goals and indicators.
    for indicator in indicators:
        _attach(
            indicator, "measurements", [m for m in measurements if m.indicator_id == indicator.pk]
        )
    for goal in goals:
        _attach(goal, "indicators", [i for i in indicators if i.goal_id == goal.pk])
        _attach(goal, "actions", [link.action for link in links if link.goal_id == goal.pk])
    counts = dict(
        Action.objects.filter(starts_on__lte=last, ends_on__gte=first)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    actions_by_status = [
        (label, counts[status]) for status, label in Action.Status.choices if counts.get(status)
    ]
    in_year = Q(answers__created_at__gte=start, answers__created_at__lt=end)
    forms = list(
        FeedbackForm.objects.annotate(
            answer_count=Count("answers", filter=in_year, distinct=True),
            rating_count=Count("answers__ratings", filter=in_year),
            rating_sum=Sum("answers__ratings__rating", filter=in_year),
        )
        .filter(answer_count__gt=0)
        .order_by("title", "pk")
    )
    total = sum(form.answer_count for form in forms)
    ratings = sum(form.rating_count for form in forms)
    mean = mean_rating(sum(form.rating_sum or 0 for form in forms), ratings, places=1)
    for form in forms:
        form.mean_rating = mean_rating(form.rating_sum, form.rating_count, places=1)
    return ModelFigures(
        goals=goals,
        actions_by_status=actions_by_status,
        actions=sum(counts.values()),
        feedback_forms=forms,
        feedback_answers=total,
        feedback_mean=mean,
    )
