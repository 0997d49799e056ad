"""Use cases that write: subscribing (double opt-in, consent records), preferences and
unsubscribing, suppression, composing an issue and sending it through the outbox."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import clock
from core.outbox import send_soon

from .errors import NewsletterError
from .gathering import GATHERERS
from .models import (
    ConfirmationMessage,
    Consent,
    Issue,
    IssueDelivery,
    IssueItem,
    MailingList,
    Subscriber,
    Suppression,
    email_hash,
)
from .recipients import recipients_for
from .render import snapshot_of

# The consent text a subscriber agrees to; a new wording gets a new version.
CONSENT_VERSION = "2026-1"
CONSENT_TEXT = _(
    "I want to receive the resource centre's newsletters I chose by email. I can "
    "unsubscribe from any newsletter at any time. The centre keeps my address, language "
    "and choices for sending the newsletters only."
)
# A second confirmation email to one address waits this long after the first.
RESEND_AFTER = timedelta(minutes=10)
LANGUAGE_CODES = {"fi", "sv", "en"}


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise NewsletterError(_("Enter a valid email address."), field="email") from None
    return email


def _consent(subscriber: Subscriber, action: str):
    with translation.override(subscriber.language):
        text = str(CONSENT_TEXT)
    Consent.objects.create(
        subscriber=subscriber,
        action=action,
        text_version=CONSENT_VERSION,
        text=text,
        lists=sorted(subscriber.lists.values_list("pk", flat=True)),
        language=subscriber.language,
    )


def _check_lists(lists) -> list[MailingList]:
    lists = list(lists)
    if not lists:
        raise NewsletterError(_("Choose at least one newsletter."), field="lists")
    if any(not mailing_list.is_public for mailing_list in lists):
        raise NewsletterError(_("Choose among the newsletters offered."), field="lists")
    return lists


def _check_language(language: str):
    if language not in LANGUAGE_CODES:
        raise NewsletterError(_("Choose a language of the site."), field="language")


def _queue_confirmation(subscriber: Subscriber):
    last = ConfirmationMessage.objects.filter(subscriber=subscriber).aggregate(n=Max("sequence"))
    ConfirmationMessage.objects.create(subscriber=subscriber, sequence=(last["n"] or 0) + 1)
    subscriber.confirmation_sent_at = clock.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
    send_soon("newsletters.tasks.send_confirmations")


@transaction.atomic
def subscriber_subscribe(*, email: str, language: str, lists) -> Subscriber:
    """A new subscription waiting for confirmation, with its consent record and the
    confirmation email queued. An address already subscribed, or asked to confirm a
    moment ago, is refused with nothing changed and nothing sent."""
    email = normalise_email(email)
    _check_language(language)
    lists = _check_lists(lists)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
        raise NewsletterError(
            _(
                "This address is already subscribed. The link at the end of every "
                "newsletter lets you change what you receive."
            ),
            field="email",
        )
    now = clock.now()
    if (
        subscriber
        and subscriber.status == Subscriber.Status.PENDING
        and subscriber.confirmation_sent_at
        and subscriber.confirmation_sent_at > now - RESEND_AFTER
    ):
        raise NewsletterError(
            _(
                "We sent a confirmation link to this address a moment ago. Please check "
                "your inbox (and the spam folder) before trying again."
            ),
            field="email",
        )
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=email, language=language)
        except IntegrityError:  # the same address at the same moment in another request
            raise NewsletterError(
                _("We sent a confirmation link to this address a moment ago."), field="email"
            ) from None
    else:
        subscriber.status = Subscriber.Status.PENDING
        subscriber.language = language
        subscriber.save(update_fields=["status", "language"])
    subscriber.lists.set(lists)
    _consent(subscriber, Consent.Action.SUBSCRIBE)
    _queue_confirmation(subscriber)
    return subscriber


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    """The address is confirmed: from now on it receives the lists chosen. Confirming
    twice changes nothing."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = clock.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    # Subscribing again after unsubscribing from a register list lifts that opt-out;
    # bounces and complaints stay.
    Suppression.objects.filter(
        email_hash=email_hash(subscriber.email), reason=Suppression.Reason.UNSUBSCRIBED
    ).delete()
    _consent(subscriber, Consent.Action.CONFIRM)
    return subscriber


@transaction.atomic
def subscriber_update(*, subscriber: Subscriber, language: str, lists) -> Subscriber:
    """Preferences: the lists and the language. No list at all is unsubscribing."""
    _check_language(language)
    lists = list(lists)
    if lists:
        _check_lists(lists)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if not lists:
        return _unsubscribe(subscriber)
    subscriber.language = language
    fields = ["language"]
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        # Back from the signed link of their own email: the address is proven again.
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.unsubscribed_at = None
        fields += ["status", "unsubscribed_at"]
        Suppression.objects.filter(
            email_hash=email_hash(subscriber.email), reason=Suppression.Reason.UNSUBSCRIBED
        ).delete()
    subscriber.save(update_fields=fields)
    subscriber.lists.set(lists)
    _consent(subscriber, Consent.Action.CHANGE)
    return subscriber


def _unsubscribe(subscriber: Subscriber) -> Subscriber:
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return subscriber
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = clock.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    _consent(subscriber, Consent.Action.UNSUBSCRIBE)
    subscriber.lists.clear()
    return subscriber


@transaction.atomic
def delivery_unsubscribe(*, delivery: IssueDelivery) -> None:
    """The one-click unsubscribe of one email (RFC 8058): a subscriber leaves every
    list; an address from the register is never sent a newsletter again (its hash is
    kept). Doing it twice changes nothing."""
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=delivery.email).first()
    if subscriber is not None:
        _unsubscribe(subscriber)
    register_lists = delivery.issue.lists.exclude(kind=MailingList.Kind.SUBSCRIBED)
    if subscriber is None or register_lists.exists():
        suppress(email=delivery.email, reason=Suppression.Reason.UNSUBSCRIBED)
    # Deliveries of this address not yet sent stay unsent (core.outbox skips them).


def suppress(*, email: str, reason: str) -> Suppression:
    """Never send a newsletter to this address again; only its hash is kept. A bounce
    or complaint overrides an earlier unsubscribe."""
    suppression, created = Suppression.objects.get_or_create(
        email_hash=email_hash(email), defaults={"reason": reason}
    )
    if not created and reason != Suppression.Reason.UNSUBSCRIBED:
        suppression.reason = reason
        suppression.save(update_fields=["reason"])
    return suppression


@transaction.atomic
def suppress_after_feedback(*, email: str, reason: str) -> None:
    """A hard bounce or a complaint from the mail provider: the subscriber, if any, is
    removed, and the address stays suppressed as a hash only."""
    Subscriber.objects.filter(email__iexact=email.strip()).delete()
    suppress(email=email, reason=reason)


def expire_pending() -> int:
    """Unconfirmed subscriptions older than NEWSLETTER_CONFIRM_DAYS are deleted with their
    consent records: they were never sent to."""
    cutoff = clock.now() - timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    deleted, _rows = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


# --- Issues -------------------------------------------------------------------------------


def _check_draft(issue: Issue):
    if issue.status != Issue.Status.DRAFT:
        raise NewsletterError(_("This issue has already been sent and can no longer change."))


@transaction.atomic
def issue_create(*, actor, data: dict, municipalities=(), lists=()) -> Issue:
    """A draft with the portal's items for its period gathered."""
    issue = Issue(created_by=actor, **data)
    try:
        issue.full_clean(exclude=["created_by"])
    except ValidationError as error:
        raise NewsletterError.from_validation_error(error) from None
    issue.save()
    issue.municipalities.set(municipalities)
    issue.lists.set(lists)
    issue_gather(issue=issue)
    return issue


@transaction.atomic
def issue_update(*, issue: Issue, data: dict, municipalities=(), lists=()) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _check_draft(issue)
    for name, value in data.items():
        setattr(issue, name, value)
    try:
        issue.full_clean(exclude=["created_by"])
    except ValidationError as error:
        raise NewsletterError.from_validation_error(error) from None
    issue.save()
    issue.municipalities.set(municipalities)
    issue.lists.set(lists)
    return issue


@transaction.atomic
def issue_gather(*, issue: Issue) -> int:
    """Add what the portal has for the issue's period that is not in it yet, after the
    items already there; items staff left out or moved stay as they are."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _check_draft(issue)
    municipalities = list(issue.municipalities.values_list("pk", flat=True))
    added = 0
    for kind, gatherer in GATHERERS.items():
        have = set(issue.items.filter(kind=kind).values_list("object_id", flat=True))
        last = issue.items.filter(kind=kind).aggregate(n=Max("position"))["n"] or 0
        ids = gatherer.candidates(
            start=issue.period_start, end=issue.period_end, municipalities=municipalities
        )
        new = [pk for pk in ids if pk not in have]
        IssueItem.objects.bulk_create(
            IssueItem(issue=issue, kind=kind, object_id=pk, position=last + n)
            for n, pk in enumerate(new, start=1)
        )
        added += len(new)
    return added


@transaction.atomic
def issue_item_change(*, item: IssueItem, action: str) -> None:
    """Leave an item out, take it back, or move it up or down within its section."""
    issue = Issue.objects.select_for_update().get(pk=item.issue_id)
    _check_draft(issue)
    item = IssueItem.objects.get(pk=item.pk)
    if action in ("include", "exclude"):
        item.included = action == "include"
        item.save(update_fields=["included"])
        return
    if action not in ("up", "down"):
        raise NewsletterError(_("Unknown action."))
    siblings = list(issue.items.filter(kind=item.kind).order_by("position", "pk"))
    index = next(n for n, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if action == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            IssueItem.objects.filter(pk=sibling.pk).update(position=position)


def issue_is_empty(issue: Issue) -> bool:
    return not issue.items.filter(included=True).exists() and not any(
        (getattr(issue, f"editorial_{code}") or "").strip() for code in LANGUAGE_CODES
    )


def issue_send_test(*, issue: Issue, actor, language: str) -> str:
    """The issue as a reader of ``language`` gets it, to the staff member's own address
    at once; nothing is recorded as sent."""
    from .mail import IssueOutbox

    _check_language(language)
    if not actor.email:
        raise NewsletterError(_("Your account has no email address to send the test to."))
    if issue_is_empty(issue):
        raise NewsletterError(_("The issue is empty: write an editorial or include items."))
    delivery = IssueDelivery(issue=issue, email=actor.email.lower(), language=language)
    with translation.override(language):
        message = IssueOutbox().build_message(delivery, delivery.email, test=True)
    message.send()
    return actor.email


@transaction.atomic
def issue_send(*, issue: Issue, actor) -> int:
    """Queue the issue to every recipient of its audience, one outbox row each, and
    start the sending. An issue is sent once: a second call is refused."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _check_draft(issue)
    if issue_is_empty(issue):
        raise NewsletterError(_("The issue is empty: write an editorial or include items."))
    if not issue.lists.exists():
        raise NewsletterError(_("Choose the audience first."), field="lists")
    recipients = recipients_for(issue)
    if not recipients:
        raise NewsletterError(_("The audience chosen has nobody to send to."), field="lists")
    IssueDelivery.objects.bulk_create(
        [
            IssueDelivery(issue=issue, email=email, language=language, subscriber_id=subscriber_id)
            for email, (language, subscriber_id) in sorted(recipients.items())
        ],
        ignore_conflicts=True,
    )
    issue.status = Issue.Status.SENDING
    issue.send_started_at = clock.now()
    issue.recipient_count = len(recipients)
    issue.snapshot = snapshot_of(issue)
    issue.save(update_fields=["status", "send_started_at", "recipient_count", "snapshot"])
    send_soon("newsletters.tasks.send_newsletter_batch")
    return len(recipients)


def issues_finish() -> int:
    """Mark sent the issues whose every row is sent or given up."""
    from core.outbox import waiting

    finished = 0
    for issue in Issue.objects.filter(status=Issue.Status.SENDING):
        if not waiting(IssueDelivery).filter(issue=issue).exists():
            Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
                status=Issue.Status.SENT, sent_at=clock.now()
            )
            finished += 1
    return finished


def progress(issue: Issue) -> dict:
    from django.db.models import Count, Q

    from core.outbox import MAX_ATTEMPTS

    figures = issue.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False, last_error="")),
        skipped=Count("pk", filter=Q(sent_at__isnull=False) & ~Q(last_error="")),
        failed=Count("pk", filter=Q(sent_at__isnull=True, attempts__gte=MAX_ATTEMPTS)),
    )
    figures["waiting"] = figures["total"] - figures["sent"] - figures["skipped"] - figures["failed"]
    figures["percent"] = (
        round(100 * (figures["total"] - figures["waiting"]) / figures["total"])
        if figures["total"]
        else 0
    )
    figures["label"] = gettext("%(done)s of %(total)s handled") % {
        "done": figures["total"] - figures["waiting"],
        "total": figures["total"],
    }
    return figures
