"""Sends the volunteering outbox through core.outbox: one email per row to the person, in
the language of their profile; an offer, an agreed task and a cancellation carry the
task's dates as an .ics (TENTATIVE while offered, CONFIRMED when agreed, CANCEL when
cancelled)."""

import re
from datetime import UTC

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Event

from core.links import absolute_url
from core.outbox import Outbox, attach_calendar
from facilities import ics as facility_ics

from .models import Assignment, Notification, NotificationKind, Offer

TEMPLATES = "emails/volunteering/"
PRODID = "-//Yhteisokeskus//Volunteering//EN"


def _date_event(request, status: str, key: str):
    def build(date) -> Event:
        domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
        event = Event()
        event.add("uid", f"volunteering-{key}-date-{date.pk}@{domain}")
        event.add("dtstamp", request.created_at.astimezone(UTC))
        event.add("dtstart", date.start.astimezone(UTC))
        event.add("dtend", date.end.astimezone(UTC))
        event.add("summary", request.title)
        event.add("location", request.place_text)
        event.add("description", request.description)
        event.add("organizer", f"mailto:{settings.CONTACT_EMAIL}")
        event.add("status", status)
        event.add("sequence", {"TENTATIVE": 0, "CONFIRMED": 1, "CANCELLED": 2}[status])
        return event

    return build


class VolunteeringOutbox(Outbox):
    model = Notification
    select_related = (
        "profile__user",
        "offer__request__municipality",
        "assignment__request__municipality",
        "hour_entry__assignment__request",
    )

    def skip_reason(self, row: Notification, now) -> str:
        if row.kind == NotificationKind.OFFERED and row.offer.status != Offer.Status.OFFERED:
            return "the offer is no longer open"
        if (
            row.kind == NotificationKind.ASSIGNED
            and row.assignment.status != Assignment.Status.ACTIVE
        ):
            return "the task has been cancelled"
        return ""

    def recipient(self, row: Notification) -> str:
        return row.profile.user.email

    def language(self, row: Notification) -> str:
        return row.profile.language

    def build_message(self, row: Notification, to: str) -> EmailMultiAlternatives:
        if row.offer_id:
            request, key, status = row.offer.request, f"offer-{row.offer_id}", "TENTATIVE"
        elif row.assignment_id:
            request = row.assignment.request
            key = f"assignment-{row.assignment_id}"
            status = "CANCELLED" if row.kind == NotificationKind.CANCELLED else "CONFIRMED"
        else:
            request, key, status = row.hour_entry.assignment.request, "", ""
        context = {
            "kind": row.kind,
            "row": row,
            "profile": row.profile,
            "request": request,
            "dates": list(request.dates.all()),
            "offer": row.offer,
            "assignment": row.assignment,
            "entry": row.hour_entry,
            "url": absolute_url(reverse("volunteering:home")),
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "message.txt", context))
        html = render_to_string(TEMPLATES + "message.html", {**context, "text": text})
        message = EmailMultiAlternatives(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])
        message.attach_alternative(html, "text/html")
        if status:
            method = "CANCEL" if status == "CANCELLED" else "PUBLISH"
            attach_calendar(
                message,
                facility_ics.calendar(
                    context["dates"],
                    method=method,
                    event=_date_event(
                        request, status, key if row.offer_id else f"request-{request.pk}"
                    ),
                    prodid=PRODID,
                ),
                method=method,
                filename=f"tehtava-{request.pk}.ics",
            )
        return message


send_pending = VolunteeringOutbox().send_pending
