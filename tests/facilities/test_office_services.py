"""Office leases and key hand-overs: the rules, their messages, and that a refused
change saves nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from facilities import office_services
from facilities.errors import BookingError
from facilities.models import KeyHandover, OfficeLease, Room
from tests.factories.facilities import RoomFactory
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def office():
    return RoomFactory(kind=Room.Kind.OFFICE, name_fi="Toimisto 201", is_bookable=False)


def lease(actor, room, organisation=None, **kwargs):
    kwargs.setdefault("starts_on", D(2026, 1, 1))
    kwargs.setdefault("ends_on", None)
    kwargs.setdefault("monthly_rent", Decimal("320.00"))
    return office_services.lease_create(
        actor=actor, room=room, organisation=organisation or OrganisationFactory(), **kwargs
    )


def key(actor, organisation=None, **kwargs):
    kwargs.setdefault("key_label", "MT-201-1")
    kwargs.setdefault("holder_name", "Pekka Porilainen")
    kwargs.setdefault("handed_over_on", D(2026, 1, 5))
    return office_services.key_handover(
        actor=actor, organisation=organisation or OrganisationFactory(), **kwargs
    )


def messages_of(error):
    return " ".join(error.messages)


# Leases ---------------------------------------------------------------------------------


def test_staff_lease_an_office_and_a_workstation(staff, office):
    tenant = OrganisationFactory()
    made = lease(staff, office, tenant, notes="  Laskutus kuukausittain. ")
    made.refresh_from_db()
    assert (made.room, made.organisation, made.starts_on, made.ends_on) == (
        office,
        tenant,
        D(2026, 1, 1),
        None,
    )
    assert made.monthly_rent == Decimal("320.00") and made.notes == "Laskutus kuukausittain."
    desk = RoomFactory(kind=Room.Kind.WORKSTATION, is_bookable=False)
    assert lease(staff, desk, tenant, monthly_rent=Decimal("0")).monthly_rent == 0


def test_overlapping_lease_is_refused_with_the_lease_it_meets(staff, office):
    first = lease(staff, office, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    with pytest.raises(BookingError) as caught:
        lease(staff, office, starts_on=D(2026, 6, 30), ends_on=None)
    assert caught.value.field == "starts_on"
    assert messages_of(caught.value) == (
        f"The room is already leased to {first.organisation} from 1.1.2026 to 30.6.2026."
    )
    assert OfficeLease.objects.count() == 1
    # The day after the first lease ends is free.
    assert lease(staff, office, starts_on=D(2026, 7, 1)).pk


def test_overlap_with_an_open_ended_lease_says_until_further_notice(staff, office):
    first = lease(staff, office, starts_on=D(2026, 3, 1), ends_on=None)
    with pytest.raises(BookingError) as caught:
        lease(staff, office, starts_on=D(2025, 1, 1), ends_on=D(2027, 1, 1))
    assert messages_of(caught.value) == (
        f"The room is already leased to {first.organisation} from 1.3.2026 until further notice."
    )
    assert OfficeLease.objects.count() == 1
    # Another room is not affected.
    other = RoomFactory(kind=Room.Kind.OFFICE, is_bookable=False)
    assert lease(staff, other, starts_on=D(2026, 3, 1)).pk


def test_only_an_office_or_workstation_can_be_leased(staff):
    meeting_room = RoomFactory(kind=Room.Kind.MEETING_ROOM)
    with pytest.raises(BookingError) as caught:
        lease(staff, meeting_room)
    assert caught.value.field == "room"
    assert "Only an office room or a workstation can be leased." in caught.value.messages
    assert not OfficeLease.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"monthly_rent": Decimal("-1")}, "monthly_rent"),
        ({"monthly_rent": Decimal("10.005")}, "monthly_rent"),
        ({"monthly_rent": "paljon"}, "monthly_rent"),
        ({"monthly_rent": Decimal("1000000")}, "monthly_rent"),
        ({"starts_on": D(2026, 2, 1), "ends_on": D(2026, 1, 31)}, "ends_on"),
    ],
)
def test_bad_rent_or_dates_are_refused(staff, office, changes, field):
    with pytest.raises(BookingError) as caught:
        lease(staff, office, **changes)
    assert caught.value.field == field
    assert not OfficeLease.objects.exists()


def test_rent_is_never_a_float(staff, office):
    with pytest.raises(TypeError):
        lease(staff, office, monthly_rent=320.0)


def test_dissolved_organisation_cannot_lease(staff, office):
    with pytest.raises(BookingError) as caught:
        lease(staff, office, OrganisationFactory(status="dissolved"))
    assert caught.value.field == "organisation"
    assert not OfficeLease.objects.exists()


@pytest.mark.parametrize("actor", [None, "person", "inactive staff"])
def test_leases_are_for_staff_only(office, actor):
    user = {
        None: None,
        "person": UserFactory(),
        "inactive staff": StaffFactory(is_active=False),
    }[actor]
    with pytest.raises(PermissionDenied):
        lease(user, office)
    assert not OfficeLease.objects.exists()


@time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_ending_a_lease(staff, office):
    made = lease(staff, office, starts_on=D(2026, 1, 1))
    with pytest.raises(BookingError) as caught:
        office_services.lease_end(actor=staff, lease=made, ends_on=D(2025, 12, 31))
    assert caught.value.field == "ends_on"
    with pytest.raises(PermissionDenied):
        office_services.lease_end(actor=UserFactory(), lease=made, ends_on=D(2026, 6, 30))
    office_services.lease_end(actor=staff, lease=made, ends_on=D(2026, 6, 30))
    made.refresh_from_db()
    assert made.ends_on == D(2026, 6, 30)
    # Now the room can be leased from July on.
    lease(staff, office, starts_on=D(2026, 7, 1))


@time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_moving_the_end_into_the_next_lease_is_refused(staff, office):
    first = lease(staff, office, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    lease(staff, office, starts_on=D(2026, 7, 1))
    with pytest.raises(BookingError) as caught:
        office_services.lease_end(actor=staff, lease=first, ends_on=D(2026, 8, 31))
    assert "already leased" in messages_of(caught.value)
    first.refresh_from_db()
    assert first.ends_on == D(2026, 6, 30)


@time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_a_lease_that_has_ended_is_not_ended_again(staff, office):
    made = lease(staff, office, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31))
    with pytest.raises(BookingError) as caught:
        office_services.lease_end(actor=staff, lease=made, ends_on=D(2026, 6, 30))
    assert messages_of(caught.value) == "This lease already ended on 31.12.2025."


# Keys -----------------------------------------------------------------------------------


def test_key_is_handed_over_and_recorded_with_who_gave_it(staff, office):
    tenant = OrganisationFactory()
    office_lease = lease(staff, office, tenant)
    handover = key(staff, tenant, lease=office_lease, deposit=Decimal("20.00"), key_label=" K1 ")
    handover.refresh_from_db()
    assert (handover.key_label, handover.handed_over_by, handover.returned_on) == (
        "K1",
        staff,
        None,
    )
    assert handover.deposit == Decimal("20.00") and handover.lease == office_lease


def test_a_key_is_out_to_one_holder_at_a_time(staff):
    first = key(staff, key_label="MT-1")
    with pytest.raises(BookingError) as caught:
        key(staff, key_label="MT-1", holder_name="Liisa Lainaaja")
    assert caught.value.field == "key_label"
    assert caught.value.messages == ["That key has not been returned yet."]
    assert KeyHandover.objects.count() == 1
    # Other keys are independent, and once returned the key can go out again.
    key(staff, key_label="MT-2")
    office_services.key_return(actor=staff, handover=first, returned_on=D(2026, 1, 10))
    again = key(
        staff, key_label="MT-1", holder_name="Liisa Lainaaja", handed_over_on=D(2026, 1, 11)
    )
    assert again.holder_name == "Liisa Lainaaja"
    assert KeyHandover.objects.filter(key_label="MT-1").count() == 2


def test_key_with_another_organisations_lease_is_refused(staff, office):
    office_lease = lease(staff, office)
    with pytest.raises(BookingError) as caught:
        key(staff, OrganisationFactory(), lease=office_lease)
    assert caught.value.field == "lease"
    assert not KeyHandover.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"key_label": "  "}, "key_label"),
        ({"holder_name": ""}, "holder_name"),
        ({"deposit": Decimal("-5")}, "deposit"),
        ({"handed_over_on": None}, "handed_over_on"),
    ],
)
def test_incomplete_hand_over_is_refused(staff, changes, field):
    with pytest.raises(BookingError) as caught:
        key(staff, **changes)
    assert caught.value.field == field
    assert not KeyHandover.objects.exists()


def test_hand_over_is_for_staff_only():
    with pytest.raises(PermissionDenied):
        key(UserFactory())
    assert not KeyHandover.objects.exists()


@time_machine.travel(datetime.datetime(2026, 2, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_key_return(staff):
    handover = key(staff, handed_over_on=D(2026, 1, 5))
    with pytest.raises(PermissionDenied):
        office_services.key_return(
            actor=UserFactory(), handover=handover, returned_on=D(2026, 2, 1)
        )
    office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 2, 1))
    handover.refresh_from_db()
    assert handover.returned_on == D(2026, 2, 1)


@time_machine.travel(datetime.datetime(2026, 2, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_return_before_the_hand_over_is_refused(staff):
    handover = key(staff, handed_over_on=D(2026, 1, 5))
    with pytest.raises(BookingError) as caught:
        office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 1, 4))
    assert caught.value.field == "returned_on"
    assert messages_of(caught.value) == (
        "A key cannot be returned before it was handed over (5.1.2026)."
    )
    handover.refresh_from_db()
    assert handover.returned_on is None
    # The hand-over day itself is fine.
    office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 1, 5))


@time_machine.travel(datetime.datetime(2026, 2, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_a_key_is_not_returned_twice_nor_in_the_future(staff):
    handover = key(staff, handed_over_on=D(2026, 1, 5))
    with pytest.raises(BookingError) as caught:
        office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 2, 3))
    assert messages_of(caught.value) == "The return date is in the future."
    office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 1, 20))
    with pytest.raises(BookingError) as caught:
        office_services.key_return(actor=staff, handover=handover, returned_on=D(2026, 2, 1))
    assert messages_of(caught.value) == "The key was already returned on 20.1.2026."
    handover.refresh_from_db()
    assert handover.returned_on == D(2026, 1, 20)
