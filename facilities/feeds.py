"""An organisation's private iCal feed: a secret address that calendar apps subscribe
to. Anyone with the address sees the bookings, so an organisation's admin (or staff) can
replace the secret, which stops the old address."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from core.links import absolute_url
from organisations.models import Organisation, Representative

from .models import Booking, CalendarFeed

logger = logging.getLogger(__name__)

FEED_DAYS = 30


def calendar_feed_for(organisation: Organisation) -> CalendarFeed:
    """The organisation's feed, made on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(organisation=organisation)
    return feed


def feed_url(feed: CalendarFeed) -> str:
    return absolute_url(reverse("facilities:booking_feed", args=[feed.token]))


def may_manage_feed(user, organisation: Organisation) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    return Representative.objects.admins().filter(user=user, organisation=organisation).exists()


@transaction.atomic
def calendar_feed_rotate(*, actor, organisation: Organisation) -> CalendarFeed:
    """Give the feed a new secret; the old address answers 404 from now on."""
    if not may_manage_feed(actor, organisation):
        raise PermissionDenied
    feed = calendar_feed_for(organisation)
    feed.token = CalendarFeed._meta.get_field("token").get_default()
    feed.save(update_fields=["token"])
    logger.info("calendar feed of organisation %s rotated by user %s", organisation.pk, actor.pk)
    return feed


def feed_bookings(organisation: Organisation, *, now):
    """What the feed shows: bookings that hold a room from FEED_DAYS ago on, and those
    cancelled or rejected in the last FEED_DAYS days, so that subscribed calendars drop
    them (a requested booking was in the feed as tentative)."""
    since = now - timedelta(days=FEED_DAYS)
    return (
        Booking.objects.filter(organisation=organisation)
        .filter(
            Q(status__in=Booking.HOLDING, start__gte=since)
            | Q(status=Booking.Status.CANCELLED, cancelled_at__gte=since)
            | Q(status=Booking.Status.REJECTED, decided_at__gte=since)
        )
        .select_related("room__site", "organisation")
        .order_by("start")
    )
