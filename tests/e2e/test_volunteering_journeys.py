"""Volunteering in the browser: a representative asks for an experience expert; the
coordinator picks from the suggestions and offers the task; the person accepts on a
phone and, once the day has passed, logs their hours; the coordinator approves them; the
fee statement PDF downloads and is read back with pypdf. Every page is axe-checked, at
1280 px (the representative and the coordinator) and at 390 px (the person, and the
coordinator's pages once more)."""

import datetime
import io

import pytest
from pypdf import PdfReader

from core import clock
from core.reports import report_build
from tests.factories.facilities import next_weekday
from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory
from tests.factories.volunteering import ExperienceAreaFactory, ProfileFactory, fee_tiers
from volunteering import services
from volunteering.models import HourEntry, Offer, Report, Request, RequestDate, Slot

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _pass_the_day(request: Request):
    """The task's day passes: its date (and the person's held time) move to yesterday."""
    yesterday = clock.now() - datetime.timedelta(days=1)
    for date in request.dates.all():
        shift = yesterday.replace(hour=date.start.hour, minute=0) - date.start
        RequestDate.objects.filter(pk=date.pk).update(
            start=date.start + shift, end=date.end + shift
        )
        Slot.objects.filter(date=date).update(start=date.start + shift, end=date.end + shift)


def test_from_request_to_fee_statement(new_page, url):
    fee_tiers()
    area = ExperienceAreaFactory(name_fi="Mielenterveys", name_en="Mental health")
    rep = RepresentativeFactory(
        user__email="edustaja@example.fi", organisation__name_fi="Porin Mielenterveysseura ry"
    )
    staff = StaffFactory(email="koordinaattori@example.fi")
    person = ProfileFactory(
        user=UserFactory(email="kokemus@example.fi"), name="Kaisa Kokemus", phone="040 555 0101"
    )
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="2026-1"
    )
    ProfileFactory(name="Ville Vapaaehtoinen", roles=["volunteer"])  # not an expert

    # The representative asks for an experience expert.
    requester = new_page(viewport=DESKTOP)
    log_in(requester, url, rep.user.email)
    visit(requester, url(path("volunteering:my_requests")), label="my requests")
    requester.locator("main a", has_text="Pyydä vapaaehtoisia").click()
    check_page(requester, label="request form")
    day = next_weekday(2)
    requester.select_option("select[name=organisation]", str(rep.organisation.pk))
    requester.fill("input[name=title]", "Kokemuspuheenvuoro hoitajille")
    requester.fill("textarea[name=description]", "Kerro omasta toipumisestasi 30 minuuttia.")
    requester.fill("input[name=day]", day.isoformat())
    requester.fill("input[name=start_time]", "13:00")
    requester.fill("input[name=end_time]", "15:00")
    requester.select_option("select[name=place]", "online")
    requester.get_by_label("Kokemusasiantuntija").check()
    requester.get_by_label("Mielenterveys").check()
    requester.get_by_label("Palkkio maksetaan").check()
    requester.fill("input[name=answer_by]", clock.today().isoformat())
    requester.locator("main form button[type=submit]", has_text="Lähetä pyyntö").click()
    check_page(requester, label="request sent")
    assert "Pyyntösi on lähetetty koordinaattoreille" in requester.inner_text("main")
    request = Request.objects.get(title="Kokemuspuheenvuoro hoitajille")

    # The coordinator picks from the suggestions, with their reasons, and offers.
    coordinator = new_page(viewport=DESKTOP)
    log_in(coordinator, url, staff.email)
    visit(coordinator, url(path("volunteering:coordination")), label="coordination")
    coordinator.locator("main a", has_text="Kokemuspuheenvuoro hoitajille").click()
    check_page(coordinator, label="suggestions")
    suggestions = coordinator.inner_text("main section[aria-labelledby=suggestions-heading]")
    assert "Kaisa Kokemus" in suggestions and "Kokemusalue: Mielenterveys" in suggestions
    assert "Ville Vapaaehtoinen" not in suggestions
    coordinator.get_by_role("button", name="Tarjoa tehtävää henkilölle Kaisa Kokemus").click()
    check_page(coordinator, label="offered")
    assert "Tehtävää on tarjottu henkilölle Kaisa Kokemus" in coordinator.inner_text("main")

    # The person accepts on a phone.
    phone = new_page(viewport=PHONE)
    log_in(phone, url, person.user.email)
    visit(phone, url(path("volunteering:home")), label="offer on a phone")
    assert "Kokemuspuheenvuoro hoitajille" in phone.inner_text("main")
    phone.locator("main button", has_text="Hyväksy tehtävä").click()
    check_page(phone, label="accepted")
    assert "Hyväksyit tehtävän" in phone.inner_text("main")
    assert Offer.objects.get(profile=person).status == "accepted"

    # The requester now sees the person's name and contact, and no experience areas.
    visit(requester, url(path("volunteering:request_detail", pk=request.pk)), label="agreed")
    agreed = requester.inner_text("main")
    assert "Kaisa Kokemus" in agreed and "040 555 0101" in agreed
    assert "Mielenterveys" not in agreed.split("Sovitut henkilöt")[1]

    # The day passes; the person logs their hours.
    _pass_the_day(request)
    visit(phone, url(path("volunteering:home")), label="tasks on a phone")
    phone.locator("main a", has_text="Tunnit").first.click()
    check_page(phone, label="hours form")
    worked_on = request.dates.get().start.astimezone().date()
    phone.fill("input[name=date]", worked_on.isoformat())
    phone.fill("input[name=hours]", "5")
    phone.locator("main form button[type=submit]", has_text="Tallenna tuntini").click()
    check_page(phone, label="too many hours")
    assert "Ajankohta kesti 2" in phone.inner_text("main")
    phone.fill("input[name=hours]", "2")
    phone.fill("input[name=note]", "Hyvä keskustelu")
    phone.locator("main form button[type=submit]", has_text="Tallenna tuntini").click()
    check_page(phone, label="hours saved")
    assert "Tuntisi on tallennettu" in phone.inner_text("main")

    # The coordinator approves; the fee is frozen (untrained tier: 2 h × 15 €).
    visit(coordinator, url(path("volunteering:coordination")), label="hours to approve")
    coordinator.locator("main form button", has_text="Hyväksy").first.click()
    check_page(coordinator, label="approved")
    entry = HourEntry.objects.get()
    assert entry.status == "approved" and str(entry.fee) == "30.00"

    # The representative asks for the month's fee statement and downloads the PDF.
    visit(requester, url(path("volunteering:my_requests")), label="statement form")
    requester.fill("input[name=month]", f"{worked_on:%Y-%m}")
    requester.locator("main button", has_text="Tee palkkioerittely (PDF)").click()
    check_page(requester, label="statement waiting")
    report = Report.objects.get(kind="statement")
    report_build(Report, report.pk)  # as the worker would
    requester.reload()
    check_page(requester, label="statement ready")
    with requester.expect_download() as download:
        requester.locator("#report-status a.button").click()
    assert download.value.suggested_filename == report.download_name()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    # A name may wrap in its table cell: compare the words.
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Palkkioerittely" in text and "Porin Mielenterveysseura ry" in text
    assert "Kaisa Kokemus" in text and "Maksetaan yhteensä (€): 30,00" in text


def test_the_coordinators_pages_on_a_phone(new_page, url):
    staff = StaffFactory(email="koordinaattori@example.fi")
    ProfileFactory(name="Odottava Olli", status="pending")
    request = Request.objects.create(
        organisation=RepresentativeFactory().organisation,
        title="Kahvitus kevätjuhlaan",
        description="Kahvinkeittoa ja tarjoilua.",
        place=Request.Place.ONLINE,
        people_needed=2,
        roles=["volunteer"],
        answer_by=clock.today(),
        created_at=clock.now(),
    )
    day = next_weekday(4)
    start = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    RequestDate.objects.create(
        request=request, start=start, end=start + datetime.timedelta(hours=3)
    )
    ProfileFactory(name="Ville Vapaaehtoinen", roles=["volunteer"])
    phone = new_page(viewport=PHONE)
    log_in(phone, url, staff.email)
    for name in ("coordination", "fees", "figures"):
        visit(phone, url(path(f"volunteering:{name}")), label=f"{name} on a phone")
    visit(phone, url(path("volunteering:staff_request", pk=request.pk)), label="suggestions phone")
    assert "Ville Vapaaehtoinen" in phone.inner_text("main")
    visit(phone, url(path("volunteering:open_requests", language="sv")), label="open tasks sv")
