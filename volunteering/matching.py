"""Suggestions for a request: approved people who may be contacted, who are free on
every date, ranked by how well they fit, with the reasons shown to the coordinator.

What counts, in this order of weight: a role the request asks for (required: nobody
without one is suggested), experience areas, completed experience-expert training (for
an expert task), skills, a language asked for, the municipality of the task,
availability on the dates' weekdays and times of day; among equals, fewer assignments in
the last RECENT_DAYS first, so that the load is shared. A fixed number of queries
however many people there are (see QUERIES)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock

from .models import (
    Assignment,
    DayPart,
    ExperienceArea,
    Language,
    Profile,
    Request,
    Role,
    Skill,
    Slot,
    TrainingRecord,
)

RECENT_DAYS = 90
MAX_SUGGESTIONS = 50
QUERIES = 9

WEIGHTS = {
    "area": 30,
    "training": 20,
    "skill": 10,
    "language": 10,
    "municipality": 10,
    "availability": 10,
}


@dataclass
class Suggestion:
    profile: Profile
    score: int
    recent_assignments: int
    reasons: list[str] = field(default_factory=list)
    # Only for the coordinator's eyes (never shown to a requester).
    matching_areas: list[str] = field(default_factory=list)


def suggestions(request: Request, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    dates = list(request.dates.all())
    wanted_skills = {s.pk: s for s in request.skills.all()}
    wanted_areas = {a.pk: a for a in request.experience_areas.all()}
    since = clock.now() - timedelta(days=RECENT_DAYS)
    busy = Q()
    for d in dates:
        busy |= Q(start__lt=d.end, end__gt=d.start)
    profiles = (
        Profile.objects.filter(status=Profile.Status.APPROVED, may_contact=True)
        .filter(roles__overlap=request.roles)
        .exclude(assignments__request=request, assignments__status=Assignment.Status.ACTIVE)
        .annotate(
            recent=Count(
                "assignments",
                filter=Q(assignments__created_at__gte=since)
                & Q(assignments__status=Assignment.Status.ACTIVE),
                distinct=True,
            ),
            trained=Exists(TrainingRecord.objects.filter(profile=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.all()),
            "municipalities",
            Prefetch("experience__areas", queryset=ExperienceArea.objects.all()),
        )
        .select_related("experience")
    )
    if busy:
        profiles = profiles.exclude(
            Exists(Slot.objects.filter(busy, profile=OuterRef("pk"), held=True))
        )
    weekdays = {timezone.localtime(d.start).weekday() for d in dates}
    parts = {DayPart.of_hour(timezone.localtime(d.start).hour) for d in dates}
    result = []
    for profile in profiles:
        score = 0
        reasons = []
        roles = [str(Role(r).label) for r in request.roles if r in profile.roles]
        reasons.append(_("Role: %(roles)s") % {"roles": ", ".join(roles)})
        record = getattr(profile, "experience", None)
        areas = [a for a in (record.areas.all() if record else []) if a.pk in wanted_areas]
        if areas:
            score += WEIGHTS["area"] * len(areas)
            reasons.append(_("Experience area: %(areas)s") % {"areas": ", ".join(map(str, areas))})
        if Role.EXPERT in request.roles and profile.trained:
            score += WEIGHTS["training"]
            reasons.append(_("Completed experience-expert training"))
        skills = [s for s in profile.skills.all() if s.pk in wanted_skills]
        if skills:
            score += WEIGHTS["skill"] * len(skills)
            reasons.append(_("Skills: %(skills)s") % {"skills": ", ".join(map(str, skills))})
        languages = [code for code in request.languages if code in profile.languages]
        if languages:
            score += WEIGHTS["language"]
            labels = ", ".join(str(Language(code).label) for code in languages)
            reasons.append(_("Language: %(languages)s") % {"languages": labels})
        elif request.languages:
            continue  # a language is asked for and the person speaks none of them
        if request.municipality_id and any(
            m.pk == request.municipality_id for m in profile.municipalities.all()
        ):
            score += WEIGHTS["municipality"]
            reasons.append(_("Acts in %(municipality)s") % {"municipality": request.municipality})
        if weekdays and weekdays <= set(profile.weekdays) and parts <= set(profile.day_parts):
            score += WEIGHTS["availability"]
            reasons.append(_("Available on the dates' weekdays and times"))
        reasons.append(
            _("%(count)s tasks in the last %(days)s days")
            % {"count": profile.recent, "days": RECENT_DAYS}
        )
        result.append(
            Suggestion(
                profile=profile,
                score=score,
                recent_assignments=profile.recent,
                reasons=reasons,
                matching_areas=[str(a) for a in areas],
            )
        )
    result.sort(key=lambda s: (-s.score, s.recent_assignments, s.profile.name, s.profile.pk))
    return result[:limit]
