"""Sends the training outbox (trainings.notifications) through core.outbox: one email per
row, in the language the enrolment was made in, with the sessions as an .ics attachment."""

import re

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from core import centre
from core.links import absolute_url
from core.outbox import Outbox, attach_calendar

from . import ics
from .models import Enrolment, NotificationKind, Training, TrainingNotification
from .services import waiting_position

TEMPLATES = "emails/trainings/"


class TrainingOutbox(Outbox):
    model = TrainingNotification
    select_related = ("enrolment__training", "session__room__site")

    def skip_reason(self, notification: TrainingNotification, now) -> str:
        enrolment = notification.enrolment
        if notification.kind == NotificationKind.REMINDER and (
            enrolment.status != Enrolment.Status.CONFIRMED
            or enrolment.training.status != Training.Status.PUBLISHED
            or notification.session.starts <= now
        ):
            return "the participant is no longer confirmed or the session has begun"
        if notification.kind == NotificationKind.OFFERED and enrolment.status != "offered":
            return "the offer is no longer open"
        if notification.kind == NotificationKind.WAITING and enrolment.status != "waiting":
            return "no longer on the waiting list"
        return ""

    def recipient(self, notification: TrainingNotification) -> str:
        return notification.enrolment.email

    def language(self, notification: TrainingNotification) -> str:
        return notification.enrolment.language

    def build_message(self, notification: TrainingNotification, to: str) -> EmailMultiAlternatives:
        enrolment = notification.enrolment
        training = enrolment.training
        if notification.session_id:
            sessions = [notification.session]
        else:
            sessions = list(training.sessions.select_related("room__site"))
        context = {
            "kind": notification.kind,
            "enrolment": enrolment,
            "training": training,
            "session": notification.session,
            "sessions": sessions,
            "position": waiting_position(enrolment),
            "url": ics.training_url(training),
            "my_url": absolute_url(reverse("trainings:my_enrolments")),
            "feedback_url": absolute_url(reverse("trainings:feedback", args=[enrolment.pk])),
            "certificate_url": absolute_url(reverse("trainings:certificate", args=[enrolment.pk])),
            "contact_email": centre.current().contact_email,
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "message.txt", context))
        html = render_to_string(TEMPLATES + "message.html", {**context, "text": text})
        text += render_to_string("emails/signature.txt")
        method = "CANCEL" if notification.kind == NotificationKind.CANCELLED else "PUBLISH"
        message = EmailMultiAlternatives(
            subject, text, to=[to], reply_to=[centre.current().contact_email]
        )
        message.attach_alternative(html, "text/html")
        attach_calendar(
            message,
            ics.calendar(enrolment, sessions, method=method),
            method=method,
            filename=f"training-{training.pk}.ics",
        )
        return message


send_pending = TrainingOutbox().send_pending
