"""Sends the training outbox (trainings.notifications): one email per row, in the
language the enrolment was made in, with the sessions as an .ics attachment. Uses the
outbox machinery of facilities.mail (due rows, one row locked and sent at a time,
retries with back-off), so the guarantees are the same as for room bookings."""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core import clock
from facilities.mail import attach_calendar, due, send_one

from . import ics
from .models import Enrolment, NotificationKind, Training, TrainingNotification
from .services import waiting_position

TEMPLATES = "emails/trainings/"


def _pending(now):
    return due(TrainingNotification, now).select_related(
        "enrolment__training", "session__room__site"
    )


def _skip_reason(notification: TrainingNotification, now) -> str:
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


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def build_message(notification: TrainingNotification, to: str) -> EmailMultiAlternatives:
    enrolment = notification.enrolment
    training = enrolment.training
    with (
        translation.override(enrolment.language),
        timezone.override(timezone.get_default_timezone()),
    ):
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
            "my_url": _site_url(reverse("trainings:my_enrolments")),
            "feedback_url": _site_url(reverse("trainings:feedback", args=[enrolment.pk])),
            "certificate_url": _site_url(reverse("trainings:certificate", args=[enrolment.pk])),
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "message.txt", context))
        html = render_to_string(TEMPLATES + "message.html", {**context, "text": text})
        method = "CANCEL" if notification.kind == NotificationKind.CANCELLED else "PUBLISH"
        calendar = ics.calendar(enrolment, sessions, method=method)
    message = EmailMultiAlternatives(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])
    message.attach_alternative(html, "text/html")
    attach_calendar(message, calendar, method=method, filename=f"training-{training.pk}.ics")
    return message


def send_pending(limit: int = 100) -> int:
    """Send the due unsent messages, oldest first; return how many were sent."""
    now = clock.now()
    ids = list(_pending(now).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(
        send_one(
            _pending(now),
            pk,
            skip_reason=lambda n: _skip_reason(n, now),
            recipient=lambda n: n.enrolment.email,
            build=build_message,
        )
        for pk in ids
    )
