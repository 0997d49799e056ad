"""Grants in the browser, axe-clean at 1280 px and on a 390 px phone: a representative
applies with a budget (a budget that does not balance is refused first); two reviewers
score, the second seeing the first's scores only after their own; staff decide; the
public page shows who got what; the applicant downloads the decision letter and
submits the final report."""

import datetime
from decimal import Decimal

import pytest

from core import clock
from grants.models import Application, Decision, GrantReport, Review
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    ReviewerFactory,
    submitted,
)
from tests.factories.organisations import RepresentativeFactory, StaffFactory

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _criteria(call):
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(
        criteria_set=criteria, name_fi="Vaikuttavuus", name_en="Impact", weight=Decimal("2")
    )
    CriterionFactory(
        criteria_set=criteria,
        name_fi="Yhteistyö",
        name_en="Co-operation",
        weight=Decimal("1"),
        scale_max=3,
        allow_na=True,
    )
    return criteria


@pytest.fixture
def open_call():
    call = CallFactory(
        name_fi="Liikunta-avustus", name_sv="Idrottsbidrag", name_en="Exercise grant"
    )
    _criteria(call)
    return call


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_representative_applies_with_a_budget(new_page, url, open_call, viewport):
    rep = RepresentativeFactory(organisation__name_fi="Porin Liikkujat ry")
    page = new_page(viewport=viewport) if viewport else new_page()
    visit(page, url(path("grants:call_list")))
    page.locator("main a", has_text="Liikunta-avustus").first.click()
    check_page(page, label="call")
    assert "Vaikuttavuus" in page.content()
    log_in(page, url, rep.user.email)
    visit(page, url(path("grants:application_create", pk=open_call.pk)))
    if viewport:
        _no_sideways_scroll(page)
    page.fill("input[name=project_name]", "Sählykerho")
    page.fill("textarea[name=goals]", "Viikoittainen sählykerho nuorille")
    page.fill("input[name=requested_amount]", "1500")
    page.fill("input[name=line_personnel]", "1500")
    page.fill("input[name=line_rent]", "300")
    page.fill("input[name=line_own]", "200")
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label="draft")
    application = Application.objects.get()
    # Costs 1 800 − income 200 = 1 600, not 1 500: refused, still a draft.
    page.get_by_role("button", name="Jätä hakemus").click()
    check_page(page, label="refused")
    assert "Talousarvio ei ole tasapainossa" in page.locator("[role=alert]").first.inner_text()
    application.refresh_from_db()
    assert application.status == "draft"
    page.fill("input[name=requested_amount]", "1600")
    page.get_by_role("button", name="Tallenna luonnos").click()
    check_page(page, label="saved")
    page.get_by_role("button", name="Jätä hakemus").click()
    check_page(page, label="submitted")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert "Jätetty" in page.locator("main .lead").inner_text()


def test_two_reviewers_score_blind(new_page, url, open_call):
    criteria = open_call.current_criteria()
    application = submitted(
        ApplicationFactory(call=open_call, project_name="Kuorokonsertit"), criteria
    )
    first, second = ReviewerFactory(call=open_call).user, ReviewerFactory(call=open_call).user
    impact, coop = criteria.criteria.order_by("order", "pk")
    for reviewer, values, comment in (
        (first, ("4", "na"), "Ensimmäisen arvio"),
        (second, ("2", "3"), ""),
    ):
        page = new_page()
        log_in(page, url, reviewer.email)
        visit(page, url(path("grants:review_list")))
        page.locator("main a", has_text="Kuorokonsertit").click()
        check_page(page, label="review")
        assert "Ensimmäisen arvio" not in page.content()
        page.select_option(f"select[name=score_{impact.pk}]", values[0])
        page.select_option(f"select[name=score_{coop.pk}]", values[1])
        page.fill(f"textarea[name=comment_{impact.pk}]", comment)
        page.get_by_role("button", name="Tallenna arviointi").click()
        check_page(page, label="scored")
    # The second now sees both reviews and the means: impact (4 + 2) / 2, co-operation 3.
    table = page.locator("main table").last.inner_text()
    assert "Ensimmäisen arvio" in table and "Ei sovellu" in table and "3,00" in table
    assert Review.objects.filter(application=application).count() == 2


def test_staff_decide_the_public_sees_and_the_applicant_reports(new_page, url):
    call = CallFactory(
        name_fi="Pienavustukset",
        budget=Decimal("3000.00"),
        max_grant=Decimal("2000.00"),
        opens_at=clock.now() - datetime.timedelta(days=40),
        closes_at=clock.now() - datetime.timedelta(days=10),
    )
    criteria = _criteria(call)
    granted = submitted(
        ApplicationFactory(
            call=call, project_name="Retket", organisation__name_fi="Rauman Retkeilijät ry"
        ),
        criteria,
    )
    refused = submitted(ApplicationFactory(call=call, project_name="Salainen hylätty"), criteria)

    staff = new_page()
    log_in(staff, url, StaffFactory().email)
    visit(staff, url(path("grants:staff_call", pk=call.pk)))
    staff.get_by_role("link", name="Päätökset", exact=True).click()
    check_page(staff, label="decisions")
    staff.check(f"input[name=d{granted.pk}_include]")
    staff.select_option(f"select[name=d{granted.pk}_outcome]", "granted")
    staff.fill(f"input[name=d{granted.pk}_amount]", "1800")
    staff.fill(f"textarea[name=d{granted.pk}_rationale]", "Hyvät pisteet")
    staff.check(f"input[name=d{refused.pk}_include]")
    staff.select_option(f"select[name=d{refused.pk}_outcome]", "refused")
    staff.fill(f"textarea[name=d{refused.pk}_rationale]", "Määräraha ei riittänyt")
    staff.get_by_role("button", name="Hyväksy päätökset").click()
    check_page(staff, label="decided")
    assert Decision.objects.count() == 2

    public = new_page(viewport=PHONE)
    visit(public, url(path("grants:call_detail", pk=call.pk)))
    _no_sideways_scroll(public)
    table = public.locator("main table").last.inner_text()
    assert (
        "Rauman Retkeilijät ry" in table
        and "Retket" in table
        and "1 800,00" in table.replace("\xa0", " ")
    )
    assert "Salainen hylätty" not in public.content()

    applicant = new_page()
    log_in(applicant, url, granted.created_by.email)
    visit(applicant, url(path("grants:application_detail", pk=granted.pk)))
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name="Lataa päätöskirje (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    applicant.get_by_role("link", name="Jätä raportti").click()
    check_page(applicant, label="report-form")
    applicant.select_option("select[name=kind]", "final")
    applicant.fill("textarea[name=results]", "Kolme retkeä, 60 osallistujaa")
    applicant.fill("input[name=actual_personnel]", "1700")
    applicant.fill("input[name=actual_own]", "200")
    applicant.get_by_role("button", name="Jätä raportti").click()
    check_page(applicant, label="reported")
    assert GrantReport.objects.get().status == "submitted"
    assert "Loppuraportti" in applicant.content()


def test_the_demo_grant_pages_are_accessible(new_page, url, settings):
    """Every grant page of `make run`'s demo, staff's and the reviewer's, passes axe."""
    import importlib
    import io

    from django.apps import apps
    from django.core.management import call_command

    from grants.models import Call

    # An earlier browser test's flush took the reference data of the migrations with it.
    importlib.import_module("organisations.migrations.0002_reference_data").load(apps, None)
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_grants_demo", stdout=io.StringIO())
    settings.DEBUG = False
    closed = Call.objects.past().get()
    open_call = Call.objects.open().get()
    page = new_page()
    visit(page, url(path("account_login")))
    page.fill("input[name=login]", "henkilokunta@example.fi")
    page.fill("input[name=password]", "demo-salasana-2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    for address in (
        path("grants:staff_calls"),
        path("grants:staff_call", pk=closed.pk),
        path("grants:staff_call", pk=open_call.pk),
        *[path("grants:staff_application", pk=a.pk) for a in closed.applications.all()],
        path("grants:review_list"),
        path("grants:call_detail", "en", pk=closed.pk),
        path("grants:call_list", "sv"),
    ):
        visit(page, url(address))


def test_staff_draft_the_criteria_and_approve_a_budget_move(new_page, url):
    """Staff draft a call's criteria on the staff pages (the form also in Swedish on a
    phone), approve and publish them; then approve a move of money between budget
    lines, which the page lists with the planned amounts before it."""
    from grants import services
    from tests.factories.grants import DecisionFactory

    call = CallFactory(name_fi="Kulttuuriavustus", name_sv="Kulturbidrag")
    staff = StaffFactory()
    page = new_page()
    log_in(page, url, staff.email)
    visit(page, url(path("grants:staff_call", pk=call.pk)))
    page.get_by_role("button", name="Laadi kriteerit").click()
    check_page(page, label="draft")
    page.get_by_role("link", name="Lisää kriteeri").click()
    check_page(page, label="criterion form")
    page.fill("input[name=name_fi]", "Vaikuttavuus")
    page.fill("input[name=name_sv]", "Verkan")
    page.fill("input[name=weight]", "2")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="criterion added")
    criterion = call.criteria_sets.get().criteria.get()
    assert criterion.weight == Decimal("2")

    phone = new_page(viewport=PHONE, locale="sv-FI")
    log_in(phone, url, staff.email)
    visit(phone, url(path("grants:criterion_edit", "sv", pk=criterion.pk)))
    _no_sideways_scroll(phone)

    page.get_by_role("button", name="Hyväksy kriteerit").click()
    check_page(page, label="approved")
    page.get_by_role("button", name="Julkaise kriteerit").click()
    check_page(page, label="published")
    assert call.current_criteria().criteria.get() == criterion

    decision = DecisionFactory(application__project_name="Kuorokonsertit")
    application = decision.application
    application.status = "granted"
    application.submitted_at = clock.now()
    application.save()
    services.change_request_create(
        actor=application.created_by,
        application=application,
        kind="move_money",
        description="Tarvikkeet kallistuivat.",
        move_from="personnel",
        move_to="materials",
        move_amount=Decimal("500"),
    )
    visit(page, url(path("grants:staff_application", pk=application.pk)))
    page.get_by_role("button", name="Päätä").click()
    check_page(page, label="move approved")
    moves = page.locator("main table").last.inner_text()
    assert "Materiaalit" in moves or "Tarvikkeet" in moves
    assert "2 000,00 / 0,00" in moves.replace("\xa0", " ")
