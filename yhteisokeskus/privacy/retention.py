"""Retention: personal data that has served its purpose is anonymised by a daily task.

- Enrolments: name, email, needs and feedback text, RETENTION_ENROLMENT_DAYS after the
  training's last session (the rows stay, so attendance and feedback figures hold).
- Contact persons of the partnership network: name, title, email and phone,
  RETENTION_CONTACT_DAYS after the last of their partnerships ended (or, with none, after
  the record was last changed).
- Volunteer profiles: the experience areas (health data) with their consent, the name,
  phone and introduction, RETENTION_VOLUNTEER_DAYS after the person was last active in
  volunteering (no task still to come).
- Participants of work activity and work trials: name, contact, the referrer's
  reference, the goals and tasks and the feedback text, RETENTION_PLACEMENT_DAYS after
  their last placement ended (placements.privacy; the placements stay for the figures)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from core import clock
from organisations.models_network import ContactPerson
from placements.privacy import anonymise_ended_participants
from trainings.models import Enrolment
from volunteering.models import Profile as VolunteerProfile
from volunteering.services import coming_assignments, profile_anonymise

from .sections import anonymise_enrolments

ANONYMISED_NAME = "[poistettu]"


@transaction.atomic
def anonymise_old_enrolments(now=None) -> int:
    now = now or clock.now()
    limit = now - timedelta(days=settings.RETENTION_ENROLMENT_DAYS)
    due = (
        Enrolment.objects.annotate(last_end=Max("training__sessions__ends"))
        .filter(last_end__lt=limit)
        .exclude(email__endswith="@anonymised.invalid")
    )
    return anonymise_enrolments(due)


@transaction.atomic
def anonymise_old_contacts(now=None) -> int:
    now = now or clock.now()
    limit = now - timedelta(days=settings.RETENTION_CONTACT_DAYS)
    still_needed = Q(partnerships__ends_on__isnull=True) & Q(partnerships__isnull=False)
    still_needed |= Q(partnerships__ends_on__gte=limit.date())
    due = (
        ContactPerson.objects.exclude(still_needed)
        .filter(updated_at__lt=limit)
        .exclude(name=ANONYMISED_NAME)
        .distinct()
    )
    pks = list(due.values_list("pk", flat=True))
    # update(), not save(): an audit entry of the change would keep the old values.
    ContactPerson.objects.filter(pk__in=pks).update(
        name=ANONYMISED_NAME, title="", email="", phone="", service_area="", updated_at=now
    )
    return len(pks)


@transaction.atomic
def anonymise_inactive_volunteers(now=None) -> int:
    """Volunteer profiles (experience areas first of all) of people who have done nothing
    in volunteering for RETENTION_VOLUNTEER_DAYS, unless a task of theirs is still to
    come."""
    now = now or clock.now()
    limit = now - timedelta(days=settings.RETENTION_VOLUNTEER_DAYS)
    due = VolunteerProfile.objects.filter(last_active_at__lt=limit, anonymised_at__isnull=True)
    done = 0
    for profile in due:
        if coming_assignments(profile, now).exists():
            continue
        profile_anonymise(profile)
        done += 1
    return done


def apply_retention(now=None) -> dict:
    return {
        "enrolments": anonymise_old_enrolments(now),
        "contact_persons": anonymise_old_contacts(now),
        "volunteer_profiles": anonymise_inactive_volunteers(now),
        "placement_participants": anonymise_ended_participants(now),
    }
