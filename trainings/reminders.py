"""Reminders the day before each session and feedback requests after the last one.
Run hourly: the outbox rows are unique, so later runs add nothing."""

import logging
from datetime import time, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import clock
from core.clock import local_datetime

from . import notifications
from .models import Enrolment, NotificationKind, Session, Training

logger = logging.getLogger(__name__)

# Feedback is asked for within this time after the last session ended.
FEEDBACK_WITHIN = timedelta(days=14)


@transaction.atomic
def queue_session_reminders(now=None) -> int:
    """A reminder to each confirmed participant of each session that starts tomorrow
    (the local date in Helsinki)."""
    now = now or clock.now()
    tomorrow = timezone.localdate(now, timezone.get_default_timezone()) + timedelta(days=1)
    sessions = Session.objects.filter(
        training__status=Training.Status.PUBLISHED,
        starts__gte=local_datetime(tomorrow, time(0)),
        starts__lt=local_datetime(tomorrow + timedelta(days=1), time(0)),
    )
    count = 0
    for session in sessions:
        pending = (
            Enrolment.objects.confirmed()
            .filter(training_id=session.training_id)
            .exclude(notifications__session=session, notifications__kind=NotificationKind.REMINDER)
        )
        for enrolment in pending:
            notifications.queue(enrolment, NotificationKind.REMINDER, session)
            count += 1
    return count


@transaction.atomic
def queue_feedback_requests(now=None) -> int:
    """A feedback request to each confirmed participant once the last session is over."""
    now = now or clock.now()
    trainings = (
        Training.objects.filter(status__in=[Training.Status.PUBLISHED, Training.Status.COMPLETED])
        .annotate(last_end=Max("sessions__ends"))
        .filter(last_end__lte=now, last_end__gt=now - FEEDBACK_WITHIN)
    )
    count = 0
    for training in trainings:
        pending = training.enrolments.confirmed().exclude(
            notifications__kind=NotificationKind.FEEDBACK
        )
        for enrolment in pending:
            notifications.queue(enrolment, NotificationKind.FEEDBACK)
            count += 1
    return count
