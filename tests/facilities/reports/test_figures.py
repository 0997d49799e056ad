"""PDF reports of room booking: the figures (months, utilisation and statements) (fixtures in conftest.py)."""

import datetime
import re
from decimal import Decimal

import pytest

from core.reports import report_create
from facilities.models import OpeningException, Report
from facilities.reports import (
    parse_month,
    render_report_html,
    statement_rows,
    utilisation_chart,
    utilisation_rows,
)
from tests.facilities.reports.helpers import (
    DECEMBER,
    d,
    statement_bookings,
)
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    SiteFactory,
    at,
)

pytestmark = pytest.mark.django_db


# --- Months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [("2026-11", d(1, 11)), ("2026-1", d(1, 1)), ("11/2026", d(1, 11)), ("3.2027", d(1, 3, 2027))],
)
def test_months_are_parsed_in_the_forms_people_use(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "13/2026", "marraskuu", "2026-11-05"])
def test_a_bad_month_is_refused(text):
    with pytest.raises(ValueError):
        parse_month(text)


# --- Utilisation -----------------------------------------------------------------------


def test_utilisation_counts_confirmed_hours_in_the_month_against_open_hours(weekday_site):
    room = RoomFactory(site=weekday_site, name_fi="Kokoushuone Aalto")
    other = RoomFactory(site=weekday_site, name_fi="Kokoushuone Berg")
    storage = RoomFactory(site=weekday_site, name_fi="Varasto", is_bookable=False)
    BookingFactory(room=room, start=at(d(1), 10), end=at(d(1), 12))  # 2 h
    # Across the month boundaries, in local time: 1 h and 6 h fall in December.
    BookingFactory(room=room, start=at(d(30, 11), 23), end=at(d(1), 1))
    BookingFactory(room=room, start=at(d(31), 18), end=at(d(1, 1, 2027), 2))
    BookingFactory(room=room, start=at(d(30, 11), 10), end=at(d(30, 11), 12))
    BookingFactory(room=room, start=at(d(2), 10), end=at(d(2), 12), status="cancelled")
    BookingFactory(room=room, start=at(d(3), 10), end=at(d(3), 12), status="requested")
    BookingFactory(room=room, start=at(d(4), 10), end=at(d(4), 12), status="rejected")
    BookingFactory(room=other, start=at(d(7), 8), end=at(d(7), 20))  # 12 h
    BookingFactory(room=storage, start=at(d(7), 8), end=at(d(7), 20))

    result = utilisation_rows(DECEMBER)

    assert [s.site for s in result.sites] == [weekday_site]
    site = result.sites[0]
    assert [r.room for r in site.rooms] == [room, other]
    first, second = site.rooms
    # 21 open weekdays (23 less the two Christmas holidays) of 12 hours.
    assert first.open_hours == second.open_hours == Decimal("252.00")
    assert first.booked_hours == Decimal("9.00")
    assert first.percent == Decimal("3.6")  # 9 / 252
    assert second.booked_hours == Decimal("12.00")
    assert second.percent == Decimal("4.8")  # 12 / 252
    assert (site.booked_hours, site.open_hours, site.percent) == (
        Decimal("21.00"),
        Decimal("504.00"),
        Decimal("4.2"),
    )


def test_utilisation_follows_each_sites_hours_and_exceptions(weekday_site):
    RoomFactory(site=weekday_site, name_fi="Arkihuone")
    saturday_site = SiteFactory(name_fi="Kulttuuritalo")  # Mon–Fri 8–20 and Sat 10–16
    RoomFactory(site=saturday_site, name_fi="Lauantaihuone")
    # Open 9–12 on Christmas Eve after all, closed all of Wednesday the 2nd.
    OpeningException.objects.create(
        site=saturday_site, date=d(24), opens=datetime.time(9), closes=datetime.time(12)
    )
    OpeningException.objects.create(site=saturday_site, date=d(2), reason_fi="Remontti")

    result = utilisation_rows(DECEMBER)

    hours = {s.site.name: s.rooms[0].open_hours for s in result.sites}
    # 252 h on weekdays + three Saturdays of 6 h (Boxing Day is closed) + 3 − 12.
    assert hours == {"Järjestötalo Pori": Decimal("252.00"), "Kulttuuritalo": Decimal("261.00")}
    assert result.open_hours == Decimal("513.00")
    assert result.percent == Decimal("0.0")


def test_a_room_that_is_never_open_has_no_percentage():
    RoomFactory(site=SiteFactory(opening_hours=[]))
    usage = utilisation_rows(DECEMBER).sites[0].rooms[0]
    assert usage.open_hours == 0 and usage.percent is None


def test_utilisation_takes_the_same_queries_for_one_room_or_many(django_assert_num_queries):
    site = SiteFactory()
    room = RoomFactory(site=site)
    BookingFactory(room=room, start=at(d(1), 10), end=at(d(1), 12))
    with django_assert_num_queries(4):
        utilisation_rows(DECEMBER)
    other_site = SiteFactory()
    for i in range(10):
        extra = RoomFactory(site=other_site if i % 2 else site)
        BookingFactory(room=extra, start=at(d(i + 1), 10), end=at(d(i + 1), 12))
    OpeningException.objects.create(site=other_site, date=d(2))
    with django_assert_num_queries(4):
        result = utilisation_rows(DECEMBER)
    assert sum(len(s.rooms) for s in result.sites) == 11


def test_the_chart_draws_one_labelled_bar_per_room_to_scale(weekday_site):
    quiet = RoomFactory(site=weekday_site, name_fi="Hiljainen huone")
    busy = RoomFactory(site=weekday_site, name_fi="Kiireinen huone")
    # 11 × 11 h + 5 h = 126 of 252 open hours: half.
    for day in (1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15):
        BookingFactory(room=busy, start=at(d(day), 8), end=at(d(day), 19))
    BookingFactory(room=busy, start=at(d(16), 8), end=at(d(16), 13))
    site = utilisation_rows(DECEMBER).sites[0]
    assert [r.percent for r in site.rooms] == [Decimal("0.0"), Decimal("50.0")]
    chart = utilisation_chart(site)
    assert [b.label for b in chart.bars] == [quiet.name, busy.name]
    assert [b.width for b in chart.bars] == ["0.0", "190.0"]  # half of the 380 px
    assert [value for value, _x in chart.ticks] == [0, 25, 50, 75, 100]


def test_the_chart_scale_grows_past_100_percent_when_a_room_is_overbooked():
    # Booked beyond the opening hours (staff can): the bar must still fit the chart.
    room = RoomFactory(site=SiteFactory(opening_hours=[(1, datetime.time(10), datetime.time(12))]))
    BookingFactory(room=room, start=at(d(1), 8), end=at(d(1), 20))  # 12 h of 10 open hours
    site = utilisation_rows(DECEMBER).sites[0]
    assert site.rooms[0].percent == Decimal("120.0")
    chart = utilisation_chart(site)
    assert [value for value, _x in chart.ticks] == [0, 25, 50, 75, 100, 125]
    assert chart.bars[0].width == "364.8"  # 120 / 125 of 380 px


def test_the_utilisation_html_has_an_inline_svg_chart_and_nothing_external(weekday_site):
    aalto = RoomFactory(site=weekday_site, name_fi="Kokoushuone Aalto")
    RoomFactory(site=weekday_site, name_fi="Kokoushuone Berg")
    RoomFactory(site=weekday_site, name_fi="Kokoushuone Cedar")
    BookingFactory(room=aalto, start=at(d(1), 8), end=at(d(1), 17))  # 9 of 252 h
    report = report_create(Report, kind="utilisation", month=DECEMBER, language="fi")
    html = render_report_html(report)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == 3
    assert "<title" in svg
    # Every bar carries its room and its number, so nothing is told by colour alone.
    for name in ("Kokoushuone Aalto", "Kokoushuone Berg", "Kokoushuone Cedar"):
        assert f">{name}</text>" in svg
    assert ">3,6 %</text>" in svg and svg.count(">0,0 %</text>") == 2
    assert 'width="13.7"' in svg  # 3.6 % of 380 px, written with a dot even in Finnish
    assert "<script" not in html and "<img" not in html
    assert not re.search(r"""(src|href)=["']?https?:""", html)


# --- Statements ------------------------------------------------------------------------


def test_a_statement_lists_the_confirmed_bookings_that_start_in_the_month(choir):
    counted = statement_bookings(choir)
    statement = statement_rows(choir, DECEMBER)
    assert [line.booking for line in statement.lines] == counted
    assert statement.total == Decimal("1234.50")
    assert statement.hours == Decimal("13.00")
    assert [line.hours for line in statement.lines] == [
        Decimal("1.00"),
        Decimal("2.00"),
        Decimal("8.00"),
        Decimal("2.00"),
    ]
    assert [line.booking.member_price for line in statement.lines] == [False, True, False, True]
    assert statement.last_day == d(31)


def test_a_statement_of_a_month_without_bookings_totals_zero(choir):
    statement = statement_rows(choir, DECEMBER)
    assert statement.lines == [] and statement.total == Decimal("0.00")


def test_a_statement_takes_one_query_for_one_booking_or_many(choir, django_assert_num_queries):
    room = RoomFactory()
    BookingFactory(organisation=choir, room=room, start=at(d(1), 10), end=at(d(1), 11))
    with django_assert_num_queries(1):
        statement = statement_rows(choir, DECEMBER)
        [(line.booking.room.name, line.booking.room.site.name) for line in statement.lines]
    for day in range(2, 12):
        BookingFactory(
            organisation=choir, room=RoomFactory(), start=at(d(day), 10), end=at(d(day), 11)
        )
    with django_assert_num_queries(1):
        statement = statement_rows(choir, DECEMBER)
        [(line.booking.room.name, line.booking.room.site.name) for line in statement.lines]
    assert len(statement.lines) == 11
