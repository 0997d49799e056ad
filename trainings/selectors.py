"""Reads of trainings that apply permissions. Every enrolment queryset that leaves here
is scoped to the user: another person's or organisation's enrolment is simply not in
it, so views answer 404."""

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When

from core.access import is_staff
from organisations.models import Representative

from .models import Enrolment, Session, Training


def _sessions():
    return Prefetch("sessions", queryset=Session.objects.select_related("room__site"))


def catalogue():
    """Trainings shown to everyone, with their dates, counts, programme and sessions."""
    return (
        Training.objects.public()
        .with_dates()
        .with_counts()
        .select_related("programme")
        .prefetch_related(_sessions())
    )


def trainings_for_user(user):
    """The catalogue, and drafts too for staff."""
    trainings = (
        catalogue()
        if not is_staff(user)
        else (
            Training.objects.with_dates()
            .with_counts()
            .select_related("programme")
            .prefetch_related(_sessions())
        )
    )
    return trainings


def enrolments_for_user(user):
    """The person's own enrolments and those of the organisations they represent; every
    enrolment for staff."""
    enrolments = Enrolment.objects.select_related(
        "training", "organisation", "certificate", "feedback"
    )
    if is_staff(user):
        return enrolments
    if not (user and user.is_authenticated):
        return enrolments.none()
    represented = Representative.objects.approved().filter(user=user).values("organisation_id")
    return enrolments.filter(Q(user=user) | Q(organisation_id__in=represented))


def with_training_started(enrolments, now):
    """Each enrolment with ``training_started``: a session of its training has begun by
    ``now`` (feedback is asked for only then), in the same query."""
    started = Session.objects.filter(training_id=OuterRef("training_id"), starts__lte=now)
    return enrolments.annotate(training_started=Exists(started))


#: The tabs of "My enrolments", in the order they show.
ENROLMENT_GROUPS = ("upcoming", "past", "cancelled")


def listed_enrolments(user, now, *, represented):
    """The person's own enrolments and those of the organisations they represent (staff,
    too, see only theirs here), each with its training's first start and last end (two
    index lookups) and ``training_started``."""
    sessions = Session.objects.filter(training=OuterRef("training_id"))
    return (
        with_training_started(enrolments_for_user(user), now)
        .filter(Q(user=user) | Q(organisation_id__in=represented))
        .annotate(
            first_start=Subquery(sessions.order_by("starts").values("starts")[:1]),
            last_end=Subquery(sessions.order_by("-ends").values("ends")[:1]),
        )
    )


def _group_conditions(now) -> dict[str, Q]:
    """Cancelled and expired enrolments; the others, past once the training's last
    session has ended, upcoming until then (and while it has no dates)."""
    inactive = Q(status__in=(Enrolment.Status.CANCELLED, Enrolment.Status.EXPIRED))
    upcoming = ~inactive & (Q(last_end__isnull=True) | Q(last_end__gte=now))
    return {"upcoming": upcoming, "past": ~inactive & Q(last_end__lt=now), "cancelled": inactive}


def enrolment_group(enrolments, group: str, now):
    """One tab of ``listed_enrolments``: upcoming by the training's first date (those
    without dates last), past and cancelled newest first."""
    enrolments = enrolments.filter(_group_conditions(now)[group])
    if group == "upcoming":
        return enrolments.order_by(F("first_start").asc(nulls_last=True), "pk")
    return enrolments.order_by("-created_at", "-pk")


def enrolment_group_counts(enrolments, now) -> dict[str, int]:
    """{group: how many} of ``listed_enrolments``, in one query that looks up each
    enrolment's last session once."""
    conditions = _group_conditions(now)
    group = Case(
        When(conditions["cancelled"], then=Value("cancelled")),
        When(conditions["past"], then=Value("past")),
        default=Value("upcoming"),
    )
    counts = dict.fromkeys(ENROLMENT_GROUPS, 0)
    rows = (
        enrolments.order_by()
        .select_related(None)
        .annotate(group=group)
        .values_list("group")
        .annotate(n=Count("pk"))
    )
    counts.update(rows)
    return counts


def own_enrolments(user):
    """Only the person's own enrolments (their certificates and feedback)."""
    if not (user and user.is_authenticated):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(user=user).select_related("training", "certificate")


def trainings_to_mark(user):
    """Trainings whose attendance the person may mark: all for staff, their own as a
    trainer."""
    trainings = Training.objects.filter(
        status__in=[Training.Status.PUBLISHED, Training.Status.COMPLETED]
    )
    if is_staff(user):
        return trainings
    if not (user and user.is_authenticated):
        return trainings.none()
    return trainings.filter(trainer_accounts=user)


def waiting_positions(training_ids) -> dict[int, int]:
    """{enrolment id: position} of every waiting enrolment of these trainings, in one
    query (1 is next in line)."""
    positions, last_training, number = {}, None, 0
    for pk, training_id in (
        Enrolment.objects.waiting()
        .filter(training_id__in=training_ids)
        .order_by("training_id", "waiting_since", "pk")
        .values_list("pk", "training_id")
    ):
        number = number + 1 if training_id == last_training else 1
        last_training = training_id
        positions[pk] = number
    return positions
