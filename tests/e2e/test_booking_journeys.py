"""Room booking in the browser: a representative books a room, sees it among their
bookings and cancels it; staff approve a request. Every page is axe-checked."""

import pytest

from facilities.models import Booking
from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday
from tests.factories.organisations import RepresentativeFactory, StaffFactory

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_rooms_and_week_view_are_accessible(page, url, language):
    room = RoomFactory(name_fi="Kokoushuone Kuusi", name_sv="Mötesrum Sex")
    tuesday = next_weekday(1)
    BookingFactory(room=room, start=at(tuesday, 10), end=at(tuesday, 12))
    visit(page, url(path("facilities:room_list", language)))
    page.locator("main .room-card a").first.click()
    check_page(page, label=f"room-{language}")
    page.locator(".week-nav a[rel=next]").click()
    check_page(page, label=f"next-week-{language}")
    assert page.locator(".week-table tbody tr").count() > 10


def test_representative_books_sees_and_cancels(page, url):
    rep = RepresentativeFactory(
        user__email="edustaja@example.fi", organisation__name_fi="Porin Kuoro ry"
    )
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    log_in(page, url, rep.user.email)
    tuesday = next_weekday(1, weeks=2)
    visit(page, url(path("facilities:room_detail", pk=room.pk)) + f"?viikko={tuesday.isoformat()}")
    # Choose a free slot in the week view: the form opens with its date and time.
    page.locator(f'.week-table a[href*="paiva={tuesday.isoformat()}&alku=10:00"]').click()
    check_page(page, label="form")
    assert page.input_value("input[name=date]") == tuesday.isoformat()
    assert page.input_value("input[name=start_time]") == "10:00"
    page.fill("input[name=end_time]", "12:00")
    page.fill("input[name=purpose]", "Kuoron hallituksen kokous")
    page.fill("input[name=attendees]", "7")
    # The price summary comes before confirming.
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label="price-summary")
    assert "Hintayhteenveto" in page.inner_text("main")
    assert not Booking.objects.exists()
    page.locator("main form button", has_text="Vahvista varaus").click()
    check_page(page, label="booked")
    assert "Vahvistettu" in page.inner_text("main")
    booking = Booking.objects.get()
    assert booking.organisation == rep.organisation and booking.start == at(tuesday, 10)

    page.locator("nav summary", has_text="Omat sivut").click()  # the menu, open without JS
    page.locator("nav a", has_text="Omat varaukset").first.click()
    check_page(page, label="my-bookings")
    assert "Kuoron hallituksen kokous" in page.inner_text("main table")
    page.locator("main table button", has_text="Peru varaus").click()
    check_page(page, label="cancel-asks")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # it asks first
    page.locator("main button", has_text="Kyllä, peru varaus").click()
    check_page(page, label="cancelled")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Peruttu" in page.inner_text("main")


def test_staff_approve_a_request(page, url):
    staff = StaffFactory(email="henkilokunta@example.fi")
    room = RoomFactory(name_fi="Sali", requires_approval=True)
    request = BookingFactory(
        room=room, status=Booking.Status.REQUESTED, organisation__name_fi="Rauman Teatteri ry"
    )
    log_in(page, url, staff.email)
    visit(page, url(path("facilities:booking_queue")))
    card = page.locator(f"#request-{request.pk}")
    assert "Rauman Teatteri ry" in card.inner_text()
    card.locator("button", has_text="Hyväksy").click()
    check_page(page, label="approved")
    request.refresh_from_db()
    assert request.status == Booking.Status.CONFIRMED
    assert "Hyväksytty" in page.inner_text("main")
    assert page.locator(f"#request-{request.pk}").count() == 0
