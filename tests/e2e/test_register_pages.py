"""The association register in the browser: the public directory and a representative's
own pages, each axe-clean, in the three languages."""

import pytest

from tests.factories.organisations import (
    FieldOfActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
)

from .browser import check_page, path, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def register():
    health = FieldOfActivityFactory(code="sote", name_fi="Sosiaali- ja terveysala")
    member = MembershipFactory(
        organisation__name_fi="Porin Seudun Mielenterveysyhdistys ry",
        organisation__name_sv="Björneborgsnejdens mentalvårdsförening rf",
    ).organisation
    member.fields_of_activity.add(health)
    other = OrganisationFactory(name_fi="Rauman Eläkkeensaajat ry")
    return {"member": member, "other": other}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_directory_list_search_and_detail_are_accessible(page, url, register, language):
    visit(page, url(path("organisations:directory", language)))
    assert page.locator("main .card").count() == 2

    page.locator(".filter-panel summary").click()  # the filters open from one button
    page.fill("input[name=q]", "mielenterv")
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label=f"search-{language}")
    cards = page.locator("main .card")
    assert cards.count() == 1
    assert page.locator(".chip").count() == 1
    expected = "Björneborgsnejdens" if language == "sv" else "Porin Seudun"
    assert expected in cards.first.inner_text()

    cards.first.locator("a").first.click()
    check_page(page, label=f"detail-{language}")
    assert page.url.endswith(path("organisations:detail", language, pk=register["member"].pk))


def test_representative_sees_their_organisation_and_asks_to_represent_another(page, url, register):
    rep = RepresentativeFactory(organisation=register["member"], user__email="edustaja@example.fi")
    visit(page, url(path("account_login")))
    page.fill("input[name=login]", rep.user.email)
    page.fill("input[name=password]", "salasana-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")

    visit(page, url(path("organisations:my_organisations")))
    assert "Porin Seudun Mielenterveysyhdistys ry" in page.locator("main").inner_text()

    visit(page, url(path("organisations:representative_request")))
    page.select_option("select[name=organisation]", str(register["other"].pk))
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label="after-request")
    assert register["other"].representatives.filter(user=rep.user, status="requested").exists()
