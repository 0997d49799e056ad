"""Attachments are typed by their bytes and size-limited (a refused file is not saved),
the lists ask a constant number of queries however many rows, and the admin's pages of
grants answer."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.models import Attachment
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    ReviewerFactory,
    submitted,
)
from tests.factories.organisations import RepresentativeFactory, StaffFactory
from tests.organisations import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    call = CallFactory()
    CriterionFactory(criteria_set=CriteriaSetFactory(call=call))
    return ApplicationFactory(call=call)


def test_a_pdf_attachment_is_kept_and_downloaded(client, draft):
    client.force_login(draft.created_by)
    response = client.post(
        reverse("grants:attachment_add", args=[draft.pk]),
        {"title": "Toimintasuunnitelma", "file": files.upload(files.PDF, "suunnitelma.pdf")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    response = client.get(reverse("grants:attachment_download", args=[draft.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == files.PDF
    client.force_login(RepresentativeFactory().user)
    assert (
        client.get(
            reverse("grants:attachment_download", args=[draft.pk, attachment.pk])
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.EXE, "ohjelma.pdf", "PDF-, ODT-, ODS-, DOCX-, XLSX-, PNG- tai JPEG-muodossa"),
        (files.PDF + b"x" * 2048, "iso.pdf", "liian suuri"),
    ],
)
def test_a_wrong_or_too_large_file_is_refused(client, draft, settings, content, name, message):
    settings.GRANT_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(draft.created_by)
    response = client.post(
        reverse("grants:attachment_add", args=[draft.pk]),
        {"title": "Liite", "file": files.upload(content, name)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _fill(call, rep, reviewer, n):
    criteria = call.current_criteria()
    for _ in range(n):
        submitted(ApplicationFactory(call=call, organisation=rep.organisation), criteria)
    if not call.reviewers.filter(user=reviewer).exists():
        ReviewerFactory(call=call, user=reviewer)


def test_lists_ask_a_constant_number_of_queries(client):
    rep = RepresentativeFactory()
    staff = StaffFactory()
    calls = [CallFactory(budget=Decimal("90000.00")) for _ in range(2)]
    for call in calls:
        CriterionFactory(criteria_set=CriteriaSetFactory(call=call))
    _fill(calls[0], rep, staff, 1)
    urls = {
        rep.user: [reverse("grants:my_applications"), "/api/v1/grants/applications/"],
        staff: [
            reverse("grants:staff_calls"),
            reverse("grants:review_list"),
            reverse("grants:staff_call", args=[calls[0].pk]),
            "/api/v1/grants/calls/",
            f"/api/v1/grants/calls/{calls[0].pk}/ranking/",
        ],
    }
    before = {}
    for user, addresses in urls.items():
        client.force_login(user)
        for url in addresses:
            before[url] = _count(client, url)
    _fill(calls[0], rep, staff, 4)
    _fill(calls[1], rep, staff, 3)
    for user, addresses in urls.items():
        client.force_login(user)
        for url in addresses:
            assert _count(client, url) == before[url], url


def test_the_admin_pages_of_grants(client, draft):
    client.force_login(StaffFactory())
    for name, args in (
        ("admin:grants_call_changelist", []),
        ("admin:grants_call_add", []),
        ("admin:grants_call_change", [draft.call.pk]),
        ("admin:grants_criteriaset_change", [draft.call.current_criteria().pk]),
        ("admin:grants_application_changelist", []),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200, name


def _api(pk, attachment=None):
    base = f"/api/v1/grants/applications/{pk}/attachments/"
    return f"{base}{attachment}/" if attachment else base


def test_attachments_through_the_api(client, draft, settings):
    client.force_login(draft.created_by)
    response = client.post(
        _api(draft.pk), {"title": "Talousarvio", "file": files.upload(files.PDF, "ta.pdf")}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["content_type"], body["size"]) == (
        "Talousarvio",
        "application/pdf",
        len(files.PDF),
    )
    listed = client.get(_api(draft.pk)).json()
    assert [a["id"] for a in listed] == [body["id"]]
    assert listed[0]["download"].endswith(_api(draft.pk, body["id"]))
    download = client.get(_api(draft.pk, body["id"]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == files.PDF

    # The same sniffing and size limit as the form: a refused file is not saved.
    settings.GRANT_ATTACHMENT_MAX_BYTES = 1024
    for content, message in (
        (files.EXE, "PDF-, ODT-, ODS-, DOCX-, XLSX-, PNG- tai JPEG-muodossa"),
        (files.PDF + b"x" * 2048, "liian suuri"),
    ):
        response = client.post(_api(draft.pk), {"file": files.upload(content, "x.pdf")})
        assert response.status_code == 400
        assert message in response.json()["file"][0]
    assert Attachment.objects.count() == 1

    # Another organisation's representative: 404 for the list, the upload and the file.
    client.force_login(RepresentativeFactory().user)
    assert client.get(_api(draft.pk)).status_code == 404
    assert client.get(_api(draft.pk, body["id"])).status_code == 404
    response = client.post(_api(draft.pk), {"file": files.upload(files.PDF, "y.pdf")})
    assert response.status_code == 404
    assert Attachment.objects.count() == 1
    # Staff see it; a submitted application takes no more attachments.
    client.force_login(StaffFactory())
    assert client.get(_api(draft.pk, body["id"])).status_code == 200
    submitted(draft, draft.call.current_criteria())
    client.force_login(draft.created_by)
    response = client.post(_api(draft.pk), {"file": files.upload(files.PDF, "z.pdf")})
    assert response.status_code == 400
    assert Attachment.objects.count() == 1
