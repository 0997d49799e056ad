"""Reads of trainings that apply permissions. Every enrolment queryset that leaves here
is scoped to the user: another person's or organisation's enrolment is simply not in
it, so views answer 404."""

from django.db.models import Exists, OuterRef, Prefetch, Q

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
