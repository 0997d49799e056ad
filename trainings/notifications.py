"""The training outbox. Services put a row here in the same transaction as the change it
tells about; a periodic task (and one started after each commit) sends the unsent rows.
A row is unique per enrolment, session and kind, so nothing is sent twice."""

from django.db import transaction

from .models import Enrolment, Session, TrainingNotification


def queue(enrolment: Enrolment, kind: str, session: Session | None = None):
    notification, created = TrainingNotification.objects.get_or_create(
        enrolment=enrolment, session=session, kind=kind
    )
    if created:
        transaction.on_commit(_send_soon, robust=True)
    return notification


def _send_soon():
    from .tasks import send_training_notifications

    send_training_notifications.delay()
