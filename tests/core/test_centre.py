"""The centre's own name: one settings object, edited in the admin, cached and dropped
on save, read by pages, emails (allauth's and the outboxes'), PDFs, feeds and the
admin. A centre elsewhere (here Pori) sets the portal up as its own without code."""

import io
import re

import pytest
from django.contrib import admin
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from core import centre
from core.models import CentreSettings
from core.reports import report_build, report_create
from facilities import notifications
from facilities.mail import send_pending
from tests.factories.facilities import BookingFactory
from tests.factories.organisations import StaffFactory
from yhteisokeskus.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _defaults_after():
    """The row these tests save is rolled back: leave the defaults for the next test."""
    yield
    centre._memo.update(row=CentreSettings(), version=None)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8"
    b"\xdb\x00\x00\x00\x00IEND\xaeB`\x82"
)


def pori(**kwargs) -> CentreSettings:
    values = {
        "name_fi": "Porin seudun yhteisökeskus",
        "name_sv": "Björneborgsregionens föreningscenter",
        "name_en": "Pori Region Community Centre",
        "tagline_fi": "Satakunnan järjestöjen koti.",
        "street_address": "Yrjönkatu 7",
        "postal_code": "28100",
        "post_office": "Pori",
        "email": "info@porinkeskus.example",
        "phone": "02 123 4567",
        "brand_colour": "#5a2d82",
        "facebook_url": "https://facebook.com/porinkeskus",
    }
    return CentreSettings.objects.create(**{**values, **kwargs})


def test_before_anything_is_saved_the_defaults_show(client, settings):
    page = client.get(reverse("home")).content.decode()
    assert "<title>" in page and "Yhteisökeskus</title>" in page
    assert settings.CONTACT_EMAIL in page


def test_changing_the_object_changes_the_pages(client):
    client.get(reverse("home"))  # cached with the defaults ...
    pori()  # ... and dropped when staff save
    page = client.get(reverse("home")).content.decode()
    assert re.search(r"<title>[^<]*Porin seudun yhteisökeskus</title>", page)
    assert page.count("Porin seudun yhteisökeskus") >= 3  # title, header, footer
    assert "Satakunnan järjestöjen koti." in page
    assert "Yrjönkatu 7, 28100 Pori" in page
    assert "https://www.openstreetmap.org/search?query=Yrj%C3%B6nkatu+7%2C+28100+Pori" in page
    assert "mailto:info@porinkeskus.example" in page and "02 123 4567" in page
    assert "https://facebook.com/porinkeskus" in page
    swedish = client.get("/sv/").content.decode()
    assert "Björneborgsregionens föreningscenter</title>" in swedish
    # The colours come in a stylesheet (the CSP allows no inline style).
    css = client.get(reverse("centre_css"))
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #5a2d82;" in css.content.decode()
    assert "centre.css?v=5a2d82" in page


def test_a_language_without_its_name_falls_back_to_finnish(client):
    pori(name_sv="", name_en="")
    assert "Porin seudun yhteisökeskus</title>" in client.get("/en/").content.decode()


def test_it_is_read_once_per_process_and_change():
    pori()
    centre.current()
    with CaptureQueriesContext(connection) as queries:
        assert centre.current().display_name == "Porin seudun yhteisökeskus"
    assert len(queries) == 0


def test_a_colour_without_contrast_is_refused():
    settings_row = CentreSettings(name_fi="Keskus", brand_colour="#ffcc00")
    with pytest.raises(ValidationError) as error:
        settings_row.full_clean()
    assert "brand_colour" in error.value.message_dict
    with pytest.raises(ValidationError):
        CentreSettings(name_fi="Keskus", brand_dark_colour="blue").full_clean()


def test_the_verification_email_uses_the_centres_name_and_address(client, mailoutbox, settings):
    settings.SITE_URL = "https://portaali.porinkeskus.example"
    pori()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "uusi@example.fi",
            "password1": "Pitk4-salasana!",
            "password2": "Pitk4-salasana!",
        },
    )
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "example.com" not in message.subject + message.body
    assert message.subject.startswith("[Porin seudun yhteisökeskus]")
    assert "Porin seudun yhteisökeskus" in message.body
    assert "portaali.porinkeskus.example" in message.body
    assert message.from_email.startswith("Porin seudun yhteisökeskus <")
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "Porin seudun yhteisökeskus" in html and "#5a2d82" in html
    assert "Yrjönkatu 7, 28100 Pori" in html


def test_the_sites_row_names_the_portal_not_example_com():
    site = Site.objects.get(pk=1)
    assert site.domain != "example.com" and site.name == "Yhteisökeskus"


def test_an_outbox_email_is_branded_with_a_plain_text_part(mailoutbox):
    pori()
    booking = BookingFactory(language="sv")
    notifications.queue(booking, "received")
    assert send_pending() == 1
    (message,) = mailoutbox
    assert message.from_email.startswith("Björneborgsregionens föreningscenter <")
    assert message.reply_to == ["info@porinkeskus.example"]
    assert "Björneborgsregionens föreningscenter" in message.body
    assert "info@porinkeskus.example" in message.body
    (html,) = [c for c, mimetype in message.alternatives if mimetype == "text/html"]
    assert "Björneborgsregionens föreningscenter" in html and "#5a2d82" in html


def test_an_email_carries_the_logo_by_its_address(mailoutbox, settings, media):
    settings.SITE_URL = "https://portaali.porinkeskus.example/"
    booking = BookingFactory(language="fi")
    notifications.queue(booking, "received")
    assert send_pending() == 1
    (html,) = [c for c, mimetype in mailoutbox[0].alternatives if mimetype == "text/html"]
    assert "<img" not in html  # the default mark: no logo set
    pori(logo=SimpleUploadedFile("logo.png", PNG, content_type="image/png"))
    notifications.queue(booking, "confirmed")
    assert send_pending() == 1
    message = mailoutbox[1]
    (html,) = [c for c, mimetype in message.alternatives if mimetype == "text/html"]
    (logo,) = re.findall(r"<img [^>]*>", html)
    logo_url = CentreSettings.objects.get().logo.url
    assert f'src="https://portaali.porinkeskus.example{logo_url}"' in logo
    assert 'alt="Porin seudun yhteisökeskus"' in logo
    assert "<img" not in message.body and "logo" not in message.body


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_changing_the_object_changes_the_pdfs(media):
    def build():
        report = report_build(
            AnnualReport, report_create(AnnualReport, year=2025, language="fi").pk
        )
        assert report.status == AnnualReport.Status.DONE, report.error
        return PdfReader(io.BytesIO(report.file.read()))

    before = build()
    assert "Porin seudun" not in " ".join(p.extract_text() for p in before.pages)
    pori(logo=SimpleUploadedFile("logo.png", PNG, content_type="image/png"))
    after = build()
    text = " ".join(page.extract_text() for page in after.pages)
    assert "Porin seudun yhteisökeskus" in text
    assert "Yrjönkatu 7, 28100 Pori" in text
    assert after.metadata.author == "Porin seudun yhteisökeskus"
    assert after.pages[0].images, "the logo is in the PDF"


def test_the_feeds_are_titled_with_the_centres_name(client):
    pori()
    assert "Porin seudun yhteisökeskus" in client.get(reverse("events:feed_rss")).content.decode()
    assert "X-WR-CALNAME:" in (ics := client.get(reverse("events:feed_ics")).content.decode())
    assert "Porin seudun yhteisökeskus" in ics


def test_the_admin_is_titled_with_the_name_and_edits_the_one_row(client):
    pori()
    client.force_login(StaffFactory(is_superuser=True))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Porin seudun yhteisökeskus" in index
    assert not admin.site.is_registered(Site)  # no second "Sites" beside the centre's own
    response = client.get(reverse("admin:core_centresettings_changelist"))
    assert response.status_code == 302 and response.url.endswith("/1/change/")
    assert client.get(response.url).status_code == 200
