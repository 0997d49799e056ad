"""Participation in the browser: a resident comments in Swedish on a phone and votes
for another comment; staff hide a comment with a reason at desktop width, and the reason
is shown in its place. axe-core checks every page at 1280 and 390 px."""

import pytest

from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import CommentFactory, PollOptionFactory, SectionFactory

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def consultation():
    MunicipalityFactory()
    section = SectionFactory(
        consultation__title_fi="Yhteisökeskuksen tilat",
        consultation__title_sv="Resurscentrets lokaler",
        title_fi="Aukioloajat",
        title_sv="Öppettider",
    )
    CommentFactory(section=section, text="Auki myös lauantaisin, kiitos.", name="Maija")
    PollOptionFactory(poll__section=section, text_fi="Iltaisin", text_sv="Kvällar")
    return section.consultation


def test_a_resident_comments_in_swedish_on_a_phone_and_votes(new_page, url, consultation):
    page = new_page(viewport=PHONE, locale="sv-FI")
    visit(page, url(path("participation:list", "sv")))
    page.get_by_role("link", name="Resurscentrets lokaler").click()
    check_page(page, label="detail-sv")
    page.get_by_label("Din kommentar").fill("Vi skulle gärna ha öppet på <b>lördagar</b>.")
    page.get_by_label("Din hemkommun (frivilligt)").select_option(label="Björneborg")
    page.get_by_label("Kommentarens språk").select_option("sv")
    page.get_by_role("button", name="Skicka kommentaren").click()
    check_page(page, label="commented")
    assert page.get_by_text("Tack, din kommentar sparades.").is_visible()
    text = page.locator("p.comment-text[lang=sv]")
    assert text.inner_text() == "Vi skulle gärna ha öppet på lördagar."

    page.get_by_role("button", name="Rösta för").first.click()
    check_page(page, label="voted")
    assert page.get_by_text("Din röst räknades.").is_visible()
    page.get_by_role("button", name="Rösta för").first.click()
    assert page.get_by_text("Du har redan röstat på den här kommentaren.").is_visible()

    page.get_by_label("Kvällar").check()
    page.locator("form[id^=poll-]").get_by_role("button", name="Svara").click()
    assert page.get_by_text("Tack för ditt svar.").is_visible()
    visit(page, url(path("participation:results", "sv", pk=consultation.pk)), label="results")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "390"])
def test_staff_hide_a_comment_with_a_reason(new_page, url, consultation, viewport):
    staff = StaffFactory()
    page = new_page(viewport=viewport)
    log_in(page, url, staff.email)
    visit(page, url(path("participation:moderation", pk=consultation.pk)))
    page.get_by_label("Kommentin paikalla näytettävä syy").fill("Sisältää henkilötietoja")
    page.get_by_role("button", name="Piilota").click()
    check_page(page, label="hidden")
    assert page.get_by_text("Kommentti piilotettiin.").is_visible()
    visit(page, url(path("participation:detail", pk=consultation.pk)), label="public")
    assert page.get_by_text(
        "Moderaattori piilotti tämän kommentin: Sisältää henkilötietoja"
    ).is_visible()
    assert "Auki myös lauantaisin" not in page.locator("main").inner_text()
