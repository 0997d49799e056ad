"""What each app holds of a person: export, blockers of erasure, and erasure."""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.utils.translation import ngettext
from rest_framework.authtoken.models import Token

from core.models import AuditEntry
from events.models import Event
from facilities.models import Booking, Report
from grants.models import Application as GrantApplication
from grants.models import ConflictOfInterest, Review
from insights.models import Interpretation
from organisations.models import Membership, Representative
from placements import privacy as placements_privacy
from trainings.models import Enrolment
from volunteering import selectors as volunteering_selectors
from volunteering import services as volunteering_services
from volunteering.models import Profile as VolunteerProfile


def _iso(value):
    return value.isoformat() if value else None


def _none(*args):
    return []


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable
    blockers: Callable = _none
    erase: Callable = _none
    identifying_values: Callable = _none


# --- the account ----------------------------------------------------------------------


def _account(user):
    return {
        "email": user.email,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _account_values(user):
    return list(EmailAddress.objects.filter(user=user).values_list("email", flat=True))


def _account_erase(user):
    EmailAddress.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()


# --- organisations ----------------------------------------------------------------------


def _representatives(user):
    return [
        {
            "organisation": r.organisation.name,
            "role": r.role,
            "status": r.status,
            "message": r.message,
            "requested_at": _iso(r.requested_at),
        }
        for r in Representative.objects.filter(user=user).select_related("organisation")
    ]


def _memberships(user):
    return [
        {
            "organisation": m.organisation.name,
            "status": m.status,
            "application_text": m.application_text,
            "applied_at": _iso(m.applied_at),
        }
        for m in Membership.objects.filter(applied_by=user).select_related("organisation")
    ]


def _representatives_erase(user):
    # Whoever no longer has an account represents nobody.
    Representative.objects.filter(user=user).delete()


# --- bookings ----------------------------------------------------------------------------


def _bookings(user):
    return [
        {
            "room": b.room.name,
            "organisation": b.organisation.name,
            "start": _iso(b.start),
            "end": _iso(b.end),
            "status": b.status,
            "purpose": b.purpose,
            "attendees": b.attendees,
            "requests": b.requests,
            "price": str(b.price),
        }
        for b in Booking.objects.filter(created_by=user)
        .select_related("room", "organisation")
        .order_by("start")
    ]


def _booking_blockers(user, now):
    coming = Booking.objects.filter(
        created_by=user,
        start__gt=now,
        status__in=[Booking.Status.REQUESTED, Booking.Status.CONFIRMED],
    ).count()
    if coming:
        message = ngettext(
            "You have %(count)s booking still to come; cancel it first.",
            "You have %(count)s bookings still to come; cancel them first.",
            coming,
        )
        return [message % {"count": coming}]
    return []


# --- trainings ---------------------------------------------------------------------------

ACTIVE_ENROLMENT = [
    Enrolment.Status.CONFIRMED,
    Enrolment.Status.WAITING,
    Enrolment.Status.OFFERED,
]


def _enrolments_of(user):
    return Enrolment.objects.filter(Q(user=user) | Q(email__iexact=user.email, user__isnull=True))


def _enrolments(user):
    return [
        {
            "training": e.training.title,
            "name": e.name,
            "email": e.email,
            "needs": e.needs,
            "status": e.status,
            "enrolled_at": _iso(e.created_at),
            "feedback": (
                {"rating": e.feedback.rating, "comment": e.feedback.comment}
                if hasattr(e, "feedback")
                else None
            ),
        }
        for e in _enrolments_of(user).select_related("training", "feedback").order_by("pk")
    ]


def _enrolment_blockers(user, now):
    coming = (
        _enrolments_of(user)
        .filter(status__in=ACTIVE_ENROLMENT, training__sessions__ends__gt=now)
        .values("training")
        .distinct()
        .count()
    )
    if coming:
        message = ngettext(
            "You are enrolled in %(count)s training still to come; cancel the enrolment first.",
            "You are enrolled in %(count)s trainings still to come; cancel the enrolments first.",
            coming,
        )
        return [message % {"count": coming}]
    return []


def _enrolment_values(user):
    return [n for n in _enrolments_of(user).values_list("name", flat=True) if " " in n]


def _enrolments_erase(user):
    anonymise_enrolments(_enrolments_of(user))


def anonymise_enrolments(enrolments) -> int:
    """Name, email, needs and feedback text gone; the row stays for the statistics."""
    from trainings.models import Feedback

    pks = list(enrolments.values_list("pk", flat=True))
    Feedback.objects.filter(enrolment__in=pks).update(comment="")
    for pk in pks:
        Enrolment.objects.filter(pk=pk).update(
            name="[poistettu]", email=f"poistettu-{pk}@anonymised.invalid", needs=""
        )
    _scrub_audit_of(Enrolment, pks, fields=("name", "email", "needs"))
    return len(pks)


def _scrub_audit_of(model, pks, *, fields):
    """The audit log of these rows keeps who changed what, not the personal values."""
    from django.contrib.contenttypes.models import ContentType

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )
    for entry in entries:
        changes = {
            key: ("[poistettu]" if key in fields else value) for key, value in entry.changes.items()
        }
        AuditEntry.objects.filter(pk=entry.pk).update(changes=changes, object_repr="[poistettu]")


# --- events --------------------------------------------------------------------------------


# --- volunteering -------------------------------------------------------------------------


def _volunteering(user):
    return volunteering_selectors.personal_data(user)


def _volunteering_blockers(user, now):
    profile = VolunteerProfile.objects.filter(user=user).first()
    coming = volunteering_services.coming_assignments(profile, now).count() if profile else 0
    if coming:
        message = ngettext(
            "You have %(count)s volunteering task still to come; cancel it first.",
            "You have %(count)s volunteering tasks still to come; cancel them first.",
            coming,
        )
        return [message % {"count": coming}]
    return []


def _volunteering_erase(user):
    profile = VolunteerProfile.objects.filter(user=user).first()
    if profile is not None:
        volunteering_services.profile_anonymise(profile)


def _volunteering_values(user):
    profile = VolunteerProfile.objects.filter(user=user).first()
    return [profile.name, profile.phone] if profile else []


def _events(user):
    return [
        {"name": e.name, "start": _iso(e.start), "publication": e.publication}
        for e in Event.objects.filter(created_by=user).order_by("pk")
    ]


def _reports(user):
    return [
        {"kind": r.kind, "month": _iso(r.month), "created_at": _iso(r.created_at)}
        for r in Report.objects.filter(requested_by=user)
    ]


def _activity(user):
    return [
        {"at": _iso(e.at), "action": e.action, "object": e.object_repr}
        for e in AuditEntry.objects.filter(actor=user).order_by("at")[:1000]
    ]


def _interpretations(user):
    """Interpretations of municipalities' figures the person wrote (a representative's
    drafts, or published ones). They are the workshop's records and stay after
    erasure, without the author."""
    return [
        {
            "municipality": i.municipality.name,
            "indicator": i.indicator.title if i.indicator else None,
            "theme": i.theme,
            "text": i.text_fi,
            "published": i.published,
            "written_on": _iso(i.written_on),
        }
        for i in Interpretation.objects.filter(author=user)
        .select_related("municipality", "indicator")
        .order_by("pk")
    ]


def _interpretations_erase(user):
    Interpretation.objects.filter(author=user).update(author=None)


# --- grants ---------------------------------------------------------------------------------


def _grant_applications(user):
    """The grant applications the person made for an organisation. They are the
    organisation's records and stay after erasure, without the person's name."""
    return [
        {
            "call": a.call.name,
            "organisation": a.organisation.name,
            "project": a.project_name,
            "status": a.status,
            "requested_amount": str(a.requested_amount),
            "submitted_at": _iso(a.submitted_at),
        }
        for a in GrantApplication.objects.filter(created_by=user)
        .select_related("call", "organisation")
        .order_by("pk")
    ]


def _grant_reviews(user):
    """The reviews the person wrote as a reviewer, and the conflicts they declared."""
    reviews = [
        {
            "application": r.application.project_name,
            "submitted_at": _iso(r.submitted_at),
            "comment": r.comment,
            "scores": [
                {"criterion": s.criterion.name, "score": s.value, "comment": s.comment}
                for s in r.scores.all()
            ],
        }
        for r in Review.objects.filter(reviewer=user)
        .select_related("application")
        .prefetch_related("scores__criterion")
        .order_by("pk")
    ]
    conflicts = [
        {"application": c.application.project_name, "reason": c.reason}
        for c in ConflictOfInterest.objects.filter(reviewer=user).select_related("application")
    ]
    return {"reviews": reviews, "conflicts_of_interest": conflicts}


# --- newsletters ---------------------------------------------------------------------------


def _addresses_of(user) -> set[str]:
    addresses = {user.email} | set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return {a.strip().lower() for a in addresses if a}


def _subscribers_of(user):
    from django.db.models.functions import Lower

    from newsletters.models import Subscriber

    return Subscriber.objects.annotate(address=Lower("email")).filter(
        address__in=_addresses_of(user)
    )


def _newsletter_subscriptions(user):
    return [
        {
            "email": s.email,
            "language": s.language,
            "status": s.status,
            "lists": [str(m) for m in s.lists.all()],
            "subscribed_at": _iso(s.created_at),
            "confirmed_at": _iso(s.confirmed_at),
            "unsubscribed_at": _iso(s.unsubscribed_at),
            "consents": [
                {
                    "action": c.action,
                    "at": _iso(c.at),
                    "text_version": c.text_version,
                    "text": c.text,
                    "language": c.language,
                }
                for c in s.consents.all()
            ],
        }
        for s in _subscribers_of(user).prefetch_related("lists", "consents").order_by("pk")
    ]


def _newsletter_erase(user):
    """The subscriptions and their consent records go; the addresses in the rows of sent
    issues are replaced. A suppressed address stays suppressed: it is only a hash."""
    from newsletters.models import IssueDelivery

    addresses = _addresses_of(user)
    _subscribers_of(user).delete()
    for pk in IssueDelivery.objects.filter(email__in=addresses).values_list("pk", flat=True):
        IssueDelivery.objects.filter(pk=pk).update(email=f"poistettu-{pk}@anonymised.invalid")


# --- participation: comments, votes and poll answers ------------------------------------


def _participation(user):
    from participation.models import Comment, PollAnswer, Vote

    comments = (
        Comment.objects.filter(user=user)
        .select_related("section__consultation", "municipality")
        .order_by("pk")
    )
    return {
        "comments": [
            {
                "consultation": c.section.consultation.title,
                "section": c.section.title,
                "text": c.text,
                "name": c.name,
                "municipality": c.municipality.name if c.municipality else None,
                "language": c.language,
                "written_at": _iso(c.created_at),
                "hidden_reason": c.hidden_reason or None,
            }
            for c in comments
        ],
        "votes": Vote.objects.filter(user=user).count(),
        "poll_answers": [
            {"question": a.poll.question, "option": a.option.text}
            for a in PollAnswer.objects.filter(user=user).select_related("poll", "option")
        ],
    }


def _participation_values(user):
    from participation.models import Comment

    return [n for n in Comment.objects.filter(user=user).values_list("name", flat=True) if n]


def _participation_erase(user):
    """The comments stay (anonymous) for the consultation's results: name gone, the
    person's names and address removed from the text, no link to the account. Votes and
    answers stay counted without the link."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from participation.models import Comment, Flag, PollAnswer, Vote

    values = [
        v
        for v in {user.email, user.username, user.first_name, user.last_name}
        | set(_participation_values(user))
        if v and len(v) >= 3
    ]
    for comment in Comment.objects.filter(user=user):
        comment.text = _replace(comment.text, values, "[poistettu]")
        comment.name = ""
        comment.user = None
        comment.author_key = ""
        comment.save(update_fields=["text", "name", "user", "author_key"])
    for model in (Vote, Flag, PollAnswer):
        model.objects.filter(user=user).update(
            user=None, voter_key=Concat(Value("erased-"), Cast("pk", CharField()))
        )


SECTIONS = [
    # Before the account, whose erasure removes the other addresses this one looks for.
    Section("newsletter_subscriptions", _newsletter_subscriptions, erase=_newsletter_erase),
    Section("account", _account, erase=_account_erase, identifying_values=_account_values),
    Section("representations", _representatives, erase=_representatives_erase),
    Section("membership_applications", _memberships),
    Section("bookings", _bookings, blockers=_booking_blockers),
    Section(
        "enrolments",
        _enrolments,
        blockers=_enrolment_blockers,
        erase=_enrolments_erase,
        identifying_values=_enrolment_values,
    ),
    Section(
        "volunteering",
        _volunteering,
        blockers=_volunteering_blockers,
        erase=_volunteering_erase,
        identifying_values=_volunteering_values,
    ),
    Section("events_submitted", _events),
    Section("interpretations", _interpretations, erase=_interpretations_erase),
    Section("reports", _reports),
    Section("activity", _activity),
    Section("grant_applications", _grant_applications),
    Section("grant_reviews", _grant_reviews),
    Section(
        "participation",
        _participation,
        erase=_participation_erase,
        identifying_values=_participation_values,
    ),
    Section(
        "work_activity_placements",
        placements_privacy.export,
        blockers=placements_privacy.blockers,
        erase=placements_privacy.erase,
        identifying_values=placements_privacy.identifying_values,
    ),
]


def scrub_logs(values, *, replacement):
    """The audit log and the admin's log keep names as text: replace the person's."""
    if not values:
        return
    audit_match = Q()
    admin_match = Q()
    for value in values:
        audit_match |= Q(object_repr__icontains=value) | Q(changes__icontains=value)
        admin_match |= Q(object_repr__icontains=value) | Q(change_message__icontains=value)
    for entry in AuditEntry.objects.filter(audit_match):
        entry.object_repr = _replace(entry.object_repr, values, replacement)
        entry.changes = _replace_json(entry.changes, values, replacement)
        AuditEntry.objects.filter(pk=entry.pk).update(
            object_repr=entry.object_repr, changes=entry.changes
        )
    for log in LogEntry.objects.filter(admin_match):
        LogEntry.objects.filter(pk=log.pk).update(
            object_repr=_replace(log.object_repr, values, replacement),
            change_message=_replace(log.change_message, values, replacement),
        )


def _replace(text, values, replacement):
    import re

    for value in sorted(values, key=len, reverse=True):
        text = re.sub(re.escape(value), replacement, text, flags=re.IGNORECASE)
    return text


def _replace_json(data, values, replacement):
    if isinstance(data, dict):
        return {k: _replace_json(v, values, replacement) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace_json(v, values, replacement) for v in data]
    if isinstance(data, str):
        return _replace(data, values, replacement)
    return data
