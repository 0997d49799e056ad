"""Use cases of the partnership network that write: partnerships and their documents,
meetings of cooperation groups and their invitations. Staff only; every error a person
can cause is a RegisterError naming its field, and nothing is saved when one is raised."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.access import is_staff
from core.uploads import sniff_content_type
from organisations import notifications
from organisations.errors import RegisterError
from organisations.files import validate_document
from organisations.models import (
    CooperationGroup,
    Meeting,
    NetworkNotification,
    Organisation,
    Partnership,
    PartnershipDocument,
    Representative,
)

logger = logging.getLogger(__name__)

ENDS_BEFORE_START = _("A partnership cannot end before it starts.")
MEETING_ENDS_BEFORE_START = _("The meeting must end after it starts.")


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _full_clean(instance, **kwargs):
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        raise RegisterError.from_validation_error(exc) from None


@transaction.atomic
def partnership_create(
    *,
    actor,
    partner: Organisation,
    kind: str,
    title: str,
    starts_on,
    ends_on=None,
    description: str = "",
    partner_contacts=(),
    staff_contacts=(),
) -> Partnership:
    """Record a partnership with an organisation of the register."""
    _require_staff(actor)
    if ends_on is not None and starts_on is not None and ends_on < starts_on:
        raise RegisterError(ENDS_BEFORE_START, field="ends_on", code="ends_before_start")
    partnership = Partnership(
        partner=partner,
        kind=kind,
        title=(title or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        description=(description or "").strip(),
    )
    _full_clean(partnership)
    partnership.save()
    contacts = list(partner_contacts)
    if any(contact.organisation_id != partner.pk for contact in contacts):
        raise RegisterError(
            _("Choose contact persons of the partner organisation."),
            field="partner_contacts",
            code="contact_of_other_organisation",
        )
    partnership.partner_contacts.set(contacts)
    partnership.staff_contacts.set([user for user in staff_contacts if is_staff(user)])
    logger.info("partnership %s created by user %s", partnership.pk, actor.pk)
    return partnership


def check_document(file) -> str:
    """The sniffed type of an acceptable upload; RegisterError on the field ``file``."""
    try:
        validate_document(file)
    except ValidationError as exc:
        raise RegisterError(exc.messages[0], field="file", code=exc.code) from None
    return sniff_content_type(file)


@transaction.atomic
def partnership_document_add(
    *, actor, partnership: Partnership, title: str, file
) -> PartnershipDocument:
    """Attach a file to a partnership. Its type is read from the content; a file of
    another type, or over NETWORK_DOCUMENT_MAX_BYTES, is refused and nothing is stored."""
    _require_staff(actor)
    content_type = check_document(file)
    title = (title or "").strip() or (getattr(file, "name", "") or "")[:200]
    if not title:
        raise RegisterError(_("Give the document a title."), field="title", code="required")
    document = PartnershipDocument(
        partnership=partnership,
        title=title,
        file=file,
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    document.save()
    return document


def _check_meeting_time(start, end):
    if start and end and end <= start:
        raise RegisterError(MEETING_ENDS_BEFORE_START, field="end", code="ends_before_start")


@transaction.atomic
def meeting_create(
    *,
    actor,
    group: CooperationGroup,
    title: str,
    start,
    end,
    place: str = "",
    agenda: str = "",
    agenda_file=None,
) -> Meeting:
    """Schedule a meeting of a group. (Booking a room of the centre for it is a use case
    of facilities, which calls this in the same transaction.)"""
    _require_staff(actor)
    _check_meeting_time(start, end)
    if agenda_file:
        check_document(agenda_file)  # its type is read again from the content when served
    meeting = Meeting(
        group=group,
        title=(title or "").strip(),
        start=start,
        end=end,
        place=(place or "").strip(),
        agenda=(agenda or "").strip(),
        created_by=actor,
    )
    if agenda_file:
        meeting.agenda_file = agenda_file
    _full_clean(meeting, exclude=["agenda_file", "minutes_file"])
    meeting.save()
    logger.info("meeting %s of group %s created by user %s", meeting.pk, group.pk, actor.pk)
    return meeting


def invitation_recipients(meeting: Meeting) -> list[str]:
    """The representatives each member sends to the group, or, for a member with none
    named, its approved representatives, or else the organisation's address."""
    emails = []
    members = meeting.group.members.select_related("organisation").prefetch_related(
        "representatives__user", "organisation__representatives__user"
    )
    for member in members:
        seats = [r for r in member.representatives.all() if r.status == "approved"]
        if not seats:
            seats = [
                r
                for r in member.organisation.representatives.all()
                if r.status == Representative.Status.APPROVED
            ]
        found = [r.user.email for r in seats if r.user.email]
        if not found and member.organisation.email:
            found = [member.organisation.email]
        emails.extend(found)
    unique = []
    for email in emails:
        if email.lower() not in {e.lower() for e in unique}:
            unique.append(email)
    return unique


@transaction.atomic
def meeting_invite(*, actor, meeting: Meeting, language: str = "fi") -> int:
    """Queue an invitation with an .ics attachment to every member's representatives;
    return how many were queued. Inviting again adds only people not yet invited to this
    revision of the meeting."""
    _require_staff(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    recipients = invitation_recipients(meeting)
    if not recipients:
        raise RegisterError(
            _("The group's members have no email addresses: nobody could be invited."),
            code="no_recipients",
        )
    count = 0
    for email in recipients:
        _row, created = notifications.queue(
            key=f"meeting-invitation:{meeting.pk}:{meeting.sequence}:{email.lower()}",
            kind=NetworkNotification.Kind.MEETING_INVITATION,
            to=email,
            language=language if language in dict(settings.LANGUAGES) else "fi",
            meeting=meeting,
        )
        count += created
    return count
