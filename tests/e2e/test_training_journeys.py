"""Trainings in the browser: the catalogue and a training page in three languages; a
person enrols, a second joins the waiting list and is promoted when the first cancels;
staff mark attendance and the participant downloads the certificate. Every page is
axe-checked."""

import pytest

from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.trainings import SessionFactory
from trainings.models import Enrolment

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_and_training_page_are_accessible(page, url, language):
    SessionFactory(
        training__title_fi="Yhdistyksen talous",
        training__title_sv="Föreningens ekonomi",
        training__title_en="Association finances",
    )
    visit(page, url(path("trainings:catalogue", language)))
    page.locator("main .training-card a").first.click()
    check_page(page, label=f"training-{language}")
    assert page.locator("main h1").inner_text() in {
        "Yhdistyksen talous",
        "Föreningens ekonomi",
        "Association finances",
    }


def test_enrol_wait_and_be_promoted(new_page, url):
    session = SessionFactory(training__title_fi="Hallitustyön perusteet", training__capacity=1)
    training = session.training
    first_user = UserFactory(email="eka@example.fi", first_name="Eeva", last_name="Eka")
    second_user = UserFactory(email="toka@example.fi", first_name="Toni", last_name="Toka")

    first = new_page()
    log_in(first, url, first_user.email)
    visit(first, url(path("trainings:detail", pk=training.pk)))
    first.fill("textarea[name=needs]", "Kasvisruoka")
    first.locator("main form button[type=submit]", has_text="Ilmoittaudu").click()
    check_page(first, label="enrolled")
    assert "Hallitustyön perusteet" in first.inner_text("main table")
    assert "Vahvistettu" in first.inner_text("main table")

    second = new_page()
    log_in(second, url, second_user.email)
    visit(second, url(path("trainings:detail", pk=training.pk)))
    assert "Koulutus on täynnä" in second.inner_text("main")
    second.locator("main form button[type=submit]", has_text="Ilmoittaudu jonoon").click()
    check_page(second, label="waiting")
    assert "jonossa sijalla 1" in second.inner_text("main")
    assert Enrolment.objects.get(user=second_user).status == "waiting"

    first.locator("main table button", has_text="Peru").click()
    check_page(first, label="cancelled")
    assert "Ilmoittautuminen peruttu" in first.inner_text("main")

    visit(second, url(path("trainings:my_enrolments")), label="promoted")
    assert "Vahvistettu" in second.inner_text("main table")
    assert Enrolment.objects.get(user=second_user).status == "confirmed"


def test_staff_mark_attendance_and_the_certificate_downloads(new_page, url):
    staff = StaffFactory(email="henkilokunta@example.fi")
    participant = UserFactory(email="osallistuja@example.fi")
    session = SessionFactory(training__title_fi="Saavutettava viestintä")
    enrolment = Enrolment.objects.create(
        training=session.training,
        user=participant,
        enrolled_by=participant,
        name="Olli Osallistuja",
        email=participant.email,
        status="confirmed",
        price=0,
        created_at=session.training.enrolment_opens,
    )

    staff_page = new_page()
    log_in(staff_page, url, staff.email)
    visit(staff_page, url(path("trainings:manage", pk=session.training.pk)))
    assert "Olli Osallistuja" in staff_page.inner_text("main")
    staff_page.locator("main a", has_text="Läsnäolo").first.click()
    check_page(staff_page, label="attendance")
    staff_page.get_by_label("Olli Osallistuja").check()
    staff_page.locator("main form button[type=submit]", has_text="Tallenna").click()
    check_page(staff_page, label="attendance-saved")
    assert "Läsnäolo tallennettu" in staff_page.inner_text("main")
    visit(staff_page, url(path("trainings:attendance_print", pk=session.pk)), label="print")

    person = new_page()
    log_in(person, url, participant.email)
    visit(person, url(path("trainings:my_enrolments")))
    link = person.locator("main a", has_text="Todistus (PDF)")
    with person.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    enrolment.refresh_from_db()
    assert download.value.suggested_filename == f"todistus-{enrolment.certificate.number}.pdf"
