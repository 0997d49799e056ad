"""The participant's data in placements for the privacy pages (export and erasure,
yhteisokeskus/privacy) and the retention task: a participant is anonymised
``RETENTION_PLACEMENT_DAYS`` after their last placement ended. The placements stay, with
their kind, host, authority, dates and attendance, so that the figures hold; the name,
contact, the link to the account, the referrer's reference, the goals and tasks written
for the person, the reason for ending and the feedback text go, and so do the built
attendance reports that name the person (a report asked for again shows the
anonymised row)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from core import clock

from .models import AttendanceReport, Feedback, Participant, Placement

ANONYMISED = "[poistettu]"
DEFAULT_RETENTION_DAYS = 2 * 365


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> list[dict]:
    """The placements of the participant whose account this is, with their attendance
    and the feedback given on them by the participant."""
    out = []
    for participant in Participant.objects.filter(user=user).order_by("pk"):
        placements = participant.placements.select_related("host__organisation", "authority")
        out.append(
            {
                "name": participant.name,
                "email": participant.email,
                "phone": participant.phone,
                "placements": [
                    {
                        "kind": p.kind,
                        "host": p.host.organisation.name,
                        "referring_authority": p.authority.name,
                        "referrer_reference": p.referrer_reference,
                        "start": _iso(p.start_date),
                        "end": _iso(p.end_date),
                        "status": p.status,
                        "goals": p.goals,
                        "tasks": p.tasks,
                        "attendance": [
                            {"day": _iso(a.day), "status": a.status, "hours": str(a.hours or "")}
                            for a in p.attendances.all()
                        ],
                        "own_feedback": [
                            {"stage": f.stage, "text": f.text}
                            for f in p.feedback.filter(role=Feedback.Role.PARTICIPANT)
                        ],
                    }
                    for p in placements.order_by("start_date", "pk")
                ],
            }
        )
    return out


def blockers(user, now) -> list[str]:
    """A placement still running or to come: the expense compensation is still paid on
    its attendance, so the participant's data cannot go yet."""
    running = Placement.objects.filter(
        participant__user=user,
        status=Placement.Status.ACTIVE,
        end_date__gte=now.date(),
    )
    if running.exists():
        return [_("You have a placement in work activity or a work trial that has not ended.")]
    return []


def identifying_values(user) -> list[str]:
    values = []
    for name, email, phone in Participant.objects.filter(user=user).values_list(
        "name", "email", "phone"
    ):
        values.extend([name, email, phone])
    values.extend(
        Placement.objects.filter(participant__user=user).values_list(
            "referrer_reference", flat=True
        )
    )
    return [v for v in values if v]


def anonymise(participants) -> int:
    """Anonymise the participants and what was written about them; return how many.
    update(), not save(): an audit entry of the change would keep the old values."""
    pks = list(participants.exclude(name=ANONYMISED).values_list("pk", flat=True))
    if not pks:
        return 0
    Participant.objects.filter(pk__in=pks).update(name=ANONYMISED, email="", phone="", user=None)
    placements = Placement.objects.filter(participant__in=pks)
    placements.update(referrer_reference="", goals=ANONYMISED, tasks=ANONYMISED, end_reason="")
    Feedback.objects.filter(placement__in=placements).update(text="", author=None)
    _forget_reports_naming(placements)
    return len(pks)


def _forget_reports_naming(placements) -> None:
    """Delete the stored attendance reports of the months these placements ran in, with
    their files once the transaction commits: a PDF keeps the name it was built with."""
    covering = Q(pk__in=[])
    for authority_id, start, end in placements.values_list("authority", "start_date", "end_date"):
        covering |= Q(authority=authority_id, month__gte=start.replace(day=1), month__lte=end)
    reports = list(AttendanceReport.objects.filter(covering))
    for report in reports:
        if report.file:
            transaction.on_commit(lambda f=report.file: f.delete(save=False))
    AttendanceReport.objects.filter(pk__in=[r.pk for r in reports]).delete()


def erase(user) -> None:
    """The person's own participations, and the link to the feedback they gave as a
    supervisor (its text stays the host's)."""
    anonymise(Participant.objects.filter(user=user))
    Feedback.objects.filter(author=user).update(author=None)


@transaction.atomic
def anonymise_ended_participants(now=None) -> int:
    """The daily retention task: participants whose every placement ended at least the
    retention period ago (none still running or to come)."""
    now = now or clock.now()
    days = getattr(settings, "RETENTION_PLACEMENT_DAYS", DEFAULT_RETENTION_DAYS)
    limit = (now - timedelta(days=days)).date()
    due = (
        Participant.objects.annotate(last_end=Max("placements__end_date"))
        .filter(last_end__lt=limit)
        .exclude(Q(name=ANONYMISED))
    )
    return anonymise(due)
