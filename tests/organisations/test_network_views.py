"""The staff pages of the partnership network and the representative's groups page:
who may see what (everybody else gets 404, anonymous visitors are sent to log in), the
filterable list and its CSV, bad input shown next to its field with nothing saved, and
files served only as attachments through permission checks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core import clock
from organisations.models import Partnership, PartnershipDocument
from organisations.services import network as services
from tests.factories.organisations import (
    ContactPersonFactory,
    CooperationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

from . import files

pytestmark = pytest.mark.django_db


def url(name, *args, language="fi"):
    with translation.override(language):
        return reverse(f"organisations:{name}", args=args or None)


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def group_with_meeting(_private_media):
    """A group with one member organisation (and its representative) and a meeting
    with an agenda and minutes as files."""
    member = RepresentativeFactory(organisation__name_fi="Porin Kuoro ry")
    group = CooperationGroupFactory(name_fi="Satakunnan yhdistysten yhteistyöryhmä")
    GroupMemberFactory(group=group, organisation=member.organisation)
    meeting = MeetingFactory(group=group, title="Kevätkokous", minutes="Päätettiin jatkaa.")
    meeting.agenda_file.save("x", files.upload(files.PDF).file, save=False)
    meeting.minutes_file.save("y", files.upload(files.TEXT).file, save=True)
    return group, meeting, member


# Who sees what -----------------------------------------------------------------------------

STAFF_PAGES = [
    ("partnership_list", ()),
    ("partnership_export_csv", ()),
    ("partnership_create", ()),
    ("partnership_detail", ("partnership",)),
    ("document_download", ("document",)),
    ("group_list", ()),
    ("group_detail", ("group",)),
]


@pytest.fixture
def objects(group_with_meeting):
    group, meeting, member = group_with_meeting
    partnership = PartnershipFactory(partner=member.organisation)
    document = services.partnership_document_add(
        actor=StaffFactory(), partnership=partnership, title="Sopimus", file=files.upload(files.PDF)
    )
    return {"partnership": partnership.pk, "document": document.pk, "group": group.pk}


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_pages_are_404_for_everybody_but_staff(client, objects, name, args):
    path = url(name, *[objects[a] for a in args])
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # A representative of a member organisation, and a plain person: 404.
    representative = RepresentativeFactory().user
    for user in (representative, UserFactory()):
        client.force_login(user)
        assert client.get(path).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(path).status_code == 200


def test_the_representative_sees_the_groups_of_their_organisation(client, group_with_meeting):
    group, meeting, member = group_with_meeting
    other_group = CooperationGroupFactory(name_fi="Neuvottelukunta, johon ei kuulu")
    MeetingFactory(group=other_group, title="Salainen kokous")
    client.force_login(member.user)
    response = client.get(url("my_groups"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Satakunnan yhdistysten yhteistyöryhmä" in content
    assert "Kevätkokous" in content and "Päätettiin jatkaa." in content
    assert url("meeting_file", meeting.pk, "agenda") in content
    assert "Neuvottelukunta" not in content and "Salainen kokous" not in content


@pytest.mark.parametrize("which", ["agenda", "minutes"])
def test_meeting_files_only_for_members_and_staff(client, group_with_meeting, which):
    _group, meeting, member = group_with_meeting
    path = url("meeting_file", meeting.pk, which)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # Another organisation's representative, a plain person: 404.
    for user in (RepresentativeFactory().user, UserFactory()):
        client.force_login(user)
        assert client.get(path).status_code == 404
    # A representative whose request is not approved yet: 404.
    pending = RepresentativeFactory(organisation=member.organisation, status="requested")
    client.force_login(pending.user)
    assert client.get(path).status_code == 404
    for user in (member.user, StaffFactory()):
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        expected = "application/pdf" if which == "agenda" else "text/plain"
        assert response["Content-Type"] == expected
        body = b"".join(response.streaming_content)
        assert body == (files.PDF if which == "agenda" else files.TEXT)


def test_a_meeting_without_a_file_answers_404(client, group_with_meeting):
    _group, meeting, member = group_with_meeting
    meeting.minutes_file = ""
    meeting.save()
    client.force_login(member.user)
    assert client.get(url("meeting_file", meeting.pk, "minutes")).status_code == 404
    assert client.get(url("meeting_file", meeting.pk, "other")).status_code == 404


def test_my_groups_of_somebody_without_groups(client):
    client.force_login(UserFactory())
    response = client.get(url("my_groups"))
    assert response.status_code == 200
    assert "Organisaatiosi eivät kuulu yhteenkään yhteistyöryhmään." in response.content.decode()


def test_my_groups_query_count_is_constant(client, django_assert_max_num_queries):
    rep = RepresentativeFactory()

    def add_group():
        group = CooperationGroupFactory()
        GroupMemberFactory(group=group, organisation=rep.organisation)
        GroupMemberFactory(group=group)
        MeetingFactory(group=group)
        MeetingFactory(group=group)

    add_group()
    client.force_login(rep.user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url("my_groups"))
    for _ in range(4):
        add_group()
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("my_groups"))
    assert response.content.decode().count('class="meeting"') == 10
    assert len(large) == len(small)


# The staff list -----------------------------------------------------------------------------


def test_filters_by_kind_partner_kind_municipality_date_and_text(staff_client):
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    county = OrganisationFactory(kind="wellbeing_county", name_fi="Satakunnan hyvinvointialue")
    school = OrganisationFactory(
        kind="educational_institution", name_fi="Satakunnan ammattikorkeakoulu", municipality=rauma
    )
    PartnershipFactory(
        partner=county,
        kind=Partnership.Kind.SERVICE_COOPERATION,
        title="Palveluohjaus",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    PartnershipFactory(
        partner=school,
        kind=Partnership.Kind.AGREEMENT,
        title="Harjoittelusopimus",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=None,
    )

    def titles(**params):
        response = staff_client.get(url("partnership_list"), params)
        assert response.status_code == 200
        return sorted(p.title for p in response.context["partnerships"])

    assert titles() == ["Harjoittelusopimus", "Palveluohjaus"]
    assert titles(kind="service_cooperation") == ["Palveluohjaus"]
    assert titles(partner_kind="educational_institution") == ["Harjoittelusopimus"]
    assert titles(municipality="684") == ["Harjoittelusopimus"]
    assert titles(active_on="2025-06-01") == ["Palveluohjaus"]
    assert titles(active_on="2030-06-01") == ["Harjoittelusopimus"]
    assert titles(q="ammattikorkea") == ["Harjoittelusopimus"]
    assert titles(q="palveluohj") == ["Palveluohjaus"]


def test_the_list_is_paginated(staff_client):
    for _ in range(27):
        PartnershipFactory()
    first = staff_client.get(url("partnership_list"))
    second = staff_client.get(url("partnership_list"), {"page": 2})
    assert len(first.context["partnerships"]) == 25
    assert len(second.context["partnerships"]) == 2
    assert 'rel="next"' in first.content.decode()


def test_the_list_query_count_is_constant(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PartnershipFactory()
    with CaptureQueriesContext(connection) as small:
        staff_client.get(url("partnership_list"))
    for _ in range(10):
        PartnershipFactory(partner=OrganisationFactory(municipality=MunicipalityFactory()))
    with CaptureQueriesContext(connection) as large:
        response = staff_client.get(url("partnership_list"))
    assert len(response.context["partnerships"]) == 11
    assert len(large) == len(small)


def test_csv_export_of_the_filtered_list(staff_client):
    PartnershipFactory(title="Avustussopimus", kind=Partnership.Kind.FUNDING)
    PartnershipFactory(title="=HYPERLINK(1)", kind=Partnership.Kind.AGREEMENT)
    PartnershipFactory(title="Verkostojäsenyys", kind=Partnership.Kind.NETWORK_MEMBERSHIP)
    response = staff_client.get(url("partnership_export_csv"), {"kind": "funding"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kumppanuudet-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffid;otsikko;tyyppi;kumppani")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and "Avustussopimus;Rahoitus" in lines[1]
    everything = b"".join(staff_client.get(url("partnership_export_csv")).streaming_content)
    assert "'=HYPERLINK(1)" in everything.decode()  # no formula reaches a spreadsheet


def test_csv_export_query_count_is_constant(staff_client, django_assert_num_queries):
    for _ in range(3):
        PartnershipFactory()
    # session, user, the partnerships with partner and municipality joined
    with django_assert_num_queries(3):
        response = staff_client.get(url("partnership_export_csv"))
    assert len(b"".join(response.streaming_content).splitlines()) == 4


# Bad input on the staff pages ------------------------------------------------------------------


def test_a_partnership_that_ends_before_it_starts_shows_the_message(staff_client):
    partner = OrganisationFactory()
    response = staff_client.post(
        url("partnership_create", language="sv"),
        {
            "partner": partner.pk,
            "kind": "agreement",
            "title": "Avtal",
            "starts_on": "2026-03-01",
            "ends_on": "2026-02-28",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_on": ["Ett partnerskap kan inte upphöra innan det börjar."]
    }
    assert not Partnership.objects.exists()


def test_staff_add_a_partnership_through_the_page(staff_client):
    partner = OrganisationFactory()
    contact = ContactPersonFactory(organisation=partner)
    response = staff_client.post(
        url("partnership_create"),
        {
            "partner": partner.pk,
            "kind": "funding",
            "title": "Toiminta-avustus",
            "starts_on": "2026-03-01",
            "ends_on": "",
            "partner_contacts": [contact.pk],
        },
    )
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("partnership_detail", partnership.pk)
    assert partnership.ends_on is None
    detail = staff_client.get(response["Location"]).content.decode()
    assert contact.name in detail and contact.email in detail


@pytest.mark.parametrize(
    ("data", "limit", "message"),
    [
        (files.EXE, None, "Tämän tyyppisiä tiedostoja ei hyväksytä."),
        (files.PDF + b"0" * 4096, 2048, "Tiedosto on liian suuri"),
    ],
)
def test_an_upload_of_the_wrong_type_or_too_large_shows_the_message(
    staff_client, settings, data, limit, message
):
    if limit:
        settings.NETWORK_DOCUMENT_MAX_BYTES = limit
    partnership = PartnershipFactory()
    response = staff_client.post(
        url("partnership_detail", partnership.pk),
        {"title": "Liite", "file": files.upload(data, "liite.pdf")},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and errors[0].startswith(message)
    assert message in response.content.decode()
    assert not PartnershipDocument.objects.exists()


def test_an_uploaded_document_is_downloaded_as_an_attachment(staff_client):
    partnership = PartnershipFactory()
    odt = files.odt()  # built once: a zip holds the time it was made
    response = staff_client.post(
        url("partnership_detail", partnership.pk),
        {"title": "Sopimus 2026", "file": files.upload(odt, "sopimus.exe")},
    )
    assert response.status_code == 302
    document = PartnershipDocument.objects.get()
    download = staff_client.get(url("document_download", document.pk))
    assert download["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert download["Content-Disposition"] == 'attachment; filename="Sopimus-2026.odt"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == odt


def test_staff_send_invitations_once(staff_client, group_with_meeting, mailoutbox):
    _group, meeting, member = group_with_meeting
    path = url("meeting_invite", meeting.pk)
    staff_client.post(path)
    staff_client.post(path)
    assert meeting.notifications.count() == 1
    assert meeting.notifications.get().to == member.user.email


def test_staff_group_page_lists_members_and_meetings(staff_client, group_with_meeting):
    group, meeting, member = group_with_meeting
    content = staff_client.get(url("group_detail", group.pk)).content.decode()
    assert member.organisation.name in content
    assert meeting.title in content
    assert reverse("facilities:meeting_schedule", args=[group.pk]) in content
    assert clock.now() < meeting.start
