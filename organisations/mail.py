"""Sends the network's outbox (organisations.notifications) through core.outbox:
partnership reminders to staff and meeting invitations (with the meeting as an .ics
attachment), each to the address and in the language stored on the row."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from core import centre
from core.links import absolute_url
from core.outbox import Outbox, attach_calendar

from . import ics
from .models import NetworkNotification

TEMPLATES = "emails/organisations/"
Kind = NetworkNotification.Kind


class NetworkOutbox(Outbox):
    model = NetworkNotification
    select_related = ("partnership__partner", "meeting__group")

    def skip_reason(self, notification: NetworkNotification, now) -> str:
        if notification.kind == Kind.MEETING_INVITATION and notification.meeting.start <= now:
            return "the meeting has already begun"
        return ""

    def recipient(self, notification: NetworkNotification) -> str:
        return notification.to

    def language(self, notification: NetworkNotification) -> str:
        return notification.language

    def build_message(self, notification: NetworkNotification, to: str) -> EmailMultiAlternatives:
        context = {"notification": notification, "contact_email": centre.current().contact_email}
        if notification.kind == Kind.PARTNERSHIP_ENDING:
            partnership = notification.partnership
            context |= {
                "partnership": partnership,
                "url": absolute_url(
                    reverse("organisations:partnership_detail", args=[partnership.pk])
                ),
            }
            stem = "partnership_ending"
        else:
            meeting = notification.meeting
            context |= {"meeting": meeting, "group": meeting.group, "url": ics.meeting_url(meeting)}
            stem = "meeting_invitation"
        subject = " ".join(render_to_string(f"{TEMPLATES}{stem}_subject.txt", context).split())
        text = render_to_string(f"{TEMPLATES}{stem}.txt", context)
        html = render_to_string(f"{TEMPLATES}{stem}.html", context)
        message = EmailMultiAlternatives(
            subject, text, to=[to], reply_to=[centre.current().contact_email]
        )
        message.attach_alternative(html, "text/html")
        if notification.meeting_id:
            attach_calendar(
                message,
                ics.calendar([notification.meeting]),
                method="PUBLISH",
                filename=f"meeting-{notification.meeting_id}.ics",
            )
        return message


send_pending = NetworkOutbox().send_pending
