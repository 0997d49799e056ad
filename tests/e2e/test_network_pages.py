"""The partnership network in the browser: a representative's groups page with agendas
and minutes, and the staff list of partnerships with its filters and a partnership
page; each axe-clean, on a desktop and a phone."""

import datetime

import pytest

from core import clock
from organisations.models import Partnership
from tests.factories.organisations import (
    CooperationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
)

from .browser import check_page, log_in, path, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_representative_sees_the_groups_agendas_and_minutes(new_page, url, language):
    rep = RepresentativeFactory(
        user__email="edustaja@example.fi", organisation__name_fi="Porin Kuoro ry"
    )
    group = CooperationGroupFactory(
        name_fi="Satakunnan yhdistysten yhteistyöryhmä",
        name_sv="Samarbetsgruppen för föreningarna i Satakunta",
    )
    GroupMemberFactory(group=group, organisation=rep.organisation)
    GroupMemberFactory(group=group, organisation__name_fi="Rauman Eläkkeensaajat ry")
    MeetingFactory(
        group=group,
        title="Kevätkokous",
        start=clock.now() - datetime.timedelta(days=20),
        end=clock.now() - datetime.timedelta(days=20, hours=-2),
        minutes="Päätettiin järjestää järjestöpäivä.",
    )
    MeetingFactory(group=group, title="Syyskokous")
    CooperationGroupFactory(name_fi="Neuvottelukunta, johon ei kuulu")
    for viewport in (None, MOBILE):
        page = new_page(viewport=viewport) if viewport else new_page()
        log_in(page, url, rep.user.email)
        visit(page, url(path("organisations:my_groups", language)), label=f"groups-{language}")
        main = page.locator("main").inner_text()
        expected = "Samarbetsgruppen" if language == "sv" else "Satakunnan yhdistysten"
        assert expected in main
        assert "Kevätkokous" in main and "Syyskokous" in main
        assert "Päätettiin järjestää järjestöpäivä." in main
        assert "Neuvottelukunta" not in main
        assert page.locator("main h1").count() == 1


def test_staff_filter_partnerships_and_open_one(page, url):
    staff = StaffFactory(email="henkilokunta@example.fi")
    county = OrganisationFactory(kind="wellbeing_county", name_fi="Satakunnan hyvinvointialue")
    PartnershipFactory(
        partner=county,
        kind=Partnership.Kind.SERVICE_COOPERATION,
        title="Järjestöyhteistyön palvelusopimus",
    )
    for i in range(3):
        PartnershipFactory(kind=Partnership.Kind.FUNDING, title=f"Toiminta-avustus {i}")
    log_in(page, url, staff.email)
    visit(page, url(path("organisations:partnership_list")), label="list")
    assert page.locator("main tbody tr").count() == 4
    page.select_option("select[name=kind]", "service_cooperation")
    page.locator("main form[role=search] button[type=submit]").click()
    check_page(page, label="filtered")
    rows = page.locator("main tbody tr")
    assert rows.count() == 1
    assert "Satakunnan hyvinvointialue" in rows.first.inner_text()
    csv_link = page.locator("main a[href*='vienti.csv']")
    assert "kind=service_cooperation" in csv_link.get_attribute("href")
    rows.first.locator("a").first.click()
    check_page(page, label="detail")
    assert page.locator("main h1").inner_text() == "Järjestöyhteistyön palvelusopimus"
    # The network view of the partner, from the partnership page.
    page.locator("main dl a").first.click()
    check_page(page, label="network")
    assert "Järjestöyhteistyön palvelusopimus" in page.locator("main").inner_text()


def test_staff_list_on_a_phone(new_page, url):
    staff = StaffFactory(email="henkilokunta@example.fi")
    PartnershipFactory(title="Harjoittelusopimus")
    page = new_page(viewport=MOBILE)
    log_in(page, url, staff.email)
    visit(page, url(path("organisations:partnership_list", "sv")), label="list-sv-mobile")
    assert "Harjoittelusopimus" in page.locator("main").inner_text()
