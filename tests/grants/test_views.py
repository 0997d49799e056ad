"""The grant pages: public calls with criteria and grants, the application form with
its budget (bad input: the message next to the field, nothing saved), the reviewer's
blind page, staff decisions, exports, and another organisation's application as 404."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core import clock
from grants import services
from grants.models import Application, Decision, Review
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    ReviewerFactory,
    submitted,
)
from tests.factories.organisations import RepresentativeFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call():
    call = CallFactory(name_fi="Liikuntaavustus", name_sv="Idrottsbidrag")
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(criteria_set=criteria, name_fi="Vaikuttavuus", weight=Decimal("3"))
    CriterionFactory(criteria_set=criteria, name_fi="Yhteistyö", weight=Decimal("1"), allow_na=True)
    return call


def test_public_pages_show_open_calls_with_criteria_and_weights(
    client, open_call, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("grants:call_list"))
    assert "Liikuntaavustus" in response.text and "Vaikuttavuus" in response.text
    response = client.get(reverse("grants:call_detail", args=[open_call.pk]))
    assert response.status_code == 200
    assert "Vaikuttavuus" in response.text and "Yhteistyö" in response.text
    assert "Idrottsbidrag" in client.get("/sv" + reverse("grants:call_list")).text


def test_the_list_asks_a_constant_number_of_queries(client, open_call, django_assert_num_queries):
    client.get(reverse("grants:call_list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:call_list"))
    for _ in range(4):
        call = CallFactory()
        CriterionFactory(criteria_set=CriteriaSetFactory(call=call))
        CallFactory(
            closes_at=clock.now() - datetime.timedelta(days=1),
            opens_at=clock.now() - datetime.timedelta(days=9),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("grants:call_list"))
    assert len(many) == len(one)


def _form(**overrides):
    data = {
        "project_name": "Liikuntakerho",
        "goals": "Lisää liikuntaa",
        "target_group": "Nuoret",
        "requested_amount": "1800",
        "language": "fi",
        "line_personnel": "2000",
        "line_own": "200",
    }
    data.update(overrides)
    return data


def test_a_representative_applies_saves_and_submits(client, open_call):
    rep = RepresentativeFactory()
    client.force_login(rep.user)
    response = client.post(
        reverse("grants:application_create", args=[open_call.pk]),
        _form(organisation=rep.organisation.pk),
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.total_costs == Decimal("2000.00")
    response = client.post(reverse("grants:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.criteria_set.is_frozen


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"requested_amount": "9000", "line_personnel": "9200"}, "Haettavan summan on oltava"),
        ({"requested_amount": "1500"}, "Talousarvio ei ole tasapainossa"),
        ({"line_own": "50", "line_fees": "0", "requested_amount": "1950"}, "Omarahoitusosuus"),
    ],
)
def test_bad_budgets_are_refused_with_the_message_and_stay_drafts(
    client, open_call, overrides, message
):
    rep = RepresentativeFactory()
    client.force_login(rep.user)
    client.post(
        reverse("grants:application_create", args=[open_call.pk]),
        _form(organisation=rep.organisation.pk, **overrides),
    )
    application = Application.objects.get()
    response = client.post(reverse("grants:application_submit", args=[application.pk]))
    assert response.status_code == 400
    assert message in response.text
    application.refresh_from_db()
    assert application.status == "draft"


def test_another_organisations_application_is_404(client, open_call):
    application = ApplicationFactory(call=open_call)
    client.force_login(RepresentativeFactory().user)
    for name in ("application_detail", "letter_download", "report_create"):
        assert client.get(reverse(f"grants:{name}", args=[application.pk])).status_code == 404
    assert (
        client.post(reverse("grants:application_submit", args=[application.pk])).status_code == 404
    )
    application.refresh_from_db()
    assert application.status == "draft"


def test_the_reviewer_sees_others_only_after_scoring(client, open_call):
    criteria = open_call.current_criteria()
    a, b = criteria.criteria.order_by("order", "pk")
    application = submitted(ApplicationFactory(call=open_call), criteria)
    first, second = (ReviewerFactory(call=open_call).user for _ in range(2))
    services.review_submit(
        actor=first,
        application=application,
        scores={a.pk: (4, "Hyvä, salainen huomio"), b.pk: (None, "")},
    )
    client.force_login(second)
    url = reverse("grants:review", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200 and "salainen huomio" not in page.text
    response = client.post(url, {f"score_{a.pk}": "9", f"score_{b.pk}": "1"})
    assert response.status_code == 400
    assert not Review.objects.filter(reviewer=second).exists()
    response = client.post(url, {f"score_{a.pk}": "3", f"score_{b.pk}": "na"})
    assert response.status_code == 302
    assert "salainen huomio" in client.get(url).text


def test_a_conflict_takes_the_application_away(client, open_call):
    criteria = open_call.current_criteria()
    application = submitted(ApplicationFactory(call=open_call), criteria)
    reviewer = ReviewerFactory(call=open_call).user
    client.force_login(reviewer)
    client.post(reverse("grants:conflict", args=[application.pk]), {"reason": "Hallituksessa"})
    assert client.get(reverse("grants:review", args=[application.pk])).status_code == 404


@pytest.fixture
def closed_call(time_machine):
    call = CallFactory(budget=Decimal("3000.00"), max_grant=Decimal("2000.00"))
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(criteria_set=criteria)
    applications = [submitted(ApplicationFactory(call=call), criteria) for _ in range(2)]
    time_machine.move_to(call.closes_at + datetime.timedelta(days=2))
    return call, applications


def test_staff_decide_in_one_act_and_the_public_sees_who_got_what(client, closed_call):
    call, (a1, a2) = closed_call
    client.force_login(StaffFactory())
    url = reverse("grants:decisions", args=[call.pk])
    assert client.get(url).status_code == 200
    over = {
        f"d{a1.pk}_include": "on",
        f"d{a1.pk}_outcome": "granted",
        f"d{a1.pk}_amount": "1800",
        f"d{a1.pk}_rationale": "Hyvä",
        f"d{a2.pk}_include": "on",
        f"d{a2.pk}_outcome": "granted",
        f"d{a2.pk}_amount": "1800",
        f"d{a2.pk}_rationale": "Hyvä",
    }
    response = client.post(url, over)
    assert response.status_code == 400
    assert "ylittäisivät haun budjetin" in response.text
    assert not Decision.objects.exists()
    fine = dict(
        over,
        **{f"d{a2.pk}_outcome": "refused", f"d{a2.pk}_amount": "", f"d{a2.pk}_rationale": "Ei"},
    )
    assert client.post(url, fine).status_code == 302
    assert Decision.objects.count() == 2
    client.logout()
    page = client.get(reverse("grants:call_detail", args=[call.pk]))
    assert a1.project_name in page.text and a2.project_name not in page.text
    assert "1\xa0800,00" in page.text or "1 800,00" in page.text


def test_exports_for_the_board_and_accounting(client, closed_call):
    call, (a1, a2) = closed_call
    staff = StaffFactory()
    services.decisions_approve(
        actor=staff,
        call=call,
        decisions=[
            services.DecisionInput(
                application=a1, granted=True, amount=Decimal("1000"), rationale="x"
            )
        ],
    )
    client.force_login(staff)
    response = client.get(reverse("grants:export", args=[call.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["rank", "organisation", "business_id"]
    assert len(rows) == 3
    response = client.get(reverse("grants:export", args=[call.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    payments = client.get(reverse("grants:payment_list", args=[call.pk])).content.decode(
        "utf-8-sig"
    )
    assert "700.00" in payments and "300.00" in payments
    assert client.get(reverse("grants:export", args=[call.pk, "pdf"])).status_code == 404


def test_staff_pages_render(client, closed_call):
    call, (a1, a2) = closed_call
    client.force_login(StaffFactory())
    for url in (
        reverse("grants:staff_calls"),
        reverse("grants:staff_call", args=[call.pk]),
        reverse("grants:staff_application", args=[a1.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_finnish_fallbacks_are_marked_on_swedish_pages(client, open_call):
    """The call's Swedish name is its own; its description and the criteria fall back to
    Finnish, marked lang="fi" for screen readers."""
    detail = reverse("grants:call_detail", args=[open_call.pk])
    listing_url = reverse("grants:call_list")
    response = client.get("/sv" + detail)
    assert "<h1>Idrottsbidrag</h1>" in response.text
    assert '<span lang="fi">Vaikuttavuus</span>' in response.text
    assert '<div class="prose" lang="fi">' in response.text
    listing = client.get("/sv" + listing_url).text
    assert '<span lang="fi">Vaikuttavuus</span>' in listing
    # On a Finnish page nothing is marked.
    finnish = client.get(detail).text
    assert 'lang="fi">Vaikuttavuus' not in finnish
