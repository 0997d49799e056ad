"""PDF reports of room booking: the pages, the form and the command line (fixtures in conftest.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.reports import report_build, report_create
from facilities.forms_reports import ReportForm
from facilities.models import Report
from facilities.report_services import report_request
from organisations.models import Organisation, Representative
from tests.facilities.reports.helpers import (
    DECEMBER,
    pdf_text,
    statement_bookings,
)
from tests.factories.facilities import (
    RoomFactory,
    representative_of,
)
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Pages -------------------------------------------------------------------------------


def test_the_report_pages_need_login(client, choir):
    report = report_create(
        Report, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )
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

    report_build(Report, report.pk)
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
        Report,
        report_request(
            actor=owner, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        ).pk,
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
    assert client.post(reverse("facilities:reports"), {"month": "2026-12"}).status_code == 404


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
        "report",
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
            "report",
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
        (["statement", "--month", "2026-12"], "required: --organisation"),
        (["statement", "--month", "2026-12", "--organisation", "7654321-0"], "No organisation"),
        (["statement", "--month", "2026-12", "--organisation", "999999"], "No organisation"),
        (["utilisation", "--month", "2026-12", "--organisation", "1"], "unrecognized arguments"),
    ],
)
def test_the_command_explains_bad_input(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
    assert not Report.objects.exists()
