"""The applicants' outbox (received, decision with the letter attached, each sent once,
in the application's language) and the PDFs: the decision letter in the applicant's
language, the summary of a call's decisions, and `manage.py report` for both."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from core.reports import report_build
from grants import mail as grant_mail
from grants import services
from grants.models import DecisionLetter, DecisionSummary, GrantNotice
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    submitted,
)
from tests.factories.organisations import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"[ \xa0\u202f]+", " ", "\n".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def decided(time_machine):
    call = CallFactory(name_fi="Liikuntahaku", name_sv="Idrottsansökan", budget=Decimal("5000.00"))
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(criteria_set=criteria)
    organisation = OrganisationFactory(name_fi="Rauman Laulu ry")
    application = ApplicationFactory(
        call=call, organisation=organisation, project_name="Kuorokonsertit", language="sv"
    )
    services.application_submit(actor=application.created_by, application=application)
    refused = submitted(ApplicationFactory(call=call, project_name="Hylätty hanke"), criteria)
    time_machine.move_to(call.closes_at + datetime.timedelta(days=1))
    services.decisions_approve(
        actor=StaffFactory(),
        call=call,
        decisions=[
            services.DecisionInput(
                application=application,
                granted=True,
                amount=Decimal("1500.00"),
                rationale="Laadukas hanke",
                conditions="Raportoi ajallaan",
            ),
            services.DecisionInput(
                application=refused, granted=False, amount=Decimal("0"), rationale="Ei rahaa"
            ),
        ],
    )
    return call, application, refused


def test_notices_are_sent_once_in_the_applicants_language_with_the_letter(decided):
    call, application, refused = decided
    assert set(
        GrantNotice.objects.filter(application=application).values_list("kind", flat=True)
    ) == {"received", "decision"}
    sent = grant_mail.send_pending()
    assert sent == 3  # received and decision for the first, decision for the refused one
    assert grant_mail.send_pending() == 0
    to_applicant = [m for m in mail.outbox if m.to == [application.created_by.email]]
    subjects = sorted(m.subject for m in to_applicant)
    assert subjects == [
        "Beslut om understöd: Kuorokonsertit",
        "Understödsansökan mottagen: Kuorokonsertit",
    ]
    decision_mail = next(m for m in to_applicant if m.subject.startswith("Beslut"))
    assert (
        "1500" in decision_mail.body.replace(",", "").replace(".", "")
        or "1 500" in decision_mail.body
    )
    [(name, pdf, kind)] = decision_mail.attachments
    assert kind == "application/pdf"
    text = pdf_text(pdf)
    assert "Beslut om understöd" in text and "Rauman Laulu ry" in text and "1 500,00 €" in text
    assert decision_mail.extra_headers["X-Outbox-Message"].startswith("grants.grantnotice:")


def test_the_letter_is_built_by_the_pipeline_and_downloaded_by_the_applicant(decided, client):
    call, application, refused = decided
    letter = DecisionLetter.objects.get(application=application)
    assert letter.language == "sv"
    letter = report_build(DecisionLetter, letter.pk)
    assert letter.status == "done"
    client.force_login(application.created_by)
    response = client.get(reverse("grants:letter_download", args=[application.pk]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "Laadukas hanke" in text and "Raportoi ajallaan" in text
    assert (
        "1 050,00" in text and "450,00" in text
    )  # 70 % at the decision, the rest after the report


def test_the_summary_and_the_report_command(decided, tmp_path, client):
    call, application, refused = decided
    target = tmp_path / "summary.pdf"
    call_command("report", "grant-summary", "--call", str(call.pk), "--output", str(target))
    text = pdf_text(target.read_bytes())
    assert "Liikuntahaku" in text and "Rauman Laulu ry" in text and "Hylätty hanke" in text
    assert "1 500,00 €" in text
    target = tmp_path / "letter.pdf"
    call_command(
        "report",
        "grant-letter",
        "--application",
        str(application.pk),
        "--language",
        "fi",
        "--output",
        str(target),
    )
    assert "Avustuspäätös" in pdf_text(target.read_bytes())
    with pytest.raises(CommandError):
        call_command("report", "grant-letter", "--application", "999999", "--output", str(target))
    with pytest.raises(CommandError):
        call_command(
            "report",
            "grant-letter",
            "--application",
            str(ApplicationFactory().pk),
            "--output",
            str(target),
        )
    client.force_login(StaffFactory())
    response = client.post(reverse("grants:summary_start", args=[call.pk]))
    summary = DecisionSummary.objects.filter(requested_by__isnull=False).latest("created_at")
    assert response.status_code == 302 and response.url == reverse(
        "grants:summary_detail", args=[summary.pk]
    )


def test_returned_for_completion_is_told_with_the_comment_and_deadline():
    call = CallFactory()
    CriterionFactory(criteria_set=CriteriaSetFactory(call=call))
    application = ApplicationFactory(call=call, language="en", project_name="Choir nights")
    services.application_submit(actor=application.created_by, application=application)
    deadline = call.closes_at + datetime.timedelta(days=7)
    services.application_return(
        actor=StaffFactory(),
        application=application,
        comment="Attach the budget of the partner.",
        deadline=deadline,
    )
    assert grant_mail.send_pending() == 2
    returned = next(m for m in mail.outbox if "returned" in m.subject)
    assert returned.subject == "Grant application returned for completion: Choir nights"
    assert "Attach the budget of the partner." in returned.body
