"""PDF reports of room booking: the numbers (utilisation and statements), the PDFs
themselves, who may ask for and download them, the progress page and the command."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from facilities.forms_reports import ReportForm
from facilities.models import Booking, OpeningException, Report
from facilities.report_services import report_build, report_create, report_request
from facilities.reports import (
    parse_month,
    render_report_html,
    statement_rows,
    utilisation_chart,
    utilisation_rows,
)
from organisations.models import Organisation, Representative
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    SiteFactory,
    at,
    representative_of,
)
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory
from yhteisokeskus.celery import app as celery_app

pytestmark = pytest.mark.django_db

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


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every booking's factory makes a user; a slow hasher would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eager_celery():
    """Tasks run in the calling process (the real-worker test is test_report_worker.py)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def weekday_site():
    return SiteFactory(name_fi="Järjestötalo Pori", opening_hours=WEEKDAYS_8_TO_20)


@pytest.fixture
def choir():
    return OrganisationFactory(name_fi="Porin Kuoroyhdistys ry", business_id="1234567-1")


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
    report = report_create(kind="utilisation", month=DECEMBER, language="fi")
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


# --- The PDFs --------------------------------------------------------------------------


def test_a_statement_pdf_shows_the_organisation_bookings_and_total_in_finnish(choir):
    statement_bookings(choir)
    report = report_build(
        report_create(kind="statement", month=DECEMBER, organisation=choir, language="fi").pk
    )
    assert report.status == Report.Status.DONE
    # The stored name has a random part: media may be served without a permission check.
    assert re.fullmatch(
        rf"reports/facilities/statement-{choir.pk}-2026-12-[0-9a-f]{{16}}\.pdf", report.file.name
    )
    with report.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Porin Kuoroyhdistys ry" in text
    assert "1234567-1" in text
    assert "1 234,50 €" in text
    assert "1 000,00 €" in text and "14,50 €" in text
    assert "Yhteisökeskus" in text  # the centre's name, in Finnish
    assert "joulukuu 2026" in text  # the month, in Finnish
    assert "1.12.2026" in text and "00.30–01.30" in text  # Helsinki time, Finnish style
    assert "Joulukonsertti" in text and "Juhlasali" in text
    assert "Remontti" not in text
    # Cancelled, requested, another organisation's and other months' bookings are out.
    for price in ("99,10", "55,20", "11,30", "13,40"):
        assert price not in text


def test_the_pdf_is_in_the_reports_language(choir):
    statement_bookings(choir)
    english = report_build(
        report_create(kind="statement", month=DECEMBER, organisation=choir, language="en").pk
    )
    with english.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "December 2026" in text
    assert "1,234.50 €" in text
    assert "Resource centre" in text


def test_a_utilisation_pdf_shows_rooms_hours_and_percentages(weekday_site):
    room = RoomFactory(site=weekday_site, name_fi="Kokoushuone Aalto")
    RoomFactory(site=weekday_site, name_fi="Kokoushuone Berg")
    BookingFactory(room=room, start=at(d(1), 8), end=at(d(1), 17))  # 9 of 252 h
    report = report_build(report_create(kind="utilisation", month=DECEMBER, language="fi").pk)
    assert report.status == Report.Status.DONE
    assert re.fullmatch(
        r"reports/facilities/utilisation-2026-12-[0-9a-f]{16}\.pdf", report.file.name
    )
    with report.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Järjestötalo Pori" in text
    assert "Kokoushuone Aalto" in text and "Kokoushuone Berg" in text
    assert "252,0" in text and "504,0" in text  # open hours of a room, of the site
    assert "3,6 %" in text and "1,8 %" in text  # the room, the site
    assert "joulukuu 2026" in text and "Yhteisökeskus" in text


def test_a_long_statement_runs_over_pages_with_page_numbers(choir):
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    for day in range(1, 32):
        for hour in (8, 10, 12, 14, 16):
            BookingFactory(
                organisation=choir,
                room=room,
                start=at(d(day), hour),
                end=at(d(day), hour + 2),
                price=Decimal("20.00"),
                purpose="Kuoroharjoitukset ja hallituksen kokous " * 2,
            )
    report = report_build(
        report_create(kind="statement", month=DECEMBER, organisation=choir, language="fi").pk
    )
    with report.file.open("rb") as stored:
        data = stored.read()
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    texts = [pdf_text_of(page) for page in reader.pages]
    # 155 rows of about eight lines each take far more than one page, yet not one a row.
    assert 3 <= pages <= 40
    assert f"1 / {pages}" in texts[0] and f"{pages} / {pages}" in texts[-1]
    assert "Kokoushuone Kuusi" in texts[1]  # the rows go on, under a repeated header row
    # The total, once, at the end: 155 × 20 €.
    assert "3 100,00 €" in texts[-1]
    assert not any("3 100,00 €" in text for text in texts[:-1])


# --- Building ----------------------------------------------------------------------------


def test_building_twice_leaves_a_finished_report_alone(choir, monkeypatch):
    report = report_create(kind="statement", month=DECEMBER, organisation=choir, language="fi")
    calls = []

    def fake_pdf(report):
        calls.append(report.pk)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr("facilities.report_services.render_report_pdf", fake_pdf)
    first = report_build(report.pk)
    second = report_build(report.pk)
    assert calls == [report.pk]
    assert first.status == second.status == Report.Status.DONE
    assert second.file.name == first.file.name
    assert first.finished_at is not None


def test_a_failing_build_is_marked_failed_with_the_error_and_can_be_retried(
    choir, monkeypatch, caplog
):
    report = report_create(kind="statement", month=DECEMBER, organisation=choir, language="fi")

    def broken(report):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("facilities.report_services.render_report_pdf", broken)
    failed = report_build(report.pk)
    assert failed.status == Report.Status.FAILED
    assert "fonts missing" in failed.error
    assert failed.finished_at is not None and not failed.file
    assert "could not be built" in caplog.text

    monkeypatch.undo()
    retried = report_build(report.pk)
    assert retried.status == Report.Status.DONE and retried.error == ""


def test_building_a_deleted_report_does_nothing():
    assert report_build(987654) is None


# --- Who may ask ---------------------------------------------------------------------


def test_a_representative_may_ask_for_their_own_statement_only(choir):
    user, _ = representative_of(choir)
    other = OrganisationFactory()
    report = report_request(
        actor=user, kind="statement", month=DECEMBER, organisation=choir, language="sv"
    )
    assert (report.status, report.requested_by, report.language) == ("pending", user, "sv")
    with pytest.raises(PermissionDenied):
        report_request(
            actor=user, kind="statement", month=DECEMBER, organisation=other, language="fi"
        )
    with pytest.raises(PermissionDenied):
        report_request(actor=user, kind="utilisation", month=DECEMBER, language="fi")


def test_a_representative_not_yet_approved_may_not_ask(choir):
    user, _ = representative_of(choir, status=Representative.Status.REQUESTED)
    with pytest.raises(PermissionDenied):
        report_request(
            actor=user, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        )


def test_staff_may_ask_for_any_report(choir):
    staff = StaffFactory()
    utilisation = report_request(
        actor=staff, kind="utilisation", month=d(15), organisation=choir, language="fi"
    )
    assert utilisation.month == DECEMBER and utilisation.organisation is None
    statement = report_request(
        actor=staff, kind="statement", month=DECEMBER, organisation=choir, language="en"
    )
    assert statement.organisation == choir


def test_asking_enqueues_the_build_after_commit(
    choir, eager_celery, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    statement_bookings(choir)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = report_request(
            actor=staff, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        )
        report.refresh_from_db()
        assert report.status == Report.Status.PENDING  # nothing runs before the commit
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.file.name.endswith(".pdf")


# --- Pages -------------------------------------------------------------------------------


def test_the_report_pages_need_login(client, choir):
    report = report_create(kind="statement", month=DECEMBER, organisation=choir, language="fi")
    for name, args in (
        ("facilities:reports", []),
        ("facilities:report_detail", [report.pk]),
        ("facilities:report_download", [report.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_representative_asks_for_a_statement_and_downloads_it(
    client, choir, eager_celery, django_capture_on_commit_callbacks
):
    statement_bookings(choir)
    user, _ = representative_of(choir)
    client.force_login(user)
    page = client.get(reverse("facilities:reports"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'type="month"' in html and 'name="kind"' not in html  # statements only
    assert "Porin Kuoroyhdistys ry" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facilities:reports"), {"month": "2026-12", "organisation": choir.pk}
        )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:report_detail", args=[report.pk])
    assert (report.kind, report.month, report.organisation, report.requested_by) == (
        "statement",
        DECEMBER,
        choir,
        user,
    )

    detail = client.get(response["Location"]).content.decode()
    download_url = reverse("facilities:report_download", args=[report.pk])
    assert download_url in detail
    assert 'http-equiv="refresh"' not in detail

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="statement-{choir.pk}-2026-12.pdf"'
    )
    assert "1 234,50 €" in pdf_text(b"".join(download.streaming_content))

    listing = client.get(reverse("facilities:reports")).content.decode()
    assert download_url in listing and "joulukuu 2026" in listing


def test_the_progress_page_refreshes_itself_while_the_report_is_built(client, choir):
    user, _ = representative_of(choir)
    client.force_login(user)
    report = report_request(
        actor=user, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )
    url = reverse("facilities:report_detail", args=[report.pk])
    download_url = reverse("facilities:report_download", args=[report.pk])
    for status in (Report.Status.PENDING, Report.Status.RUNNING):
        Report.objects.filter(pk=report.pk).update(status=status)
        html = client.get(url).content.decode()
        assert '<meta http-equiv="refresh" content="3">' in html
        assert 'aria-live="polite"' in html
        assert download_url not in html
    assert client.get(download_url).status_code == 404  # nothing to download yet

    report_build(report.pk)
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert download_url in html


def test_a_failed_report_says_so_and_shows_the_error_to_staff_only(client, choir):
    user, _ = representative_of(choir)
    report = report_request(
        actor=user, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )
    Report.objects.filter(pk=report.pk).update(status="failed", error="OSError: disk full")
    url = reverse("facilities:report_detail", args=[report.pk])
    client.force_login(user)
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in html and "disk full" not in html
    client.force_login(StaffFactory())
    assert "disk full" in client.get(url).content.decode()


def test_another_persons_report_answers_404_and_staff_see_all(client, choir):
    owner, _ = representative_of(choir)
    report = report_build(
        report_request(
            actor=owner, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        ).pk
    )
    detail = reverse("facilities:report_detail", args=[report.pk])
    download = reverse("facilities:report_download", args=[report.pk])
    # A representative of another organisation, and a plain user.
    for stranger in (representative_of()[0], UserFactory()):
        client.force_login(stranger)
        assert client.get(detail).status_code == 404
        assert client.get(download).status_code == 404
        assert detail not in client.get(reverse("facilities:reports")).content.decode()
    client.force_login(StaffFactory())
    assert client.get(detail).status_code == 200
    assert client.get(download).status_code == 200


def test_a_representative_who_lost_the_role_no_longer_sees_the_statement(client, choir):
    owner, _ = representative_of(choir)
    report = report_request(
        actor=owner, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )
    Representative.objects.filter(user=owner).update(status=Representative.Status.DECLINED)
    client.force_login(owner)
    assert client.get(reverse("facilities:report_detail", args=[report.pk])).status_code == 404


def test_a_representative_cannot_post_another_organisations_statement(client, choir):
    user, _ = representative_of(choir)
    other = OrganisationFactory()
    client.force_login(user)
    response = client.post(
        reverse("facilities:reports"),
        {"month": "2026-12", "organisation": other.pk, "kind": "utilisation"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert not Report.objects.exists()


def test_a_person_without_organisations_gets_no_form(client):
    client.force_login(UserFactory())
    response = client.get(reverse("facilities:reports"))
    assert response.status_code == 200 and response.context["form"] is None
    assert reverse("organisations:representative_request") in response.content.decode()
    assert client.post(reverse("facilities:reports"), {"month": "2026-12"}).status_code == 403


def test_staff_ask_for_a_utilisation_report_on_the_page(client, eager_celery):
    RoomFactory()
    client.force_login(StaffFactory())
    html = client.get(reverse("facilities:reports")).content.decode()
    assert 'name="kind"' in html and "<legend" in html
    response = client.post(
        reverse("facilities:reports"), {"kind": "utilisation", "month": "2026-12"}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.kind, report.organisation, report.language) == ("utilisation", None, "fi")


def test_staff_must_choose_an_organisation_for_a_statement(client):
    client.force_login(StaffFactory())
    response = client.post(reverse("facilities:reports"), {"kind": "statement", "month": "2026-12"})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Report.objects.exists()


def test_the_report_is_asked_for_in_the_language_of_the_page(client, choir):
    user, _ = representative_of(choir)
    client.force_login(user)
    client.post(
        "/sv" + reverse("facilities:reports"), {"month": "2026-12", "organisation": choir.pk}
    )
    assert Report.objects.get().language == "sv"


@pytest.mark.parametrize("month", ["", "joulukuu", "2026-13", "1999-12", "2100-01"])
def test_the_form_refuses_a_bad_month(month, choir):
    form = ReportForm(
        {"month": month, "organisation": choir.pk},
        staff=False,
        organisations=Organisation.objects.all(),
    )
    assert not form.is_valid()
    assert form.errors["month"]


def test_the_form_accepts_a_typed_month(choir):
    form = ReportForm(
        {"month": "12/2026", "organisation": choir.pk},
        staff=False,
        organisations=Organisation.objects.all(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == DECEMBER
    assert form.cleaned_data["kind"] == "statement"


def test_the_reports_page_takes_the_same_queries_for_one_report_or_many(
    client, choir, django_assert_max_num_queries
):
    user, _ = representative_of(choir)
    client.force_login(user)

    def ask():
        report_request(
            actor=user, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        )

    ask()
    client.get(reverse("facilities:reports"))  # warm up the session and site caches
    with django_assert_max_num_queries(6) as one:
        client.get(reverse("facilities:reports"))
    for _i in range(10):
        ask()
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("facilities:reports"))
    html = response.content.decode()
    for report in Report.objects.all():
        assert reverse("facilities:report_detail", args=[report.pk]) in html


# --- The command line ------------------------------------------------------------------


def test_the_command_writes_a_utilisation_pdf(tmp_path, weekday_site):
    RoomFactory(site=weekday_site, name_fi="Kokoushuone Aalto")
    output = tmp_path / "utilisation.pdf"
    out = io.StringIO()
    call_command(
        "facilities_report",
        "utilisation",
        "--month",
        "2026-12",
        "--output",
        str(output),
        stdout=out,
    )
    text = pdf_text(output.read_bytes())
    assert "Kokoushuone Aalto" in text and "252,0" in text
    assert str(output) in out.getvalue()
    assert Report.objects.get().status == Report.Status.DONE


def test_the_command_finds_the_organisation_by_business_id_or_id(tmp_path, choir):
    statement_bookings(choir)
    for key in ("1234567-1", str(choir.pk)):
        output = tmp_path / f"statement-{key}.pdf"
        call_command(
            "facilities_report",
            "statement",
            "--organisation",
            key,
            "--month",
            "2026-12",
            "--language",
            "sv",
            "--output",
            str(output),
            stdout=io.StringIO(),
        )
        text = pdf_text(output.read_bytes())
        assert "Porin Kuoroyhdistys ry" in text and "1 234,50 €" in text
        assert "december 2026" in text  # Swedish month name


@pytest.mark.parametrize(
    "args,message",
    [
        (["utilisation", "--month", "2026-13"], "Bad month '2026-13'"),
        (["utilisation", "--month", "joulukuu"], "give it as YYYY-MM"),
        (["statement", "--month", "2026-12"], "needs --organisation"),
        (["statement", "--month", "2026-12", "--organisation", "7654321-0"], "No organisation"),
        (["statement", "--month", "2026-12", "--organisation", "999999"], "No organisation"),
        (["utilisation", "--month", "2026-12", "--organisation", "1"], "statements only"),
    ],
)
def test_the_command_explains_bad_input(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("facilities_report", *args, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
    assert not Report.objects.exists()
