"""Use cases of trainings that write. Pages, the API, the admin, commands and tasks all
call these; every error a person can cause is a TrainingError (or, for a session's room,
facilities' BookingError) with a translated message naming its field.

Capacity is a rule about many rows, so each service that changes who holds a place
locks the training row first (select_for_update): of many people enrolling at once,
exactly ``capacity`` are confirmed and the rest join the waiting list in order."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock, pagecache
from core.access import is_staff
from facilities import services as facility_services
from organisations.models import Organisation, Representative

from . import notifications
from .calendar import training_calendar_sync
from .errors import TrainingError
from .models import (
    Attendance,
    Certificate,
    Enrolment,
    Feedback,
    NotificationKind,
    Session,
    Training,
)

logger = logging.getLogger(__name__)

ALREADY_ENROLLED = _("This email is already enrolled in the training.")


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _locked_training(training: Training) -> Training:
    return Training.objects.select_for_update().get(pk=training.pk)


# --- Trainings and sessions -------------------------------------------------------------


def _announce_published(training: Training):
    """The public calendar shows a published training and its sessions (calendar.py)."""
    training_calendar_sync(training)


@transaction.atomic
def training_publish(*, actor, training: Training) -> Training:
    _require_staff(actor)
    training = _locked_training(training)
    if training.status != Training.Status.DRAFT:
        raise TrainingError(_("Only a draft can be published."), field="status")
    if not training.sessions.exists():
        raise TrainingError(_("Add at least one session before publishing."), field="status")
    training.status = Training.Status.PUBLISHED
    training.published_at = clock.now()
    training.save(update_fields=["status", "published_at"])
    _announce_published(training)
    logger.info("training %s published by user %s", training.pk, actor.pk)
    return training


@transaction.atomic
def training_cancel(*, actor, training: Training) -> Training:
    """Cancel the training: its room bookings are released and everyone enrolled is told."""
    _require_staff(actor)
    training = _locked_training(training)
    if training.status in (Training.Status.CANCELLED, Training.Status.COMPLETED):
        raise TrainingError(_("The training has already ended or been cancelled."), field="status")
    for session in training.sessions.select_related("booking").filter(booking__isnull=False):
        if session.booking.is_holding:
            facility_services.booking_cancel(actor=actor, booking=session.booking)
    was_public = training.status == Training.Status.PUBLISHED
    training.status = Training.Status.CANCELLED
    training.save(update_fields=["status"])
    if was_public:
        _announce_published(training)  # the calendar shows it cancelled
    if was_public:
        for enrolment in training.enrolments.active():
            notifications.queue(enrolment, NotificationKind.CANCELLED)
    return training


@transaction.atomic
def training_complete(*, actor, training: Training) -> Training:
    _require_staff(actor)
    training = _locked_training(training)
    if training.status != Training.Status.PUBLISHED:
        raise TrainingError(_("Only a published training can be completed."), field="status")
    training.status = Training.Status.COMPLETED
    training.save(update_fields=["status"])
    return training


@transaction.atomic
def session_create(
    *, actor, training: Training, starts, ends, room=None, online_url: str = "", language="fi"
) -> Session:
    """Add a session. A room is booked through facilities for the training's organiser;
    when the room is taken, the booking's message is raised and nothing is saved."""
    _require_staff(actor)
    online_url = (online_url or "").strip()
    if starts is None or ends is None or ends <= starts:
        raise TrainingError(_("The end must be after the start."), field="ends")
    if room is None and not online_url:
        raise TrainingError(_("Choose a room or give an online link."), field="room")
    if training.status in (Training.Status.CANCELLED, Training.Status.COMPLETED):
        raise TrainingError(
            _("The training has already ended or been cancelled."), field="training"
        )
    booking = None
    if room is not None:
        if training.organiser_id is None:
            raise TrainingError(
                _("Choose the organiser of the training before booking a room."), field="room"
            )
        booking = facility_services.booking_create(
            actor=actor,
            room=room,
            organisation=training.organiser,
            start=starts,
            end=ends,
            purpose=training.title_fi[:200],
            attendees=training.capacity,
            language=language,
        )
    session = Session.objects.create(
        training=training,
        starts=starts,
        ends=ends,
        room=room,
        booking=booking,
        online_url=online_url,
    )
    if training.status == Training.Status.PUBLISHED:
        _announce_published(training)
    return session


# --- Who may do what -----------------------------------------------------------------


def represented_ids(user) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    return set(
        Representative.objects.approved()
        .filter(user=user)
        .values_list("organisation_id", flat=True)
    )


def may_manage_enrolment(user, enrolment: Enrolment, *, represented=None) -> bool:
    """Staff; the participant; a representative of the organisation that enrolled them."""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated):
        return False
    if enrolment.user_id == user.pk:
        return True
    if enrolment.organisation_id is None:
        return False
    represented = represented if represented is not None else represented_ids(user)
    return enrolment.organisation_id in represented


def may_cancel(user, enrolment: Enrolment, *, now=None, represented=None) -> bool:
    if not enrolment.is_active or not may_manage_enrolment(
        user, enrolment, represented=represented
    ):
        return False
    if is_staff(user) or enrolment.status == Enrolment.Status.OFFERED:
        return True
    return (now or clock.now()) < enrolment.training.enrolment_closes


def may_mark_attendance(user, training: Training) -> bool:
    if is_staff(user):
        return True
    if not (user and user.is_authenticated):
        return False
    return training.trainer_accounts.filter(pk=user.pk).exists()


# --- Enrolment -----------------------------------------------------------------------


def _account_for(email: str):
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


def _is_email_violation(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == "enrolment_email_once_per_training"


def _validate_person(name: str, email: str):
    if not name:
        raise TrainingError(_("Give the participant's name."), field="name")
    if not email:
        raise TrainingError(_("Give the participant's email address."), field="email")
    try:
        validate_email(email)
    except Exception:
        raise TrainingError(_("Give a valid email address."), field="email") from None


def _check_window(training: Training, now, actor):
    if training.status != Training.Status.PUBLISHED:
        raise TrainingError(_("This training is not open for enrolment."))
    if is_staff(actor):
        return
    if now < training.enrolment_opens:
        raise TrainingError(
            _("Enrolment opens on %(date)s."), params={"date": _local(training.enrolment_opens)}
        )
    if now >= training.enrolment_closes:
        raise TrainingError(
            _("Enrolment closed on %(date)s."), params={"date": _local(training.enrolment_closes)}
        )


@transaction.atomic
def enrolment_create(
    *,
    actor,
    training: Training,
    name: str,
    email: str = "",
    needs: str = "",
    organisation: Organisation | None = None,
    language: str = "fi",
) -> Enrolment:
    """Enrol a person: the actor themself (no organisation), or someone of an
    organisation the actor represents. Confirmed while places last, then on the waiting
    list in order."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied
    name = (name or "").strip()
    email = (email or "").strip()
    if organisation is None:
        email = actor.email  # enrolling oneself: one's own address, and one's account
    elif not is_staff(actor) and organisation.pk not in represented_ids(actor):
        raise PermissionDenied
    _validate_person(name, email)
    if len(needs or "") > 2000:
        raise TrainingError(_("Write at most 2000 characters."), field="needs")
    # What does not depend on the training's places is read before its lock, which
    # everyone enrolling in it waits for in turn: the lock is held only for the checks
    # of its enrolments, the insert and the outbox row.
    is_member = organisation is not None and organisation.memberships.active().exists()
    account = actor if organisation is None else _account_for(email)
    now = clock.now()
    training = _locked_training(training)
    _check_window(training, now, actor)
    active = training.enrolments.active()
    if active.filter(email__iexact=email).exists():
        raise TrainingError(ALREADY_ENROLLED, field="email")
    if organisation is not None and training.max_per_organisation:
        if active.filter(organisation=organisation).count() >= training.max_per_organisation:
            raise TrainingError(
                _("An organisation can enrol at most %(count)s people in this training."),
                field="organisation",
                params={"count": training.max_per_organisation},
            )
    has_place = training.enrolments.holding().count() < training.capacity
    enrolment = Enrolment(
        training=training,
        user=account,
        organisation=organisation,
        enrolled_by=actor,
        name=name,
        email=email,
        needs=(needs or "").strip(),
        status=Enrolment.Status.CONFIRMED if has_place else Enrolment.Status.WAITING,
        price=training.price_for(is_member=is_member),
        member_price=is_member,
        language=language,
        created_at=now,
        confirmed_at=now if has_place else None,
        waiting_since=None if has_place else now,
    )
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as error:
        if _is_email_violation(error):
            raise TrainingError(ALREADY_ENROLLED, field="email") from None
        raise
    notifications.queue(
        enrolment, NotificationKind.CONFIRMED if has_place else NotificationKind.WAITING
    )
    logger.info("enrolment %s (%s) by user %s", enrolment.pk, enrolment.status, actor.pk)
    return enrolment


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if enrolment.status != Enrolment.Status.WAITING:
        return None
    return (
        Enrolment.objects.waiting()
        .filter(training_id=enrolment.training_id)
        .filter(
            Q(waiting_since__lt=enrolment.waiting_since)
            | Q(waiting_since=enrolment.waiting_since, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


def _fill_places(training: Training, now) -> list[Enrolment]:
    """Give free places to the waiting list in order. The training row is locked."""
    if training.status != Training.Status.PUBLISHED:
        return []
    free = training.capacity - training.enrolments.holding().count()
    if free <= 0:
        return []
    moved = list(training.enrolments.waiting().select_for_update()[:free])
    for enrolment in moved:
        enrolment.waiting_since = None
        if training.waitlist_mode == Training.WaitlistMode.OFFER:
            enrolment.status = Enrolment.Status.OFFERED
            enrolment.offer_expires_at = now + timedelta(hours=training.offer_hours)
            kind = NotificationKind.OFFERED
        else:
            enrolment.status = Enrolment.Status.CONFIRMED
            enrolment.confirmed_at = now
            kind = NotificationKind.PROMOTED
        enrolment.save(
            update_fields=["status", "waiting_since", "offer_expires_at", "confirmed_at"]
        )
        notifications.queue(enrolment, kind)
    return moved


def _locked_enrolment(enrolment: Enrolment) -> tuple[Training, Enrolment]:
    training = _locked_training(enrolment.training)
    return training, Enrolment.objects.select_for_update().get(pk=enrolment.pk)


@transaction.atomic
def enrolment_cancel(*, actor, enrolment: Enrolment) -> Enrolment:
    """Cancel (or decline an offered place). Participants and their organisation's
    representatives until enrolment closes; staff at any time. A freed place goes to the
    waiting list."""
    if not may_manage_enrolment(actor, enrolment):
        raise PermissionDenied
    training, enrolment = _locked_enrolment(enrolment)
    now = clock.now()
    if not enrolment.is_active:
        raise TrainingError(_("This enrolment has already been cancelled."))
    if (
        not is_staff(actor)
        and enrolment.status != Enrolment.Status.OFFERED
        and now >= training.enrolment_closes
    ):
        raise TrainingError(
            _("Enrolment closed on %(date)s, so it can no longer be cancelled. Ask the staff."),
            params={"date": _local(training.enrolment_closes)},
        )
    held = enrolment.holds_place
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.waiting_since = None
    enrolment.offer_expires_at = None
    enrolment.cancelled_at = now
    enrolment.cancelled_by = actor
    enrolment.save(
        update_fields=[
            "status",
            "waiting_since",
            "offer_expires_at",
            "cancelled_at",
            "cancelled_by",
        ]
    )
    if held:
        _fill_places(training, now)
    return enrolment


@transaction.atomic
def offer_accept(*, actor, enrolment: Enrolment) -> Enrolment:
    if not may_manage_enrolment(actor, enrolment):
        raise PermissionDenied
    _training, enrolment = _locked_enrolment(enrolment)
    now = clock.now()
    if enrolment.status != Enrolment.Status.OFFERED:
        raise TrainingError(_("No place is on offer for this enrolment."))
    if enrolment.offer_expires_at <= now:
        raise TrainingError(
            _("The offer expired on %(date)s."), params={"date": _local(enrolment.offer_expires_at)}
        )
    enrolment.status = Enrolment.Status.CONFIRMED
    enrolment.offer_expires_at = None
    enrolment.confirmed_at = now
    enrolment.save(update_fields=["status", "offer_expires_at", "confirmed_at"])
    notifications.queue(enrolment, NotificationKind.CONFIRMED)
    return enrolment


def expire_offers(now=None) -> int:
    """Expired offers move on to the next on the waiting list. Periodic; safe to run
    twice or in two workers (each training is handled under its row lock)."""
    now = now or clock.now()
    training_ids = set(
        Enrolment.objects.filter(
            status=Enrolment.Status.OFFERED, offer_expires_at__lte=now
        ).values_list("training_id", flat=True)
    )
    expired = 0
    for training_id in sorted(training_ids):
        with transaction.atomic():
            training = Training.objects.select_for_update().get(pk=training_id)
            expired += training.enrolments.filter(
                status=Enrolment.Status.OFFERED, offer_expires_at__lte=now
            ).update(status=Enrolment.Status.EXPIRED, offer_expires_at=None, cancelled_at=now)
            _fill_places(training, now)
            pagecache.bump_on_commit("trainings")  # places left; signals miss an update()
    if expired:
        logger.info("%s training place offers expired", expired)
    return expired


# --- Attendance, certificates, feedback --------------------------------------------------


def _qualifies(training: Training, attended: int, total: int) -> bool:
    rule = Training.CertificateRule
    if training.certificate_rule == rule.ALL_SESSIONS:
        return total > 0 and attended >= total
    if training.certificate_rule == rule.MIN_SESSIONS:
        return attended >= training.certificate_min_sessions
    return False


def _issue(enrolment: Enrolment, actor, now) -> Certificate:
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        number=f"YK-{timezone.localtime(now).year}-{enrolment.training_id:04d}-{enrolment.pk:06d}",
        issued_at=now,
        issued_by=actor,
    )
    notifications.queue(enrolment, NotificationKind.CERTIFICATE)
    return certificate


def certificates_issue_by_rule(*, actor, training: Training) -> list[Certificate]:
    """Certificates for the confirmed participants who now meet the training's rule."""
    if training.certificate_rule in (Training.CertificateRule.STAFF, Training.CertificateRule.NONE):
        return []
    total = training.sessions.count()
    candidates = (
        training.enrolments.confirmed()
        .filter(certificate__isnull=True)
        .annotate(attended=Count("attendance", filter=Q(attendance__present=True)))
    )
    now = clock.now()
    return [
        _issue(enrolment, actor, now)
        for enrolment in candidates
        if _qualifies(training, enrolment.attended, total)
    ]


@transaction.atomic
def attendance_mark(*, actor, session: Session, present_ids) -> int:
    """Record who of the confirmed participants were present at the session (the rest
    absent), then issue the certificates the rule now grants."""
    training = Training.objects.get(pk=session.training_id)
    if not may_mark_attendance(actor, training):
        raise PermissionDenied
    if training.status not in (Training.Status.PUBLISHED, Training.Status.COMPLETED):
        raise TrainingError(_("Attendance is marked for published trainings only."))
    present_ids = {int(pk) for pk in present_ids}
    enrolments = list(training.enrolments.confirmed())
    known = {e.pk for e in enrolments}
    if present_ids - known:
        raise TrainingError(_("Mark only the confirmed participants of the training."))
    now = clock.now()
    existing = {a.enrolment_id: a for a in session.attendance.all()}
    for enrolment in enrolments:
        present = enrolment.pk in present_ids
        row = existing.get(enrolment.pk)
        if row is None:
            Attendance.objects.create(
                enrolment=enrolment,
                session=session,
                present=present,
                marked_by=actor,
                marked_at=now,
            )
        elif row.present != present:
            row.present, row.marked_by, row.marked_at = present, actor, now
            row.save(update_fields=["present", "marked_by", "marked_at"])
    certificates_issue_by_rule(actor=actor, training=training)
    return len(present_ids)


@transaction.atomic
def certificate_issue(*, actor, enrolment: Enrolment) -> Certificate:
    """Staff issue a certificate by their own decision."""
    _require_staff(actor)
    _training, enrolment = _locked_enrolment(enrolment)
    if enrolment.status != Enrolment.Status.CONFIRMED:
        raise TrainingError(_("A certificate is issued to confirmed participants only."))
    if Certificate.objects.filter(enrolment=enrolment).exists():
        raise TrainingError(_("This participant already has a certificate."))
    return _issue(enrolment, actor, clock.now())


@transaction.atomic
def feedback_submit(*, actor, enrolment: Enrolment, rating, comment: str = "") -> Feedback:
    """The participant's feedback, once, after the training has begun."""
    if not (actor and actor.is_authenticated) or enrolment.user_id != actor.pk:
        raise PermissionDenied
    if enrolment.status != Enrolment.Status.CONFIRMED:
        raise TrainingError(_("Only confirmed participants can give feedback."))
    if not enrolment.training.sessions.filter(starts__lte=clock.now()).exists():
        raise TrainingError(_("Feedback can be given once the training has begun."))
    if rating is None or not 1 <= int(rating) <= 5:
        raise TrainingError(_("Choose a rating from 1 to 5."), field="rating")
    if len(comment or "") > 4000:
        raise TrainingError(_("Write at most 4000 characters."), field="comment")
    if Feedback.objects.filter(enrolment=enrolment).exists():
        raise TrainingError(_("You have already given feedback on this training."))
    return Feedback.objects.create(
        enrolment=enrolment,
        rating=int(rating),
        comment=(comment or "").strip(),
        created_at=clock.now(),
    )
