"""Partnerships and their documents through the services: an end before the start, a
file of the wrong type or too large, gives a translated message and saves nothing; the
database refuses an end before the start even without the service; accepted files are
stored outside the public media folder, with their type read from the content."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import translation

from core.uploads import sniff_content_type
from organisations.errors import RegisterError
from organisations.models import Meeting, Partnership, PartnershipDocument
from organisations.services import network as services
from tests.factories.organisations import (
    ContactPersonFactory,
    CooperationGroupFactory,
    OrganisationFactory,
    PartnershipFactory,
    StaffFactory,
    UserFactory,
)

from . import files

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2026, 1, 1)


def test_staff_record_a_partnership_with_contacts_on_both_sides():
    staff = StaffFactory()
    partner = OrganisationFactory(kind="wellbeing_county")
    liaison = ContactPersonFactory(organisation=partner, service_area="Pohjoinen palvelualue")
    partnership = services.partnership_create(
        actor=staff,
        partner=partner,
        kind=Partnership.Kind.SERVICE_COOPERATION,
        title="  Järjestöyhteistyön sopimus  ",
        starts_on=JAN_1,
        ends_on=datetime.date(2027, 12, 31),
        partner_contacts=[liaison],
        staff_contacts=[staff],
    )
    partnership.refresh_from_db()
    assert partnership.title == "Järjestöyhteistyön sopimus"
    assert list(partnership.partner_contacts.all()) == [liaison]
    assert list(partnership.staff_contacts.all()) == [staff]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Kumppanuus ei voi päättyä ennen kuin se alkaa."),
        ("sv", "Ett partnerskap kan inte upphöra innan det börjar."),
        ("en", "A partnership cannot end before it starts."),
    ],
)
def test_a_partnership_that_ends_before_it_starts_is_refused(language, message):
    with translation.override(language):
        with pytest.raises(RegisterError) as caught:
            services.partnership_create(
                actor=StaffFactory(),
                partner=OrganisationFactory(),
                kind=Partnership.Kind.AGREEMENT,
                title="Sopimus",
                starts_on=JAN_1,
                ends_on=JAN_1 - datetime.timedelta(days=1),
            )
        assert caught.value.errors_by_field == {"ends_on": [message]}
    assert caught.value.field == "ends_on"
    assert not Partnership.objects.exists()


def test_the_database_refuses_an_end_before_the_start():
    partnership = PartnershipFactory(starts_on=JAN_1, ends_on=JAN_1)
    partnership.ends_on = JAN_1 - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        partnership.save()


def test_contacts_must_belong_to_the_partner():
    other = ContactPersonFactory()
    with pytest.raises(RegisterError) as caught:
        services.partnership_create(
            actor=StaffFactory(),
            partner=OrganisationFactory(),
            kind=Partnership.Kind.FUNDING,
            title="Avustus",
            starts_on=JAN_1,
            partner_contacts=[other],
        )
    assert caught.value.field == "partner_contacts"
    assert not Partnership.objects.exists()


def test_only_staff_record_partnerships():
    with pytest.raises(PermissionDenied):
        services.partnership_create(
            actor=UserFactory(),
            partner=OrganisationFactory(),
            kind=Partnership.Kind.AGREEMENT,
            title="Sopimus",
            starts_on=JAN_1,
        )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (files.PDF, "application/pdf"),
        (files.PNG, "image/png"),
        (files.JPEG, "image/jpeg"),
        (files.TEXT, "text/plain"),
        (files.odt(), "application/vnd.oasis.opendocument.text"),
        (files.ods(), "application/vnd.oasis.opendocument.spreadsheet"),
        (
            files.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (files.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_allowed_documents_are_stored_privately_with_the_sniffed_type(
    data, expected, _private_media, settings
):
    partnership = PartnershipFactory()
    # The name and the browser's claim say PDF; the content decides.
    document = services.partnership_document_add(
        actor=StaffFactory(),
        partnership=partnership,
        title="Sopimus 2026",
        file=files.upload(data, "sopimus.pdf", "application/pdf"),
    )
    document.refresh_from_db()
    assert document.content_type == expected
    assert document.size == len(data)
    path = document.file.path
    assert path.startswith(str(_private_media))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "sopimus" not in path  # the uploader's name never becomes a path
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 (no public URL exists)
    with document.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (files.EXE, "sopimus.pdf"),  # an executable named as a PDF
        (files.plain_zip(), "taulukko.xlsx"),  # a zip that is not an office file
        (b"\x00\x01\x02binary", "notes.txt"),
    ],
)
def test_a_file_of_another_type_is_refused_and_nothing_is_stored(data, name, _private_media):
    partnership = PartnershipFactory()
    with translation.override("fi"), pytest.raises(RegisterError) as caught:
        services.partnership_document_add(
            actor=StaffFactory(),
            partnership=partnership,
            title="Liite",
            file=files.upload(data, name),
        )
    assert caught.value.field == "file"
    assert "Tämän tyyppisiä tiedostoja ei hyväksytä" in caught.value.messages[0]
    assert not PartnershipDocument.objects.exists()
    assert not _private_media.exists() or not any(p.is_file() for p in _private_media.rglob("*"))


def test_a_file_over_the_limit_is_refused(settings):
    settings.NETWORK_DOCUMENT_MAX_BYTES = 1024
    with translation.override("en"):
        with pytest.raises(RegisterError) as caught:
            services.partnership_document_add(
                actor=StaffFactory(),
                partnership=PartnershipFactory(),
                title="Liite",
                file=files.upload(files.PDF + b"0" * 2000),
            )
        assert caught.value.field == "file"
        assert caught.value.messages[0].startswith("The file is too large (2.0\xa0KB)")
        assert "1.0\xa0KB" in caught.value.messages[0]
    assert not PartnershipDocument.objects.exists()


def test_sniffing_ignores_the_name_and_reads_the_content():
    assert sniff_content_type(files.upload(files.PNG, "kuva.pdf")) == "image/png"
    assert sniff_content_type(files.upload(files.EXE, "kuva.png")) is None


def test_a_meeting_that_ends_before_it_starts_is_refused():
    start = datetime.datetime(2026, 5, 5, 10, tzinfo=datetime.UTC)
    with pytest.raises(RegisterError) as caught:
        services.meeting_create(
            actor=StaffFactory(),
            group=CooperationGroupFactory(),
            title="Kevätkokous",
            start=start,
            end=start - datetime.timedelta(hours=1),
        )
    assert caught.value.field == "end"
    assert not Meeting.objects.exists()


def test_a_meeting_agenda_file_of_the_wrong_type_is_refused():
    start = datetime.datetime(2026, 5, 5, 10, tzinfo=datetime.UTC)
    with pytest.raises(RegisterError) as caught:
        services.meeting_create(
            actor=StaffFactory(),
            group=CooperationGroupFactory(),
            title="Kevätkokous",
            start=start,
            end=start + datetime.timedelta(hours=1),
            agenda_file=files.upload(files.EXE, "esityslista.pdf"),
        )
    assert caught.value.field == "file"
    assert not Meeting.objects.exists()
