"""Reads of volunteering that apply permissions. Every queryset that leaves here is
scoped to the user it was asked for: a requester sees their organisations' requests, a
person their own profile, offers, tasks and hours, staff (the coordinators) all.
Experience areas never leave here except for the person and staff (see
experience_visible)."""

from allauth.account.models import EmailAddress
from django.db.models import Q

from core import clock
from core.access import is_staff
from organisations.models import Organisation, Partnership, Representative

from .models import Assignment, HourEntry, Offer, Profile, Report, Request


def partner_organisation_ids(user) -> set[int]:
    """Partners (with a partnership in force) that name the person, by a verified email
    of theirs, as one of their contact persons: a wellbeing county professional, say."""
    if not (user and user.is_authenticated):
        return set()
    emails = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    if not emails:
        return set()
    match = Q()
    for email in emails:
        match |= Q(partner_contacts__email__iexact=email)
    return set(
        Partnership.objects.active_on(clock.today())
        .filter(match)
        .values_list("partner_id", flat=True)
    )


def requester_organisation_ids(user) -> set[int]:
    """The organisations the person may ask for people for (staff: any, not listed)."""
    if not (user and user.is_authenticated):
        return set()
    represented = set(
        Representative.objects.approved()
        .filter(user=user)
        .values_list("organisation_id", flat=True)
    )
    return represented | partner_organisation_ids(user)


def requester_organisations(user):
    if is_staff(user):
        return Organisation.objects.active()
    return Organisation.objects.filter(pk__in=requester_organisation_ids(user))


def may_request_for(user, organisation) -> bool:
    if is_staff(user):
        return True
    return getattr(organisation, "pk", organisation) in requester_organisation_ids(user)


def requests_for_user(user):
    """The requests the person may manage: their organisations' (all for staff)."""
    if is_staff(user):
        return Request.objects.all()
    return Request.objects.filter(organisation_id__in=requester_organisation_ids(user))


def public_requests():
    """Open requests marked public, before their answer date: what volunteers see."""
    return Request.objects.filter(
        is_public=True, status=Request.Status.OPEN, answer_by__gte=clock.today()
    )


def own_profile(user) -> Profile | None:
    if not (user and user.is_authenticated):
        return None
    return Profile.objects.filter(user=user).first()


def offers_for_person(user):
    return Offer.objects.filter(profile__user=user)


def assignments_for_user(user):
    """Assignments the person holds, or of the requests they manage (all for staff)."""
    if is_staff(user):
        return Assignment.objects.all()
    if not (user and user.is_authenticated):
        return Assignment.objects.none()
    return Assignment.objects.filter(
        Q(profile__user=user) | Q(request__organisation_id__in=requester_organisation_ids(user))
    )


def own_hours(user):
    """The person's own hour entries."""
    if not (user and user.is_authenticated):
        return HourEntry.objects.none()
    return HourEntry.objects.filter(assignment__profile__user=user)


def hours_for_requester(user):
    if is_staff(user):
        return HourEntry.objects.all()
    return HourEntry.objects.filter(
        assignment__request__organisation_id__in=requester_organisation_ids(user)
    )


def experience_visible(user, profile: Profile) -> bool:
    """Experience areas are shown to the person and to coordinators only."""
    return is_staff(user) or (user and user.is_authenticated and profile.user_id == user.pk)


def reports_for_user(user):
    """Staff see every report; a requester their organisations' statements; a person
    their own certificate."""
    if is_staff(user):
        return Report.objects.all()
    if not (user and user.is_authenticated):
        return Report.objects.none()
    return Report.objects.filter(
        Q(kind=Report.Kind.STATEMENT, organisation_id__in=requester_organisation_ids(user))
        | Q(kind=Report.Kind.CERTIFICATE, profile__user=user)
    )


def personal_data(user) -> dict | None:
    """The person's volunteering data for the privacy export (None without a profile):
    their profile, experience areas with the consent, training, interest, offers, tasks
    and hours."""
    profile = (
        Profile.objects.filter(user=user)
        .select_related("experience")
        .prefetch_related("municipalities", "skills", "experience__areas")
        .first()
    )
    if profile is None:
        return None

    def iso(value):
        return value.isoformat() if value else None

    record = getattr(profile, "experience", None)
    return {
        "name": profile.name,
        "phone": profile.phone,
        "roles": profile.roles,
        "languages": profile.languages,
        "municipalities": [m.name for m in profile.municipalities.all()],
        "skills": [s.name_fi for s in profile.skills.all()],
        "weekdays": profile.weekdays,
        "times_of_day": profile.day_parts,
        "introduction": profile.introduction,
        "may_contact": profile.may_contact,
        "status": profile.status,
        "created_at": iso(profile.created_at),
        "experience_areas": (
            {
                "areas": [a.name_fi for a in record.areas.all()],
                "consent_given_at": iso(record.consent_given_at),
                "consent_version": record.consent_version,
            }
            if record
            else None
        ),
        "training": [
            {"completed_on": iso(t.completed_on), "trained_by": t.trained_by}
            for t in profile.training_records.all()
        ],
        "interests": [
            {"request": i.request.title, "at": iso(i.created_at)}
            for i in profile.interests.select_related("request")
        ],
        "offers": [
            {"request": o.request.title, "status": o.status, "offered_at": iso(o.created_at)}
            for o in profile.offers.select_related("request")
        ],
        "tasks": [
            {
                "request": a.request.title,
                "organisation": a.request.organisation.name,
                "status": a.status,
                "cancel_reason": a.cancel_reason,
                "hours": [
                    {
                        "date": iso(h.date),
                        "hours": str(h.hours),
                        "note": h.note,
                        "status": h.status,
                        "fee": None if h.fee is None else str(h.fee),
                        "travel": None if h.travel is None else str(h.travel),
                    }
                    for h in a.hours.all()
                ],
            }
            for a in profile.assignments.select_related("request__organisation").prefetch_related(
                "hours"
            )
        ],
    }
