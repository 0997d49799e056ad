"""Grants in the top floor's views: the annual report's section (figures by hand, a
constant number of queries), the network view of an organisation (applied, granted,
paid) and the privacy export (the applications a person made, the reviews they wrote)."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants import services
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    ReviewerFactory,
    submitted,
)
from tests.factories.organisations import (
    FieldOfActivityFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffFactory,
)
from yhteisokeskus.reporting.annual import Year, grants

pytestmark = pytest.mark.django_db

CLOSES = datetime.datetime(2026, 5, 31, 12, tzinfo=datetime.UTC)


def build(n=1):
    """A call closing in 2026 with 2 + n applications: the first two granted."""
    pori = MunicipalityFactory()
    rauma = MunicipalityFactory(code="684", name_fi="Rauma", name_sv="Raumo", name_en="Rauma")
    sports = FieldOfActivityFactory(name_fi="Liikunta")
    call = CallFactory(
        opens_at=CLOSES - datetime.timedelta(days=30), closes_at=CLOSES, budget=Decimal("10000.00")
    )
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(criteria_set=criteria)
    first_org = OrganisationFactory(municipality=pori)
    first_org.fields_of_activity.add(sports)
    first = submitted(ApplicationFactory(call=call, organisation=first_org), criteria)
    second = submitted(
        ApplicationFactory(call=call, organisation=OrganisationFactory(municipality=rauma)),
        criteria,
    )
    for _ in range(n):
        submitted(ApplicationFactory(call=call), criteria)
    ApplicationFactory(call=call)  # a draft does not count
    with time_machine.travel(CLOSES + datetime.timedelta(days=1)):
        services.decisions_approve(
            actor=StaffFactory(),
            call=call,
            decisions=[
                services.DecisionInput(
                    application=first, granted=True, amount=Decimal("1500.00"), rationale="x"
                ),
                services.DecisionInput(
                    application=second, granted=True, amount=Decimal("1000.00"), rationale="x"
                ),
            ],
        )
    return call, first, second


def test_the_annual_section_by_hand():
    call, first, second = build()
    figures = grants(Year.of(2026))
    [row] = figures.calls
    assert (row.applications, row.granted_count, row.granted) == (
        3,
        2,
        Decimal("1500.00") + Decimal("1000.00"),
    )
    assert [(r.label, r.count, r.amount) for r in figures.by_municipality] == [
        ("Pori", 1, Decimal("1500.00")),
        ("Rauma", 1, Decimal("1000.00")),
    ]
    assert [(r.label, r.amount) for r in figures.by_field] == [
        ("Liikunta", Decimal("1500.00")),
        ("Luokittelematon", Decimal("1000.00")),
    ]
    assert grants(Year.of(2025)).calls == []


def test_the_annual_section_asks_three_queries_however_many():
    build(1)
    with CaptureQueriesContext(connection) as small:
        grants(Year.of(2026))
    build(4)
    with CaptureQueriesContext(connection) as large:
        figures = grants(Year.of(2026))
    assert len(small) == len(large) == 3
    assert len(figures.calls) == 2


def test_the_network_view_shows_applied_granted_and_paid(client):
    call, first, second = build()
    services.payment_mark_paid(actor=StaffFactory(), payment=first.decision.payments.get(order=1))
    client.force_login(StaffFactory())
    response = client.get(reverse("network_view", args=[first.organisation.pk]))
    text = response.content.decode().replace("\xa0", " ")
    assert first.project_name in text
    assert "myönnetty 1 500,00 €, maksettu 1 050,00 €" in text


def test_the_privacy_export_holds_applications_and_reviews(client):
    call = CallFactory()
    criteria = CriteriaSetFactory(call=call)
    criterion = CriterionFactory(criteria_set=criteria)
    application = submitted(ApplicationFactory(call=call, project_name="Oma hanke"), criteria)
    reviewer = ReviewerFactory(call=call).user
    services.review_submit(
        actor=reviewer, application=application, scores={criterion.pk: (4, "Hyvä perustelu")}
    )
    client.force_login(application.created_by)
    data = json.loads(
        b"".join(client.get(reverse("privacy:download")).streaming_content)
        if hasattr(client.get(reverse("privacy:download")), "streaming_content")
        else client.get(reverse("privacy:download")).content
    )
    assert data["grant_applications"][0]["project"] == "Oma hanke"
    client.force_login(reviewer)
    data = json.loads(client.get(reverse("privacy:download")).content)
    assert data["grant_reviews"]["reviews"][0]["scores"][0] == {
        "criterion": criterion.name,
        "score": 4,
        "comment": "Hyvä perustelu",
    }
