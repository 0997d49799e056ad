"""What the use cases of volunteering share: the staff check, the outbox and the
person's last activity."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from core.outbox import send_soon
from volunteering.models import Notification, Profile

TIME_TAKEN = _("The person already has a task at that time.")
CENTS = Decimal("0.01")


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _queue(profile: Profile, kind: str, *, offer=None, assignment=None, hour_entry=None):
    _row, created = Notification.objects.get_or_create(
        profile=profile, kind=kind, offer=offer, assignment=assignment, hour_entry=hour_entry
    )
    if created:
        send_soon("volunteering.tasks.send_volunteering_notifications")


def _touch(profile: Profile):
    Profile.objects.filter(pk=profile.pk).update(last_active_at=clock.now())
