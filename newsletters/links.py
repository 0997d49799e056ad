"""The signed links of subscriptions: confirm (expires), preferences (expires) and
unsubscribe (lasts, as RFC 8058 expects of a List-Unsubscribe link). Each carries the
subscriber's token or the delivery's key, so a changed token voids the old links; a
tampered or expired link loads nothing (the views answer 404)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.links import absolute_url

CONFIRM = "newsletters.confirm"
PREFERENCES = "newsletters.preferences"
UNSUBSCRIBE = "newsletters.unsubscribe"


def sign(payload: dict, salt: str) -> str:
    return signing.dumps(payload, salt=salt, compress=True)


def unsign(value: str, salt: str, max_age=None) -> dict | None:
    try:
        payload = signing.loads(value, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return payload if isinstance(payload, dict) else None


def _in(language: str, name: str, value: str) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, args=[value]))


def confirm_url(subscriber) -> str:
    value = sign({"s": subscriber.pk, "t": subscriber.token}, CONFIRM)
    return _in(subscriber.language, "newsletters:confirm", value)


def preferences_path(subscriber) -> str:
    """The preferences page in the subscriber's language (path only)."""
    value = sign({"s": subscriber.pk, "t": subscriber.token}, PREFERENCES)
    with translation.override(subscriber.language):
        return reverse("newsletters:preferences", args=[value])


def preferences_url(subscriber) -> str:
    return absolute_url(preferences_path(subscriber))


def unsubscribe_url(delivery) -> str:
    """The one-click address of one delivery, in its reader's language."""
    value = sign({"d": delivery.pk or 0}, UNSUBSCRIBE)
    return _in(delivery.language, "newsletters:unsubscribe", value)


def confirm_max_age() -> int:
    return settings.NEWSLETTER_CONFIRM_DAYS * 24 * 3600


def preferences_max_age() -> int:
    return settings.NEWSLETTER_PREFERENCES_DAYS * 24 * 3600
