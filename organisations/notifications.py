"""The network's outbox. Services and the reminder job put a row here in the same
transaction as the change it tells about; a task sends the unsent rows. Each row has a
unique key, so a retried service, a duplicated task or two workers never send twice."""

from core.outbox import send_soon

from .models import NetworkNotification


def queue(*, key: str, kind: str, to: str, language: str = "fi", **subject):
    """Add a message unless one with the same key exists; return (row, created)."""
    notification, created = NetworkNotification.objects.get_or_create(
        key=key, defaults={"kind": kind, "to": to, "language": language, **subject}
    )
    if created:
        # robust: a broker outage must not turn a saved change into an error page; the
        # periodic task sends what is left.
        send_soon("organisations.tasks.send_network_notifications")
    return notification, created
