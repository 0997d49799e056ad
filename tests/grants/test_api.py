"""The grants API: public calls with criteria, the applicant's own applications (create
and update drafts; another organisation's answers 404), the staff ranking with scores
per criterion, and the reviews after one's own."""

from decimal import Decimal

import pytest

from grants import services
from grants.models import Application
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
def call():
    call = CallFactory(name_fi="Kulttuuriavustus", name_en="Culture grant")
    criteria = CriteriaSetFactory(call=call)
    CriterionFactory(criteria_set=criteria, name_fi="Laatu", weight=Decimal("2"), scale_max=5)
    CriterionFactory(
        criteria_set=criteria,
        name_fi="Saavutettavuus",
        weight=Decimal("1"),
        scale_max=3,
        allow_na=True,
    )
    return call


def test_public_calls_with_their_criteria(client, call, django_assert_max_num_queries):
    for _ in range(3):
        CriterionFactory(criteria_set=CriteriaSetFactory(call=CallFactory()))
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/grants/calls/")
    data = response.json()
    assert data["meta"]["count"] == 4
    row = next(c for c in data["data"] if c["id"] == call.pk)
    assert row["name"] == {"fi": "Kulttuuriavustus", "sv": None, "en": "Culture grant"}
    assert [(c["name"]["fi"], c["weight"]) for c in row["criteria"]] == [
        ("Laatu", "2.00"),
        ("Saavutettavuus", "1.00"),
    ]
    assert row["budget"] == "10000.00"
    assert client.get(f"/api/v1/grants/calls/{call.pk}/").json()["criteria_version"] == 1


def test_create_and_update_a_draft(client, call):
    rep = RepresentativeFactory()
    client.force_login(rep.user)
    response = client.post(
        "/api/v1/grants/applications/",
        {
            "call": call.pk,
            "organisation": rep.organisation.pk,
            "project_name": "Konserttisarja",
            "goals": "Konsertteja",
            "requested_amount": "1800.00",
            "budget_lines": [
                {"category": "services", "amount": "2000.00"},
                {"category": "fees", "amount": "200.00"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and len(body["budget_lines"]) == 2
    url = f"/api/v1/grants/applications/{body['id']}/"
    response = client.patch(url, {"requested_amount": "1700.00"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["requested_amount"] == "1700.00"
    # Another organisation's representative: 404, nothing changed.
    client.force_login(RepresentativeFactory().user)
    assert client.get(url).status_code == 404
    assert client.patch(url, {"goals": "x"}, content_type="application/json").status_code == 404
    assert Application.objects.get().goals == "Konsertteja"


def test_create_for_an_organisation_not_represented_is_refused(client, call):
    rep = RepresentativeFactory()
    other = RepresentativeFactory().organisation
    client.force_login(rep.user)
    response = client.post(
        "/api/v1/grants/applications/",
        {"call": call.pk, "organisation": other.pk, "project_name": "X"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Application.objects.exists()


def test_a_submitted_application_cannot_be_updated(client, call):
    application = submitted(ApplicationFactory(call=call), call.current_criteria())
    client.force_login(application.created_by)
    response = client.patch(
        f"/api/v1/grants/applications/{application.pk}/",
        {"goals": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "lukittu" in str(response.json())


def test_ranking_and_reviews(client, call):
    criteria = call.current_criteria()
    quality, access = criteria.criteria.order_by("order", "pk")
    application = submitted(ApplicationFactory(call=call), criteria)
    r1, r2 = (ReviewerFactory(call=call).user for _ in range(2))
    services.review_submit(
        actor=r1, application=application, scores={quality.pk: (5, ""), access.pk: (None, "")}
    )
    services.review_submit(
        actor=r2, application=application, scores={quality.pk: (3, ""), access.pk: (3, "")}
    )
    client.force_login(StaffFactory())
    data = client.get(f"/api/v1/grants/calls/{call.pk}/ranking/").json()
    assert data[0]["reviews"] == 2
    # quality mean 4 of 5, accessibility 3 of 3: (2·0.8 + 1·1) / 3 = 86.67 %
    assert data[0]["score"] == "86.67"
    assert data[0]["criteria"] == [
        {"criterion": quality.pk, "weight": "2.00", "mean": "4.00", "count": 2},
        {"criterion": access.pk, "weight": "1.00", "mean": "3.00", "count": 1},
    ]
    reviews = client.get(f"/api/v1/grants/applications/{application.pk}/reviews/").json()
    assert [s["score"] for s in reviews[0]["scores"]] == [5, None]
    # A reviewer who has not reviewed yet sees nothing; after their own review, all.
    r3 = ReviewerFactory(call=call).user
    client.force_login(r3)
    assert client.get(f"/api/v1/grants/applications/{application.pk}/reviews/").status_code == 404
    services.review_submit(
        actor=r3, application=application, scores={quality.pk: (1, ""), access.pk: (1, "")}
    )
    assert len(client.get(f"/api/v1/grants/applications/{application.pk}/reviews/").json()) == 3
    assert client.get(f"/api/v1/grants/calls/{call.pk}/ranking/").status_code == 404
