"""The staff back office of rooms and offices: every changelist loads with a constant
number of queries, the booking actions go through the services, and leases and keys
added in the admin follow the office services' rules."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from facilities.models import (
    BookingNotification,
    BookingSeries,
    CalendarFeed,
    KeyHandover,
    OfficeLease,
    Report,
    Room,
)
from tests.factories.facilities import BookingFactory, RoomFactory, SiteFactory, at, next_weekday
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


@pytest.fixture
def english():
    """The admin in English (/en/admin/), so that messages can be asserted."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def url(model, view="changelist", *args):
    return reverse(f"admin:facilities_{model}_{view}", args=args)


def text(response):
    return response.content.decode()


def office_room(**kwargs):
    return RoomFactory(kind=Room.Kind.OFFICE, is_bookable=False, **kwargs)


# Rows for the changelists: each call adds one row with all that it shows.


def add_site(i):
    SiteFactory()


def add_room(i):
    RoomFactory()


def add_booking(i):
    BookingFactory(start=at(next_weekday(1), 8) + datetime.timedelta(hours=i % 10))


def add_series(i):
    BookingSeries.objects.create(
        room=RoomFactory(),
        organisation=OrganisationFactory(),
        weekdays=[1, 3],
        first_date=D(2026, 1, 6),
        until=D(2026, 3, 31),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        created_by=UserFactory(),
    )


def add_notification(i):
    BookingNotification.objects.create(booking=BookingFactory(), kind="confirmed")


def add_lease(i):
    OfficeLease.objects.create(
        room=office_room(),
        organisation=OrganisationFactory(),
        starts_on=D(2026, 1, 1),
        monthly_rent=Decimal("300.00"),
    )


def add_key(i):
    lease = OfficeLease.objects.create(
        room=office_room(),
        organisation=OrganisationFactory(),
        starts_on=D(2026, 1, 1),
        monthly_rent=Decimal("300.00"),
    )
    KeyHandover.objects.create(
        organisation=lease.organisation,
        lease=lease,
        key_label=f"K-{lease.pk}",
        holder_name="Pekka Porilainen",
        handed_over_on=D(2026, 1, 2),
        handed_over_by=UserFactory(),
    )


def add_feed(i):
    CalendarFeed.objects.create(organisation=OrganisationFactory())


def add_report(i):
    Report.objects.create(
        kind="statement",
        month=D(2026, 1, 1),
        organisation=OrganisationFactory(),
        status="done",
        file="reports/facilities/statement.pdf",
        requested_by=UserFactory(),
    )


CHANGELISTS = [
    ("site", add_site),
    ("room", add_room),
    ("booking", add_booking),
    ("bookingseries", add_series),
    ("bookingnotification", add_notification),
    ("officelease", add_lease),
    ("keyhandover", add_key),
    ("calendarfeed", add_feed),
    ("report", add_report),
]


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("model,add", CHANGELISTS, ids=[m for m, _ in CHANGELISTS])
def test_changelist_queries_do_not_grow_with_rows(client, staff, model, add):
    path = url(model)
    add(0)
    client.get(path)  # warm the per-process caches (content types, sessions)
    one, response = queries_for(client, path)
    assert "1 " in text(response)  # the paginator's "1 <objects>"
    for i in range(1, 10):
        add(i)
    ten, response = queries_for(client, path)
    assert response.context["cl"].result_count == 10
    assert ten == one, f"{model}: {one} queries for 1 row, {ten} for 10"


@pytest.mark.parametrize("model,add", CHANGELISTS, ids=[m for m, _ in CHANGELISTS])
def test_change_pages_open(client, staff, model, add):
    add(0)
    row = apps.get_model("facilities", model).objects.first()
    assert client.get(url(model, "change", row.pk)).status_code == 200


def test_admin_needs_staff(client):
    client.force_login(UserFactory())
    response = client.get(url("booking"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_calendar_feed_secret_is_not_shown(client, staff):
    feed = CalendarFeed.objects.create(organisation=OrganisationFactory())
    assert feed.token not in text(client.get(url("calendarfeed")))
    assert feed.token not in text(client.get(url("calendarfeed", "change", feed.pk)))


# Rooms ----------------------------------------------------------------------------------


def test_room_form_translated_fields_and_readable_errors(client, staff):
    site = SiteFactory()
    page = text(client.get(url("room", "add")))
    for name in ("name_fi", "name_sv", "name_en", "photo_alt_fi", "equipment_sv"):
        assert f'name="{name}"' in page
    data = {
        "site": site.pk,
        "kind": "meeting_room",
        "name_fi": "Kokoushuone Kaisla",
        "capacity": "0",
        "hourly_price_member": "-1",
        "hourly_price_non_member": "20",
        "buffer_minutes": "0",
        "min_duration_minutes": "120",
        "max_duration_minutes": "60",
        "booking_horizon_days": "180",
        "cancellation_deadline_hours": "24",
    }
    response = client.post(url("room", "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {
        "capacity",
        "hourly_price_member",
        "max_duration_minutes",
    }
    assert not Room.objects.exists()
    data.update(capacity="8", hourly_price_member="8", min_duration_minutes="30")
    assert client.post(url("room", "add"), data).status_code == 302
    assert Room.objects.get().name_fi == "Kokoushuone Kaisla"


def site_data(site, hours=(), exceptions=()):
    data = {
        "name_fi": site.name_fi,
        "street_address": site.street_address,
        "postal_code": site.postal_code,
        "post_office": site.post_office,
        "municipality": site.municipality_id,
        "holidays_closed": "on",
    }
    for prefix, rows in (("opening_hours", hours), ("exceptions", exceptions)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def test_site_hours_and_exceptions_are_edited_inline_with_readable_errors(client, staff):
    site = SiteFactory(opening_hours=[])
    change = url("site", "change", site.pk)
    bad = site_data(
        site,
        hours=[{"weekday": "0", "opens": "20:00", "closes": "08:00"}],
        exceptions=[{"date": "2026-12-24", "opens": "10:00", "closes": ""}],
    )
    response = client.post(change, bad)
    assert response.status_code == 200
    page = text(response)
    assert "The closing time must be after the opening time." in page
    assert "Give both times, or neither for a day closed all day." in page
    assert not site.opening_hours.exists() and not site.exceptions.exists()
    good = site_data(
        site,
        hours=[{"weekday": "0", "opens": "08:00", "closes": "20:00"}],
        exceptions=[
            {"date": "2026-12-24", "opens": "10:00", "closes": "14:00", "reason_fi": "Aatto"}
        ],
    )
    assert client.post(change, good).status_code == 302
    assert site.opening_hours.get().closes == datetime.time(20)
    assert site.exceptions.get().reason_fi == "Aatto"


# Booking actions ------------------------------------------------------------------------


def action(client, name, bookings, follow=True, **extra):
    return client.post(
        url("booking"),
        {"action": name, "_selected_action": [str(b.pk) for b in bookings], **extra},
        follow=follow,
    )


def messages_in(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_approve_action_uses_the_service_and_reports_each_booking(client, staff):
    requested = BookingFactory(status="requested", room=RoomFactory(requires_approval=True))
    confirmed = BookingFactory()
    response = action(client, "approve", [requested, confirmed])
    requested.refresh_from_db()
    assert requested.status == "confirmed" and requested.decided_by == staff
    assert BookingNotification.objects.filter(booking=requested, kind="approved").exists()
    by_level = dict(messages_in(response))  # one message of each: order is the list's
    assert by_level["success"].startswith(f"Approved: {requested.room}, ")
    assert by_level["error"].startswith(f"{confirmed.room}, ")
    assert by_level["error"].endswith(
        f"{confirmed.organisation}: Only a requested booking can be approved."
    )
    confirmed.refresh_from_db()
    assert confirmed.decided_by is None


def test_reject_asks_for_a_reason_first(client, staff):
    booking = BookingFactory(status="requested", room=RoomFactory(requires_approval=True))
    page = action(client, "reject", [booking], follow=False)
    assert page.status_code == 200
    assert 'name="reason"' in text(page)
    assert booking.organisation.name in text(page)
    booking.refresh_from_db()
    assert booking.status == "requested"
    # A blank reason is not accepted, and nothing changes.
    again = action(client, "reject", [booking], follow=False, apply="1", reason="   ")
    assert again.status_code == 200
    assert again.context["form"].errors["reason"]
    booking.refresh_from_db()
    assert booking.status == "requested"
    done = action(client, "reject", [booking], apply="1", reason="Sali on remontissa.")
    booking.refresh_from_db()
    assert (booking.status, booking.rejection_reason, booking.decided_by) == (
        "rejected",
        "Sali on remontissa.",
        staff,
    )
    assert BookingNotification.objects.filter(booking=booking, kind="rejected").exists()
    assert any(level == "success" and m.startswith("Rejected:") for level, m in messages_in(done))


def test_cancel_action_uses_the_service(client, staff):
    booking = BookingFactory()
    already = BookingFactory(status="cancelled")
    response = action(client, "cancel", [booking, already])
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == ("cancelled", staff)
    assert BookingNotification.objects.filter(booking=booking, kind="cancelled").exists()
    found = messages_in(response)
    assert sum(level == "success" for level, _ in found) == 1
    assert any(level == "error" and "it cannot be cancelled" in m for level, m in found), found


def test_bookings_are_not_added_edited_or_deleted_in_the_admin(client, staff):
    booking = BookingFactory()
    assert client.get(url("booking", "add")).status_code == 403
    page = client.get(url("booking", "change", booking.pk))
    assert page.status_code == 200
    assert 'name="start' not in text(page)  # no inputs for the times
    later = booking.start + datetime.timedelta(days=1)
    response = client.post(
        url("booking", "change", booking.pk), {"start_0": later.date().isoformat()}
    )
    assert response.status_code == 403
    assert client.post(url("booking", "delete", booking.pk), {"post": "yes"}).status_code == 403
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.start < later


# Leases and keys ------------------------------------------------------------------------


def lease_data(room, organisation, **changes):
    return {
        "room": room.pk,
        "organisation": organisation.pk,
        "starts_on": "2026-01-01",
        "ends_on": "",
        "monthly_rent": "320.00",
        "notes": "",
        **changes,
    }


def test_lease_added_in_the_admin_goes_through_the_service(client, staff):
    room, tenant = office_room(), OrganisationFactory()
    response = client.post(url("officelease", "add"), lease_data(room, tenant))
    assert response.status_code == 302
    lease = OfficeLease.objects.get()
    assert (lease.room, lease.organisation, lease.monthly_rent) == (room, tenant, Decimal("320"))


def test_overlapping_lease_in_the_admin_shows_the_error_and_saves_nothing(client, staff):
    room, first_tenant = office_room(), OrganisationFactory()
    OfficeLease.objects.create(
        room=room, organisation=first_tenant, starts_on=D(2026, 1, 1), monthly_rent=100
    )
    response = client.post(
        url("officelease", "add"),
        lease_data(room, OrganisationFactory(), starts_on="2026-06-01", ends_on="2026-12-31"),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    # The service's message, naming the lease in the way, next to the start date.
    assert form.errors["starts_on"] == [
        f"The room is already leased to {first_tenant.name} from 1.1.2026 until further notice."
    ]
    assert f"already leased to {first_tenant.name}" in text(response)
    assert OfficeLease.objects.count() == 1


def test_a_meeting_room_cannot_be_leased_in_the_admin(client, staff):
    meeting_room = RoomFactory()
    response = client.post(
        url("officelease", "add"), lease_data(meeting_room, OrganisationFactory())
    )
    assert response.status_code == 200
    assert "room" in response.context["adminform"].form.errors
    assert not OfficeLease.objects.exists()


@time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_ending_a_lease_on_its_page_goes_through_the_service(client, staff):
    room = office_room()
    first = OfficeLease.objects.create(
        room=room,
        organisation=OrganisationFactory(),
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 6, 30),
        monthly_rent=100,
    )
    OfficeLease.objects.create(
        room=room, organisation=OrganisationFactory(), starts_on=D(2026, 7, 1), monthly_rent=100
    )
    # Moving the end into the next lease is refused next to the end date.
    response = client.post(
        url("officelease", "change", first.pk), {"ends_on": "2026-08-31", "notes": "x"}
    )
    assert response.status_code == 200
    assert "already leased" in response.context["adminform"].form.errors["ends_on"][0]
    first.refresh_from_db()
    assert (first.ends_on, first.notes) == (D(2026, 6, 30), "")
    response = client.post(
        url("officelease", "change", first.pk), {"ends_on": "2026-05-31", "notes": "Muutti."}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.ends_on, first.notes) == (D(2026, 5, 31), "Muutti.")


def key_data(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "lease": "",
        "key_label": "MT-1",
        "holder_name": "Pekka Porilainen",
        "handed_over_on": "2026-01-05",
        "deposit": "20.00",
        "notes": "",
        **changes,
    }


def test_key_added_in_the_admin_goes_through_the_service(client, staff):
    organisation = OrganisationFactory()
    assert client.post(url("keyhandover", "add"), key_data(organisation)).status_code == 302
    handover = KeyHandover.objects.get()
    assert handover.handed_over_by == staff  # set only by the service
    # The same key again, not yet returned: the error is on the key, nothing is saved.
    response = client.post(
        url("keyhandover", "add"), key_data(organisation, holder_name="Liisa Lainaaja")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["key_label"] == [
        "That key has not been returned yet."
    ]
    assert KeyHandover.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 2, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_keys_returned_today_by_the_action(client, staff):
    out = KeyHandover.objects.create(
        organisation=OrganisationFactory(),
        key_label="MT-1",
        holder_name="Pekka Porilainen",
        handed_over_on=D(2026, 1, 5),
    )
    back = KeyHandover.objects.create(
        organisation=OrganisationFactory(),
        key_label="MT-2",
        holder_name="Liisa Lainaaja",
        handed_over_on=D(2026, 1, 5),
        returned_on=D(2026, 1, 20),
    )
    response = client.post(
        url("keyhandover"),
        {"action": "mark_returned", "_selected_action": [out.pk, back.pk]},
        follow=True,
    )
    out.refresh_from_db()
    back.refresh_from_db()
    assert out.returned_on == D(2026, 2, 2)
    assert back.returned_on == D(2026, 1, 20)
    found = messages_in(response)
    assert ("error", "MT-2 – Liisa Lainaaja: The key was already returned on 20.1.2026.") in found
    assert ("success", "Key returned today: MT-1 – Pekka Porilainen.") in found


@time_machine.travel(datetime.datetime(2026, 2, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_key_return_before_hand_over_on_its_page_is_refused(client, staff):
    handover = KeyHandover.objects.create(
        organisation=OrganisationFactory(),
        key_label="MT-1",
        holder_name="Pekka Porilainen",
        handed_over_on=D(2026, 1, 5),
    )
    response = client.post(
        url("keyhandover", "change", handover.pk), {"returned_on": "2026-01-04", "notes": ""}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["returned_on"]
    handover.refresh_from_db()
    assert handover.returned_on is None


# Reports --------------------------------------------------------------------------------


def test_report_download_is_for_staff(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = Report.objects.create(kind="utilisation", month=D(2026, 1, 1), status="done")
    report.file.save("kaytto-2026-01.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    pending = Report.objects.create(kind="utilisation", month=D(2026, 2, 1))
    listing = text(client.get(url("report")))
    download = url("report", "download", report.pk)
    assert download in listing
    assert url("report", "download", pending.pk) not in listing
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert "attachment" in response["Content-Disposition"]
    assert client.get(url("report", "download", pending.pk)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(download).status_code == 302  # to the admin login
