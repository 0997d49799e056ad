import datetime
from decimal import Decimal

import factory

from core.clock import local_datetime
from facilities.models import Booking, OpeningException, OpeningHours, Room, Site
from tests.factories.organisations import (
    MunicipalityFactory,
    OrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)


class SiteFactory(factory.django.DjangoModelFactory):
    """A site open Monday to Friday 8–20 and Saturday 10–16 (public holidays closed)."""

    class Meta:
        model = Site
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Järjestötalo {n}")
    name_sv = factory.Sequence(lambda n: f"Organisationshuset {n}")
    street_address = "Yrjönkatu 1"
    postal_code = "28100"
    post_office = "Pori"
    municipality = factory.SubFactory(MunicipalityFactory)
    accessibility_fi = "Esteetön sisäänkäynti, hissi ja induktiosilmukka."

    @factory.post_generation
    def opening_hours(obj, create, extracted, **kwargs):
        if not create:
            return
        rules = (
            extracted
            if extracted is not None
            else [(d, datetime.time(8), datetime.time(20)) for d in range(5)]
            + [(5, datetime.time(10), datetime.time(16))]
        )
        for weekday, opens, closes in rules:
            OpeningHours.objects.create(site=obj, weekday=weekday, opens=opens, closes=closes)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    site = factory.SubFactory(SiteFactory)
    kind = Room.Kind.MEETING_ROOM
    name_fi = factory.Sequence(lambda n: f"Kokoushuone {n}")
    name_en = factory.Sequence(lambda n: f"Meeting room {n}")
    description_fi = "Valoisa kokoushuone."
    equipment_fi = "Näyttö, fläppitaulu"
    accessibility_fi = "Esteetön."
    capacity = 12
    hourly_price_member = Decimal("10.00")
    hourly_price_non_member = Decimal("25.00")
    buffer_minutes = 0
    min_duration_minutes = 30
    max_duration_minutes = 480
    booking_horizon_days = 180
    cancellation_deadline_hours = 24


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    site = factory.SubFactory(SiteFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
    reason_fi = "Suljettu"


def next_weekday(
    weekday: int, *, after: datetime.date | None = None, weeks: int = 1, span: int = 1
):
    """The date of the given weekday (0 = Monday) at least ``weeks`` weeks from today
    such that it and the same weekday of the next ``span - 1`` weeks are no public
    holidays: the factories' sites close on those, and a test must not depend on the
    day it runs (a Thursday series in December meets Christmas Eve)."""
    from core import clock
    from facilities.availability import is_public_holiday

    start = (after or clock.today()) + datetime.timedelta(weeks=weeks - 1, days=1)
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    week = datetime.timedelta(weeks=1)
    while any(is_public_holiday(day + n * week) for n in range(span)):
        day += week
    return day


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return local_datetime(day, datetime.time(hour, minute))


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed two-hour booking next Tuesday at 10, for a represented organisation."""

    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start = factory.LazyFunction(lambda: at(next_weekday(1), 10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    held_until = factory.LazyAttribute(lambda o: o.end + o.room.buffer)
    status = Booking.Status.CONFIRMED
    purpose = "Hallituksen kokous"
    attendees = 8
    price = Decimal("20.00")
    created_by = factory.SubFactory(UserFactory)


def representative_of(organisation=None, **kwargs):
    """A user who represents the organisation (a new one if not given)."""
    rep = RepresentativeFactory(organisation=organisation or OrganisationFactory(), **kwargs)
    return rep.user, rep.organisation
