"""Participation in the browser: a resident comments in Swedish on a phone and votes
for another comment; staff hide a comment with a reason at desktop width, and the reason
is shown in its place; staff import a workshop's comments, code them with a theme, and
follow them to the participation model's page, a goal with its actions and the staff
pages that keep the model; staff make a feedback form with three statements, a resident
answers it on a phone, and staff feed an indicator with the mean rating. axe-core checks
every page (the hiding and the feedback form at 1280 and 390 px)."""

import pytest

from core import clock
from participation.models import FeedbackForm, Measurement
from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import (
    ActionFactory,
    CommentFactory,
    GoalFactory,
    IndicatorFactory,
    PollOptionFactory,
    SectionFactory,
    ThemeFactory,
    WorkshopFactory,
)

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


def test_staff_import_code_and_follow_comments_to_a_goal_and_its_actions(new_page, url):
    section = SectionFactory(consultation__title_fi="Yhdistysstrategia", title_fi="Hallitukset")
    workshop = WorkshopFactory(consultation=section.consultation, place="Porin kirjasto")
    theme = ThemeFactory(consultation=section.consultation, name_fi="Nuoret")
    goal = GoalFactory(title_fi="Nuoret mukaan hallituksiin", progress_source="actions")
    goal.themes.add(theme)
    ActionFactory(goals=[goal], title_fi="Nuorten hallituskoulu", progress=60, weight=2)
    ActionFactory(goals=[goal], title_fi="Tehtäväpankki", status="planned", progress=0)
    csv = "osio;kommentti\n1;Nuoria tarvitaan hallituksiin\n1;Lisää iltatapahtumia\n"
    upload = {"name": "tyopaja.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    page = new_page()
    log_in(page, url, StaffFactory().email)

    visit(page, url(path("participation:workshop_import", pk=workshop.pk)))
    page.get_by_label("CSV- tai XLSX-tiedosto").set_input_files(files=[upload])
    page.get_by_role("button", name="Lähetä").click()
    check_page(page, label="checked")
    assert page.get_by_role("status").is_visible()  # every row is ready, nothing saved
    page.get_by_label("CSV- tai XLSX-tiedosto").set_input_files(files=[upload])
    page.get_by_label("Tarkista tiedosto, älä tallenna mitään").uncheck()
    page.get_by_role("button", name="Lähetä").click()
    check_page(page, label="imported")
    assert page.get_by_text("2 kommenttia tallennettiin.").is_visible()

    visit(page, url(path("participation:themes", pk=section.consultation.pk)))
    coded = page.locator("form.card", has_text="Nuoria tarvitaan hallituksiin")
    coded.get_by_label("Nuoret", exact=True).check()
    coded.get_by_role("button", name="Tallenna teemat").click()
    check_page(page, label="coded")
    assert page.get_by_text("Kommentin teemat tallennettiin.").is_visible()

    visit(page, url(path("participation:model")), label="model")
    page.get_by_role("link", name="Nuoret mukaan hallituksiin").click()
    check_page(page, label="goal")
    main = page.locator("main")
    assert "Nuoria tarvitaan hallituksiin" in main.inner_text()  # the comment behind it
    assert "Lisää iltatapahtumia" not in main.inner_text()
    assert main.get_by_role("rowheader", name="Nuorten hallituskoulu").is_visible()
    assert main.get_by_text("40 % matkasta tavoitteeseen").first.is_visible()  # (2×60+0)/3

    page.get_by_role("link", name="Muokkaa tavoitetta").click()
    check_page(page, label="goal-form")
    visit(page, url(path("participation:model_staff")), label="staff-model")
    page.get_by_role("link", name="Nuorten hallituskoulu").click()
    check_page(page, label="action-form")
    page.get_by_label("Painoarvo").fill("0")
    page.get_by_role("button", name="Tallenna toimenpide").click()
    check_page(page, label="action-refused")
    assert page.get_by_text("Painoarvon on oltava suurempi kuin nolla.").is_visible()
    visit(page, url(path("participation:indicator_create", pk=goal.pk)), label="indicator-form")
    visit(page, url(path("participation:strategy_item_create")), label="strategy-item-form")


def test_staff_make_a_feedback_form_a_resident_answers_it_on_a_phone(new_page, url):
    indicator = IndicatorFactory(goal__title_fi="Viihtyisä kahvila", name_fi="Viihtyvyys")
    staff = StaffFactory()
    page = new_page()
    log_in(page, url, staff.email)
    visit(page, url(path("participation:feedback_list")))
    page.get_by_role("link", name="Uusi palautelomake").click()
    check_page(page, label="new-form")
    page.get_by_label("Otsikko suomeksi").fill("Perhekahvila")
    page.get_by_label("Väittämät suomeksi").fill("Viihdyin hyvin.\nSain tietoa.\nTulen uudelleen.")
    page.get_by_label("Väittämät ruotsiksi").fill("Jag trivdes.\nJag fick information.")
    page.get_by_label("Avoin kysymys suomeksi").fill("Mitä toivot kahvilalta?")
    page.locator("#id_service").fill("Perhekahvila")
    page.get_by_role("button", name="Tallenna palautelomake").click()
    check_page(page, label="answers-empty")
    form = FeedbackForm.objects.get()

    phone = new_page(viewport=PHONE, locale="sv-FI")
    visit(phone, url(path("participation:feedback", "sv", code=form.code)), label="form-sv")
    phone.get_by_role("group", name="Jag trivdes.").get_by_label("4").check()
    phone.get_by_role("group", name="Jag fick information.").get_by_label("2").check()
    phone.get_by_role("button", name="Skicka responsen").click()
    check_page(phone, label="form-sv-missing")
    assert (
        phone.get_by_role("group", name="Tulen uudelleen.")
        .get_by_text("Välj ett betyg från 1 till 5.")
        .is_visible()
    )
    phone.get_by_role("group", name="Tulen uudelleen.").get_by_label("5").check()
    phone.get_by_label("Mitä toivot kahvilalta?").fill("Mer lekplats")
    phone.get_by_role("button", name="Skicka responsen").click()
    check_page(phone, label="form-sv-sent")
    assert phone.get_by_text("Tack för din respons!").is_visible()
    widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths

    page.reload()
    check_page(page, label="answers")
    first = page.locator(f"#statement-{form.statements.first().pk}")
    first.get_by_label("Indikaattori, johon väittämä vaikuttaa").select_option(
        label="Viihtyisä kahvila: Viihtyvyys"
    )
    first.get_by_role("button", name="Tallenna linkitys").click()
    check_page(page, label="linked")
    first = page.locator(f"#statement-{form.statements.first().pk}")
    first.locator("summary").click()
    today = clock.today().isoformat()
    first.get_by_label("Ensimmäinen päivä").fill(today)
    first.get_by_label("Viimeinen päivä (mittauksen päivämäärä)").fill(today)
    first.get_by_role("button", name="Tallenna mittaus").click()
    check_page(page, label="measured")
    assert page.get_by_text("Mittaus tallennettiin.").is_visible()
    assert Measurement.objects.get(indicator=indicator).value == 4
