"""The training outbox. Services put a row here in the same transaction as the change it
tells about; a periodic task (and one started after each commit) sends the unsent rows.
A row is unique per enrolment, session and kind, so nothing is sent twice."""

from core.outbox import send_soon

from .models import Enrolment, Session, TrainingNotification


def queue(enrolment: Enrolment, kind: str, session: Session | None = None):
    notification, created = TrainingNotification.objects.get_or_create(
        enrolment=enrolment, session=session, kind=kind
    )
    if created:
        send_soon("trainings.tasks.send_training_notifications")
    return notification
