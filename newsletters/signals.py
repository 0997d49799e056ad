"""Bounces and complaints from the mail provider, through django-anymail's tracking
webhooks (/anymail/<provider>/tracking/): a hard bounce or a complaint suppresses the
address. A soft bounce (Postmark's SoftBounce, which anymail reports as a bounce too)
does not."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from .models import Suppression

SOFT = {"SoftBounce", "Transient", "DnsError"}


def _is_soft(event) -> bool:
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return raw.get("Type") in SOFT or raw.get("severity") == "temporary"


@receiver(tracking, dispatch_uid="newsletters.suppress_on_feedback")
def suppress_on_feedback(sender, event, esp_name, **kwargs):
    from .services import suppress_after_feedback

    if not event.recipient:
        return
    if event.event_type == EventType.COMPLAINED:
        suppress_after_feedback(email=event.recipient, reason=Suppression.Reason.COMPLAINED)
    elif event.event_type == EventType.BOUNCED and not _is_soft(event):
        suppress_after_feedback(email=event.recipient, reason=Suppression.Reason.BOUNCED)
