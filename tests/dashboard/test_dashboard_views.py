"""The staff dashboard: staff only, the queues and this week's items, a fixed number of
queries, and the reports started from it."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from core.outbox import MAX_ATTEMPTS
from core.reports import report_build, report_create
from events.models import Event
from facilities.models import Booking, BookingNotification
from facilities.models import NotificationKind as BookingKind
from facilities.models import Report as BookingReport
from organisations.models import Membership, Representative
from pilots.models import PilotReminder, PilotReport
from tests.factories.events import EventFactory
from tests.factories.facilities import BookingFactory, RoomFactory, at, representative_of
from tests.factories.organisations import (
    MembershipFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pilots import IndicatorFactory, PilotFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory
from trainings.models import NotificationKind as TrainingKind
from trainings.models import TrainingNotification
from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.dashboard import week_bounds

pytestmark = pytest.mark.django_db

DASHBOARD = "dashboard:dashboard"


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def test_anonymous_people_are_sent_to_log_in(client):
    for name, args in [(DASHBOARD, []), ("dashboard:annual_report", [1])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_a_person_and_a_representative_get_404(client):
    report = report_create(AnnualReport, year=2025, language="fi")
    for user in [UserFactory(), representative_of()[0]]:
        client.force_login(user)
        assert client.get(reverse(DASHBOARD)).status_code == 404
        assert client.get(reverse("dashboard:annual_report", args=[report.pk])).status_code == 404
        response = client.post(reverse("dashboard:annual_start"), {"year": 2025})
        assert response.status_code == 404
    assert AnnualReport.objects.count() == 1


def test_staff_see_the_queues_with_their_counts_and_links(staff_client):
    BookingFactory.create_batch(2, status=Booking.Status.REQUESTED)
    MembershipFactory(status=Membership.Status.APPLIED, member_since=None)
    RepresentativeFactory.create_batch(3, status=Representative.Status.REQUESTED)
    EventFactory(publication=Event.Publication.SUBMITTED, published_at=None)
    response = staff_client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    counts = {queue.url.split("?")[0]: queue.count for queue in response.context["queues"]}
    assert counts == {
        reverse("facilities:booking_queue"): 2,
        reverse("admin:organisations_membership_changelist"): 1,
        reverse("admin:organisations_representative_changelist"): 3,
        reverse("events:moderation_queue"): 1,
    }
    html = response.content.decode()
    assert f'href="{reverse("facilities:booking_queue")}"' in html
    assert "?status__exact=applied" in html and "?status__exact=requested" in html


def test_this_week_shows_the_bookings_and_sessions_of_the_week(staff_client):
    monday, sunday = week_bounds()
    room = RoomFactory(name_fi="Sali Karhu")
    this_week = BookingFactory(room=room, start=at(monday, 8), end=at(monday, 9))
    BookingFactory(
        room=room,
        start=at(sunday + datetime.timedelta(days=1), 8),
        end=at(sunday + datetime.timedelta(days=1), 9),
    )
    session = SessionFactory(starts=at(sunday, 12), ends=at(sunday, 13))
    SessionFactory(
        starts=at(monday - datetime.timedelta(days=1), 12),
        ends=at(monday - datetime.timedelta(days=1), 13),
    )
    response = staff_client.get(reverse(DASHBOARD))
    week = response.context["week"]
    assert [b.pk for b in week.bookings] == [this_week.pk] and week.booking_count == 1
    assert [s.pk for s in week.sessions] == [session.pk]
    assert session.training.title in response.content.decode()


def test_the_charts_are_images_with_text_and_the_numbers_as_text(staff_client):
    today = clock.today()
    first = today.replace(day=1)
    BookingFactory(start=at(first, 9), end=at(first, 12))  # 3 hours this month
    PilotFactory(status="running")
    html = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert html.count('role="img"') == 2
    assert '<title id="chart-hours-title">' in html and '<desc id="chart-hours-desc">' in html
    assert "3,0" in html  # in the chart and in the table beside it


def test_the_booked_hours_are_kept_until_a_booking_changes(
    staff_client, django_capture_on_commit_callbacks
):
    first = clock.today().replace(day=1)

    def hours_queries():
        with CaptureQueriesContext(connection) as queries:
            html = staff_client.get(reverse(DASHBOARD)).content.decode()
        summed = [q for q in queries if 'SUM(("facilities_booking"."end"' in q["sql"]]
        hours = html[html.index('id="chart-hours-title"') :]
        return len(summed), hours[: hours.index("</table>")]

    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(start=at(first, 9), end=at(first, 12))
    summed, hours = hours_queries()
    assert summed == 1 and "3,0" in hours
    assert hours_queries() == (0, hours)  # kept
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(start=at(first, 13), end=at(first, 14))
    summed, hours = hours_queries()
    assert summed == 1 and "4,0" in hours  # a booking changed: summed again


def test_the_number_of_queries_does_not_grow_with_the_data(staff_client):
    def load():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse(DASHBOARD)).status_code == 200
        return len(queries)

    def data(n):
        monday, _sunday = week_bounds()
        room = RoomFactory()
        for i in range(n):
            BookingFactory(room=room, start=at(monday, 8 + i), end=at(monday, 8 + i, 30))
            BookingFactory(
                status=Booking.Status.REQUESTED,
                room=room,
                start=at(monday, 8 + i, 30),
                end=at(monday, 9 + i),
            )
            SessionFactory(starts=at(monday, 8 + i), ends=at(monday, 9 + i))
            MembershipFactory(status=Membership.Status.APPLIED, member_since=None)
            EventFactory()
            pilot = PilotFactory()
            PilotReport.objects.create(pilot=pilot, requested_by=staff_client.staff)
            AnnualReport.objects.create(year=2025, requested_by=staff_client.staff)
            BookingReport.objects.create(
                kind="utilisation", month=datetime.date(2025, 1, 1), requested_by=staff_client.staff
            )

    data(1)
    load()  # the first view keeps the long option lists in the cache
    small = load()
    data(4)
    assert load() == small


def test_staff_start_an_annual_report_and_follow_it_to_the_download(
    staff_client, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("dashboard:annual_start"), {"year": 2025})
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:annual_report", args=[report.pk])
    assert report.status == AnnualReport.Status.DONE and report.language == "fi"
    page = staff_client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    download = reverse("dashboard:annual_download", args=[report.pk])
    assert download in page
    pdf = staff_client.get(download)
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    dashboard = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert download in dashboard


def test_a_report_in_progress_refreshes_its_pages(staff_client):
    report = AnnualReport.objects.create(year=2025, requested_by=staff_client.staff)
    detail = staff_client.get(reverse("dashboard:annual_report", args=[report.pk]))
    assert 'http-equiv="refresh"' in detail.content.decode()
    assert 'http-equiv="refresh"' in staff_client.get(reverse(DASHBOARD)).content.decode()
    assert (
        staff_client.get(reverse("dashboard:annual_download", args=[report.pk])).status_code == 404
    )


def test_a_year_outside_the_choices_is_refused_next_to_the_field(staff_client):
    response = staff_client.post(reverse("dashboard:annual_start"), {"year": 1990})
    assert response.status_code == 400
    assert response.context["annual_form"].errors["year"]
    assert not AnnualReport.objects.exists()


def test_staff_start_a_pilot_report_from_the_dashboard(
    staff_client, eager_celery, django_capture_on_commit_callbacks
):
    pilot = PilotFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("dashboard:pilot_start"), {"pilot": pilot.pk})
    report = PilotReport.objects.get()
    assert response["Location"] == reverse("pilots:report_detail", args=[report.pk])
    assert report.status == PilotReport.Status.DONE


def test_staff_start_a_utilisation_report_from_the_dashboard(
    staff_client, eager_celery, django_capture_on_commit_callbacks
):
    html = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert f'action="{reverse("facilities:reports")}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("facilities:reports"), {"kind": "utilisation", "month": "2025-11"}
        )
    report = BookingReport.objects.get()
    assert response["Location"] == reverse("facilities:report_detail", args=[report.pk])
    rows = staff_client.get(reverse(DASHBOARD)).context["reports"]
    assert [row.report.pk for row in rows] == [report.pk]


def test_the_dashboard_is_linked_for_staff_only(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert reverse(DASHBOARD) in client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    assert reverse(DASHBOARD) not in client.get(reverse("home")).content.decode()


def test_a_built_report_of_another_staff_member_is_not_in_my_list(staff_client):
    other = StaffFactory()
    report = report_create(AnnualReport, year=2025, language="fi", requested_by=other)
    report_build(AnnualReport, report.pk)
    assert staff_client.get(reverse(DASHBOARD)).context["reports"] == []


def test_staff_see_the_annual_reports_in_the_admin(staff_client):
    AnnualReport.objects.create(year=2025, requested_by=staff_client.staff)
    response = staff_client.get(reverse("admin:yhteisokeskus_annualreport_changelist"))
    assert response.status_code == 200
    assert "2025" in response.content.decode()


def test_the_background_work_shows_how_long_the_oldest_message_and_report_have_waited(
    staff_client,
):
    """Across every app's outbox and every kind of report, in a fixed number of queries:
    sent messages, messages given up and reports finished do not count."""

    def load():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse(DASHBOARD))
        page = response.content.decode().replace("\xa0", " ")
        return len(queries), response.context["backlog"], page

    load()  # the first view keeps the long option lists in the cache
    count, backlog, page = load()
    assert backlog.oldest_message_at is None and backlog.oldest_report_at is None
    assert page.count("ei odottavia") == 2

    now = clock.now()
    with time_machine.travel(now - datetime.timedelta(minutes=90), tick=False):
        given_up = BookingNotification.objects.create(
            booking=BookingFactory(), kind=BookingKind.CONFIRMED, attempts=MAX_ATTEMPTS
        )
        BookingNotification.objects.create(
            booking=BookingFactory(), kind=BookingKind.CONFIRMED, sent_at=now
        )
        report_build(AnnualReport, report_create(AnnualReport, year=2024, language="fi").pk)
    with time_machine.travel(now - datetime.timedelta(minutes=47), tick=False):
        TrainingNotification.objects.create(
            enrolment=EnrolmentFactory(), kind=TrainingKind.CONFIRMED
        )
        PilotReport.objects.create(pilot=PilotFactory(), requested_by=staff_client.staff)
    with time_machine.travel(now - datetime.timedelta(minutes=12), tick=False):
        PilotReminder.objects.create(
            indicator=IndicatorFactory(),
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 1, 31),
        )
        AnnualReport.objects.create(year=2025, requested_by=staff_client.staff)

    with time_machine.travel(now, tick=False):
        busy_count, backlog, page = load()
    assert given_up.sent_at is None
    assert backlog.oldest_message_at == now - datetime.timedelta(minutes=47)
    assert backlog.oldest_report_at == now - datetime.timedelta(minutes=47)
    assert page.count("odottanut 47 minuuttia") == 2
    assert busy_count == count
