"""Use cases of a person's profile: saving it, experience areas with consent,
approval, experience-expert training, and anonymisation."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from volunteering.errors import VolunteeringError
from volunteering.models import (
    Assignment,
    ExperienceRecord,
    Interest,
    Offer,
    Profile,
    Role,
    TrainingRecord,
)

from .base import _require_staff, _touch


@transaction.atomic
def profile_save(
    *,
    actor,
    name: str,
    phone: str = "",
    roles: list[str],
    languages: list[str],
    municipalities,
    skills=(),
    weekdays=(),
    day_parts=(),
    introduction: str = "",
    may_contact: bool = True,
    language: str = "fi",
) -> Profile:
    """Create or update the signed-in person's own profile. A new profile waits for a
    coordinator's approval; editing an approved one keeps it approved."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied
    if not (name or "").strip():
        raise VolunteeringError(_("Give your name."), field="name")
    if not roles:
        raise VolunteeringError(_("Choose at least one role."), field="roles")
    if not languages:
        raise VolunteeringError(_("Choose at least one language."), field="languages")
    if not municipalities:
        raise VolunteeringError(
            _("Choose at least one municipality where you can act."), field="municipalities"
        )
    now = clock.now()
    profile = Profile.objects.select_for_update().filter(user=actor).first()
    if profile is None:
        profile = Profile(user=actor, last_active_at=now)
    profile.name = name.strip()
    profile.phone = phone.strip()
    profile.roles = sorted(set(roles), key=list(Role.values).index)
    profile.languages = list(dict.fromkeys(languages))
    profile.weekdays = sorted({int(d) for d in weekdays})
    profile.day_parts = list(dict.fromkeys(day_parts))
    profile.introduction = introduction.strip()
    profile.may_contact = may_contact
    profile.language = language if language in dict(settings.LANGUAGES) else "fi"
    profile.last_active_at = now
    profile.save()
    profile.municipalities.set(municipalities)
    profile.skills.set(skills)
    training_records_sync(profile)
    return profile


@transaction.atomic
def experience_save(*, actor, profile: Profile, areas, consent: bool, consent_version: str):
    """Record the person's experience areas with their explicit consent (its time and
    the version of the text they agreed to). Only the person may do this."""
    if profile.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if not consent:
        raise VolunteeringError(
            _("Your experience areas are kept only with your consent. Tick the consent box."),
            field="consent",
        )
    if not areas:
        raise VolunteeringError(_("Choose at least one experience area."), field="areas")
    record, _created = ExperienceRecord.objects.update_or_create(
        profile=profile,
        defaults={"consent_given_at": clock.now(), "consent_version": consent_version},
    )
    record.areas.set(areas)
    _touch(profile)
    return record


@transaction.atomic
def experience_withdraw(*, actor, profile: Profile) -> bool:
    """Consent withdrawn: the experience areas are removed at once."""
    if profile.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    deleted, _rows = ExperienceRecord.objects.filter(profile=profile).delete()
    _touch(profile)
    return bool(deleted)


@transaction.atomic
def profile_set_status(*, actor, profile: Profile, status: str) -> Profile:
    """A coordinator approves or pauses a profile (or lets it wait again)."""
    _require_staff(actor)
    if status not in Profile.Status.values:
        raise VolunteeringError(_("Choose a status."), field="status")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    profile.status = status
    profile.status_changed_at = clock.now()
    profile.save(update_fields=["status", "status_changed_at"])
    return profile


def training_records_sync(profile: Profile) -> int:
    """Certificates of experience-expert trainings (trainings marked with an
    ExpertTrainingCourse) issued to the person's account become training records."""
    from trainings.models import Certificate

    certificates = Certificate.objects.filter(
        enrolment__user_id=profile.user_id,
        enrolment__training__expert_course__isnull=False,
        expert_training_record__isnull=True,
    ).select_related("enrolment__training")
    created = 0
    for certificate in certificates:
        TrainingRecord.objects.create(
            profile=profile,
            completed_on=timezone.localtime(certificate.issued_at).date(),
            certificate=certificate,
            trained_by=str(certificate.enrolment.training),
        )
        created += 1
    return created


@transaction.atomic
def training_record_add(*, actor, profile: Profile, completed_on: date, trained_by: str):
    """Staff enter experience-expert training completed elsewhere."""
    _require_staff(actor)
    if completed_on is None or completed_on > clock.today():
        raise VolunteeringError(_("Give a date that is not in the future."), field="completed_on")
    if not (trained_by or "").strip():
        raise VolunteeringError(_("Say who trained the person."), field="trained_by")
    return TrainingRecord.objects.create(
        profile=profile, completed_on=completed_on, trained_by=trained_by.strip(), entered_by=actor
    )


ANONYMISED = "[poistettu]"


def coming_assignments(profile: Profile, now=None):
    """Active tasks with a date still to come: a person is not erased from under them."""
    now = now or clock.now()
    return profile.assignments.filter(
        status=Assignment.Status.ACTIVE, slots__end__gt=now
    ).distinct()


@transaction.atomic
def profile_anonymise(profile: Profile) -> None:
    """Erasure or inactivity: the experience areas (health data) are deleted with their
    consent, the profile keeps no name, phone or introduction and is never matched
    again; the tasks and hours stay, nameless, for the figures and the fees paid."""
    now = clock.now()
    ExperienceRecord.objects.filter(profile=profile).delete()
    Offer.objects.filter(profile=profile, status=Offer.Status.OFFERED).update(
        status=Offer.Status.WITHDRAWN, responded_at=now
    )
    Interest.objects.filter(profile=profile).delete()
    # update(), not save(): an audit entry of the change would keep the old values.
    Profile.objects.filter(pk=profile.pk).update(
        name=ANONYMISED,
        phone="",
        introduction="",
        may_contact=False,
        status=Profile.Status.PAUSED,
        weekdays=[],
        day_parts=[],
        anonymised_at=now,
    )
    profile.municipalities.clear()
    profile.skills.clear()
