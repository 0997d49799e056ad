"""What the room booking report tests share: December 2026, PDF text, and a
statement's bookings."""

import datetime
import io
import re
from decimal import Decimal

from pypdf import PdfReader

from facilities.models import Booking
from tests.factories.facilities import BookingFactory, RoomFactory, at

# December 2026: 23 weekdays, of which Christmas Eve (Thu 24th) and Christmas Day (Fri
# 25th) are public holidays; Boxing Day falls on the 5th Saturday.
DECEMBER = datetime.date(2026, 12, 1)
WEEKDAYS_8_TO_20 = [(d, datetime.time(8), datetime.time(20)) for d in range(5)]


def d(day, month=12, year=2026):
    return datetime.date(year, month, day)


def pdf_text_of(page) -> str:
    # Thousands are grouped with a no-break space; compare with plain spaces.
    return re.sub(r"[ \xa0\u202f]+", " ", page.extract_text())


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    return "\n".join(pdf_text_of(page) for page in reader.pages)


def statement_bookings(organisation):
    """Four bookings of December worth 1 234,50 € in all, and five that do not count."""
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    hall = RoomFactory(name_fi="Juhlasali", site=room.site)
    counted = [
        # 00.30 local on the 1st is still 30 November in UTC: it belongs to December.
        BookingFactory(
            organisation=organisation,
            room=room,
            start=at(d(1), 0, 30),
            end=at(d(1), 1, 30),
            price=Decimal("14.50"),
            purpose="Yökuoro",
        ),
        BookingFactory(
            organisation=organisation,
            room=room,
            start=at(d(3), 18),
            end=at(d(3), 20),
            price=Decimal("20.00"),
            member_price=True,
            purpose="Harjoitukset",
        ),
        BookingFactory(
            organisation=organisation,
            room=hall,
            start=at(d(10), 9),
            end=at(d(10), 17),
            price=Decimal("1000.00"),
            purpose="Joulukonsertti",
        ),
        BookingFactory(
            organisation=organisation,
            room=room,
            start=at(d(31), 20),
            end=at(d(31), 22),
            price=Decimal("200.00"),
            member_price=True,
            purpose="Uudenvuoden laulut",
        ),
    ]
    for status, day in ((Booking.Status.CANCELLED, 15), (Booking.Status.REQUESTED, 16)):
        BookingFactory(
            organisation=organisation,
            room=room,
            start=at(d(day), 10),
            end=at(d(day), 12),
            status=status,
            price=Decimal("99.10"),
        )
    BookingFactory(room=hall, start=at(d(3), 18), end=at(d(3), 20), price=Decimal("55.20"))
    # 23.30 on 30 November (local) is not December, nor is New Year's Day.
    BookingFactory(
        organisation=organisation,
        room=room,
        start=at(d(30, 11), 23, 30),
        end=at(d(1), 0, 15),
        price=Decimal("11.30"),
    )
    BookingFactory(
        organisation=organisation,
        room=room,
        start=at(d(1, 1, 2027), 10),
        end=at(d(1, 1, 2027), 12),
        price=Decimal("13.40"),
    )
    return counted
