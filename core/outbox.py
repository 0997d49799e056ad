"""The one sender of every app's outbox (the rows of a core.models.OutboxMessage model).
An app subclasses Outbox to say which rows, to whom, in which language and with what
message; the rules that make an outbox trustworthy are kept here, once:

- each row is sent in its own transaction that holds the row's lock until ``sent_at`` is
  committed, and a worker skips rows another worker holds: two workers never send one row
  twice, and a crash after a few messages does not send those again;
- a failed send is retried on one back-off schedule counted from when the row was queued,
  so that a mail server down for an hour does not use up the attempts;
- a row no longer worth sending is closed unsent, with the reason in ``last_error``;
- every message is rendered in the recipient's language with local (Helsinki) times;
- every message names its row in the ``X-Outbox-Message`` header
  (``app_label.model_name:pk``), so that a message found in a mailbox or a mail
  server's log can be traced to the row that sent it."""

import logging
import operator
from datetime import datetime, timedelta
from email.mime.text import MIMEText
from functools import reduce

from django.apps import apps
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from core import clock
from core.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long after queueing each attempt is made: attempt n + 1 waits RETRY_AFTER[n].
RETRY_AFTER = [
    timedelta(0),
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=4),
]
MAX_ATTEMPTS = len(RETRY_AFTER)
HEADER = "X-Outbox-Message"


def header_value(row) -> str:
    """What the X-Outbox-Message header of ``row``'s message says: its table and key."""
    return f"{row._meta.label_lower}:{row.pk}"


def brand(message: EmailMessage) -> None:
    """Every message is from the centre by name, and has an HTML part in its colours
    (the plain text set in the branded frame when the app made none)."""
    from django.conf import settings
    from django.template.loader import render_to_string

    from . import centre

    if message.from_email in (None, settings.DEFAULT_FROM_EMAIL):
        message.from_email = centre.from_address()
    if not getattr(message, "alternatives", None):
        html = render_to_string("emails/text_as_html.html", {"text": message.body})
        message.__class__ = EmailMultiAlternatives
        message.alternatives = []
        message.attach_alternative(html, "text/html")


def outbox_models() -> list[type[OutboxMessage]]:
    """Every app's outbox model, in a fixed order."""
    models = [m for m in apps.get_models() if issubclass(m, OutboxMessage)]
    return sorted(models, key=lambda model: model._meta.label)


def waiting(model: type[OutboxMessage]) -> QuerySet:
    """The rows of an outbox still to be sent: unsent and not given up after the last
    attempt (those wait for no one)."""
    return model.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)


class Outbox:
    """Sends the due rows of ``model``. A subclass says what differs from app to app:
    the related rows to load, when a row is no longer worth sending, the recipient's
    address and language, and the message."""

    model: type[OutboxMessage]
    # What skip_reason, recipient, language and build_message read, loaded with the row.
    select_related: tuple[str, ...] = ()

    def skip_reason(self, row, now: datetime) -> str:
        """Why the row is no longer worth sending ('' to send it)."""
        return ""

    def recipient(self, row) -> str:
        """The address to write to; '' when there is nobody."""
        raise NotImplementedError

    def language(self, row) -> str:
        """The language the recipient reads: the message is rendered in it."""
        raise NotImplementedError

    def build_message(self, row, to: str) -> EmailMessage:
        """The message to ``to``, called in the row's language and local time zone."""
        raise NotImplementedError

    def due(self, now: datetime) -> QuerySet:
        """The unsent rows whose next attempt is due."""
        is_due = reduce(
            operator.or_,
            (Q(attempts=n, created_at__lte=now - wait) for n, wait in enumerate(RETRY_AFTER)),
        )
        return self.model.objects.filter(is_due, sent_at__isnull=True)

    def send_pending(self, limit: int = 100) -> int:
        """Send the due rows, oldest first; return how many were sent."""
        now = clock.now()
        ids = list(self.due(now).order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
        return sum(self._send_one(pk, now) for pk in ids)

    @transaction.atomic
    def _send_one(self, pk, now: datetime) -> bool:
        row = (
            self.due(now)
            .filter(pk=pk)
            .select_related(*self.select_related)
            # Lock only the outbox row; another worker holding it is skipped, not waited for.
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if row is None:
            return False  # sent or being sent by another worker
        to = self.recipient(row)
        reason = self.skip_reason(row, now) or ("" if to else "no email address for the recipient")
        if reason:
            self._close_unsent(row, reason)
            return False
        try:
            with (
                transaction.atomic(),  # a failed query while rendering keeps the row savable
                translation.override(self.language(row)),
                timezone.override(timezone.get_default_timezone()),
            ):
                message = self.build_message(row, to)
                brand(message)
            message.extra_headers[HEADER] = header_value(row)
            message.send()
        except Exception as error:  # SMTP, network, or a bug in one message: not the others
            self._record_failure(row, error)
            return False
        row.sent_at = clock.now()
        row.last_error = ""
        row.save(update_fields=["sent_at", "last_error"])
        return True

    def _close_unsent(self, row, reason: str):
        logger.warning("%s %s not sent: %s", self.model._meta.label, row.pk, reason)
        row.sent_at = clock.now()
        row.last_error = reason
        row.save(update_fields=["sent_at", "last_error"])

    def _record_failure(self, row, error: Exception):
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.save(update_fields=["attempts", "last_error"])
        log = logger.error if row.attempts >= MAX_ATTEMPTS else logger.warning
        log(
            "%s %s failed (attempt %s of %s): %s",
            self.model._meta.label,
            row.pk,
            row.attempts,
            MAX_ATTEMPTS,
            row.last_error,
            exc_info=not isinstance(error, OSError),  # smtplib errors are OSErrors
        )


def attach_calendar(message: EmailMessage, calendar: bytes, *, method: str, filename: str):
    """Attach an iCalendar as text/calendar with its METHOD (PUBLISH, CANCEL), as calendar
    apps expect of an invitation or a cancellation."""
    part = MIMEText(calendar.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    message.attach(part)


def send_soon(task_name: str):
    """Once the transaction commits, ask a worker to send the outbox now: the task at the
    dotted path ``task_name``, imported only then (an app's tasks import its services).
    A broker that is away is no error: the row is saved and the beat's sweep sends it
    when the broker is back, so this logs one warning line, not a traceback."""

    def hand_over():
        try:
            import_string(task_name).delay()
        except Exception as error:  # the broker is away; the sweep catches up
            logger.warning(
                "%s not handed to the broker (%s: %s); the periodic sweep sends it",
                task_name,
                type(error).__name__,
                error,
            )

    transaction.on_commit(hand_over)
