"""An organisation's private iCal feed: only its own bookings, in a constant number of
queries, behind a secret that its admin can replace."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from icalendar import Calendar

from core import clock
from facilities.feeds import calendar_feed_for, calendar_feed_rotate, feed_url
from facilities.models import Booking, CalendarFeed
from organisations.models import Representative
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import OrganisationFactory, RepresentativeFactory, StaffFactory

pytestmark = pytest.mark.django_db


def path_of(feed):
    return reverse("facilities:booking_feed", args=[feed.token])


def events_of(response) -> dict:
    """{uid: status} of the feed's events."""
    cal = Calendar.from_ical(response.content)
    assert "method" not in cal  # a subscribed feed, not a message
    return {str(e["uid"]): str(e["status"]) for e in cal.walk("VEVENT")}


def uid(booking):
    return f"booking-{booking.pk}@yhteisokeskus"


def test_the_feed_shows_the_organisations_bookings_only(client):
    org = OrganisationFactory()
    now = clock.now()
    days = datetime.timedelta(days=1)
    day = next_weekday(1)
    room = RoomFactory()
    confirmed = BookingFactory(organisation=org, room=room, start=at(day, 8))
    requested = BookingFactory(
        organisation=org, room=room, start=at(day, 10), status=Booking.Status.REQUESTED
    )
    last_week = BookingFactory(organisation=org, start=now - 7 * days)
    cancelled = BookingFactory(
        organisation=org,
        room=room,
        start=at(day, 12),
        status=Booking.Status.CANCELLED,
        cancelled_at=now - 2 * days,
    )
    rejected = BookingFactory(
        organisation=org, start=at(day, 14), status=Booking.Status.REJECTED, decided_at=now
    )
    # Too old to show:
    BookingFactory(organisation=org, start=now - 40 * days)
    BookingFactory(
        organisation=org,
        start=at(day, 16),
        status=Booking.Status.CANCELLED,
        cancelled_at=now - 40 * days,
    )
    BookingFactory(room=room, start=at(day, 18))  # another organisation's

    response = client.get(path_of(calendar_feed_for(org)))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private"
    assert events_of(response) == {
        uid(confirmed): "CONFIRMED",
        uid(requested): "TENTATIVE",
        uid(last_week): "CONFIRMED",
        uid(cancelled): "CANCELLED",
        uid(rejected): "CANCELLED",
    }
    assert org.name in Calendar.from_ical(response.content)["x-wr-calname"]


def test_an_unknown_token_answers_404(client):
    calendar_feed_for(OrganisationFactory())
    response = client.get(reverse("facilities:booking_feed", args=["arvattu-token"]))
    assert response.status_code == 404


def test_the_feed_takes_as_many_queries_for_20_bookings_as_for_one(
    client, django_assert_max_num_queries
):
    org = OrganisationFactory()
    feed = calendar_feed_for(org)
    BookingFactory(organisation=org)
    with django_assert_max_num_queries(2):
        assert len(events_of(client.get(path_of(feed)))) == 1
    # Each in its own room and site, so that nothing is shared by chance.
    BookingFactory.create_batch(19, organisation=org)
    with django_assert_max_num_queries(2):
        assert len(events_of(client.get(path_of(feed)))) == 20


def test_the_feed_is_made_once_per_organisation(settings):
    settings.SITE_URL = "https://portaali.example.fi/"
    org = OrganisationFactory()
    feed = calendar_feed_for(org)
    assert calendar_feed_for(org).token == feed.token
    assert CalendarFeed.objects.count() == 1
    assert feed_url(feed) == f"https://portaali.example.fi/varaukset/kalenteri/{feed.token}.ics"


def test_rotating_the_token_stops_the_old_address(client):
    admin, org = representative_of()
    feed = calendar_feed_for(org)
    old_path = path_of(feed)
    assert client.get(old_path).status_code == 200
    rotated = calendar_feed_rotate(actor=admin, organisation=org)
    assert rotated.token != feed.token
    assert client.get(old_path).status_code == 404
    assert client.get(path_of(rotated)).status_code == 200
    assert CalendarFeed.objects.count() == 1


def test_only_staff_or_an_admin_of_the_organisation_may_rotate():
    member, org = representative_of(role=Representative.Role.MEMBER)
    not_yet_admin = RepresentativeFactory(
        organisation=org, status=Representative.Status.REQUESTED
    ).user
    admin_elsewhere, _ = representative_of()
    token = calendar_feed_for(org).token
    for actor in (member, not_yet_admin, admin_elsewhere, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            calendar_feed_rotate(actor=actor, organisation=org)
    assert calendar_feed_for(org).token == token
    calendar_feed_rotate(actor=StaffFactory(), organisation=org)
    assert calendar_feed_for(org).token != token
