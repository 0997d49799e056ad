"""The staff network view of one organisation: memberships, partnerships, contact
persons, groups with meetings, room bookings, trainings and pilots in one place, in a constant number of
queries; everybody but staff gets 404. And the admin pages of the network open."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.facilities import BookingFactory
from tests.factories.organisations import (
    ContactPersonFactory,
    CooperationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pilots import PartnerFactory, PilotFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory
from yhteisokeskus.network import SECTIONS

pytestmark = pytest.mark.django_db


def add_relations(organisation, n):
    for i in range(n):
        partnership = PartnershipFactory(
            partner=organisation, title=f"Sopimus {organisation.pk}-{i}"
        )
        partnership.partner_contacts.add(ContactPersonFactory(organisation=organisation))
        group = CooperationGroupFactory()
        member = GroupMemberFactory(group=group, organisation=organisation)
        member.representatives.add(RepresentativeFactory(organisation=organisation))
        MeetingFactory(group=group, title=f"Kokous {group.pk}")
        BookingFactory(organisation=organisation, purpose=f"Varaus {i}")
        organised = TrainingFactory(organiser=organisation, title_fi=f"Koulutus {i}")
        SessionFactory(training=organised)
        attended = TrainingFactory(title_fi=f"Toisen koulutus {i}")
        EnrolmentFactory(training=attended, organisation=organisation)
        EnrolmentFactory(training=attended, organisation=organisation)
        PilotFactory(lead_organisation=organisation, name_fi=f"Oma kokeilu {i}")
        PartnerFactory(organisation=organisation, pilot__name_fi=f"Kumppanikokeilu {i}")


def test_staff_see_every_relation_of_an_organisation(client):
    organisation = OrganisationFactory(name_fi="Porin Kuoro ry")
    MembershipFactory(organisation=organisation)
    add_relations(organisation, 1)
    PartnershipFactory(title="Jonkun muun sopimus")
    client.force_login(StaffFactory())
    response = client.get(reverse("network_view", args=[organisation.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert [s.key for s in response.context["sections"]] == [s.key for s in SECTIONS]
    for text in (
        "Jäsen",
        f"Sopimus {organisation.pk}-0",
        "Kokous",
        "Varaus 0",
        "Koulutus 0",
        "Toisen koulutus 0",
        "2 henkilöä ilmoittautunut",
        "Oma kokeilu 0",
        "Kumppanikokeilu 0",
    ):
        assert text in content
    assert "Jonkun muun sopimus" not in content


def test_the_query_count_does_not_grow_with_the_relations(client):
    client.force_login(StaffFactory())
    small, large = OrganisationFactory(), OrganisationFactory()
    add_relations(small, 1)
    add_relations(large, 5)
    counts = []
    for organisation in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("network_view", args=[organisation.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    sections = {s.key: s.items for s in response.context["sections"]}
    assert len(sections["partnerships"]) == 5 and len(sections["bookings"]) == 5
    assert len(sections["trainings"]) == 10 and len(sections["pilots"]) == 10


def test_everybody_but_staff_gets_404(client):
    organisation = OrganisationFactory()
    path = reverse("network_view", args=[organisation.pk])
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for user in (RepresentativeFactory(organisation=organisation).user, UserFactory()):
        client.force_login(user)
        assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "model",
    [
        "contactperson",
        "partnership",
        "cooperationgroup",
        "meeting",
        "networknotification",
    ],
)
def test_the_admin_pages_of_the_network_open(client, model):
    client.force_login(StaffFactory())
    assert client.get(reverse(f"admin:organisations_{model}_changelist")).status_code == 200
    if model != "networknotification":
        assert client.get(reverse(f"admin:organisations_{model}_add")).status_code == 200


def test_the_admin_change_page_of_a_meeting_with_files_links_to_the_checked_view(
    client, _private_media
):
    from django.core.files.base import ContentFile

    meeting = MeetingFactory()
    meeting.minutes_file.save("x", ContentFile(b"%PDF-1.4 minutes"), save=True)
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:organisations_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    assert reverse("organisations:meeting_file", args=[meeting.pk, "minutes"]) in (
        response.content.decode()
    )


def test_the_admin_refuses_a_document_of_the_wrong_type(client, _private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from organisations.models import PartnershipDocument

    partnership = PartnershipFactory()
    client.force_login(StaffFactory())
    path = reverse("admin:organisations_partnership_change", args=[partnership.pk])
    data = {
        "partner": partnership.partner_id,
        "kind": partnership.kind,
        "title": partnership.title,
        "starts_on": partnership.starts_on.isoformat(),
        "ends_on": partnership.ends_on.isoformat(),
        "description": "",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-title": "Liite",
        "documents-0-file": SimpleUploadedFile("liite.pdf", b"MZ\x90\x00" + b"\x00" * 64),
    }
    response = client.post(path, data)
    assert response.status_code == 200
    assert "Tämän tyyppisiä tiedostoja ei hyväksytä" in response.content.decode()
    assert not PartnershipDocument.objects.exists()
    data["documents-0-file"] = SimpleUploadedFile("liite.txt", b"Sopimusteksti")
    response = client.post(path, data)
    assert response.status_code == 302
    document = PartnershipDocument.objects.get()
    assert document.content_type == "text/plain" and document.size == len(b"Sopimusteksti")
