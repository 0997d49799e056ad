"""/api/v1/volunteering/: the paths and fields the API promises, its scoping (another
organisation's request, assignment or hours is 404), 409 for an overlapping assignment,
400 with the translated message for bad hours, and constant queries on its lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core import clock
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import RepresentativeFactory, StaffFactory
from tests.factories.volunteering import (
    ExperienceAreaFactory,
    ProfileFactory,
    RequestFactory,
    SkillFactory,
    assign,
    past_request,
)
from volunteering import services
from volunteering.models import Assignment, HourEntry, Request

pytestmark = pytest.mark.django_db
BASE = "/api/v1/volunteering/"


@pytest.fixture
def api():
    return APIClient()


def test_a_representative_creates_a_request_with_the_named_fields(api):
    rep = RepresentativeFactory()
    skill = SkillFactory()
    api.force_authenticate(rep.user)
    day = next_weekday(2)
    response = api.post(
        BASE + "requests/",
        {
            "organisation": rep.organisation.pk,
            "title": "Kokemusasiantuntija hoitajien koulutukseen",
            "description": "Puheenvuoro omasta toipumisesta.",
            "dates": [
                {"start": f"{day}T10:00", "end": f"{day}T12:00"},
                {
                    "start": f"{day + datetime.timedelta(days=7)}T10:00",
                    "end": f"{day + datetime.timedelta(days=7)}T12:00",
                },
            ],
            "people_needed": 1,
            "roles": ["expert"],
            "skills": [skill.pk],
            "languages": ["fi"],
            "municipality": None,
            "fee_paid": True,
            "answer_by": clock.today().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == rep.organisation.pk
    assert [d["start"][11:16] for d in body["dates"]] == ["10:00", "10:00"]
    assert body["place"] == "online" and body["fee_paid"] is True
    listed = api.get(BASE + "requests/").json()
    assert listed["meta"]["count"] == 1
    # Another organisation's representative neither sees nor reaches it.
    api.force_authenticate(RepresentativeFactory().user)
    assert api.get(BASE + "requests/").json()["meta"]["count"] == 0
    assert api.get(f"{BASE}requests/{body['id']}/").status_code == 404


def test_a_request_whose_end_is_before_its_start_is_400_and_saves_nothing(api):
    rep = RepresentativeFactory()
    api.force_authenticate(rep.user)
    day = next_weekday(2)
    response = api.post(
        BASE + "requests/",
        {
            "organisation": rep.organisation.pk,
            "title": "x",
            "description": "y",
            "dates": [{"start": f"{day}T12:00", "end": f"{day}T10:00"}],
            "people_needed": 1,
            "roles": ["expert"],
            "answer_by": clock.today().isoformat(),
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "dates" in response.json()
    assert not Request.objects.exists()


def test_suggestions_are_for_staff_with_reasons(api):
    area = ExperienceAreaFactory()
    person = ProfileFactory()
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="1"
    )
    request = RequestFactory()
    request.experience_areas.add(area)
    api.force_authenticate(RepresentativeFactory(organisation=request.organisation).user)
    assert api.get(f"{BASE}requests/{request.pk}/suggestions/").status_code == 404
    api.force_authenticate(StaffFactory())
    rows = api.get(f"{BASE}requests/{request.pk}/suggestions/").json()
    assert rows[0]["person"] == person.pk
    assert rows[0]["reasons"] and rows[0]["score"] > 0


def test_an_overlapping_assignment_answers_409(api):
    staff = StaffFactory()
    person = ProfileFactory()
    day = next_weekday(3)
    first = RequestFactory(dates=[(at(day, 9), at(day, 12))])
    second = RequestFactory(dates=[(at(day, 11), at(day, 14))])
    api.force_authenticate(staff)
    ok = api.post(BASE + "assignments/", {"request": first.pk, "person": person.pk}, format="json")
    assert ok.status_code == 201
    assert ok.json()["person"] == person.pk
    clash = api.post(
        BASE + "assignments/", {"request": second.pk, "person": person.pk}, format="json"
    )
    assert clash.status_code == 409
    assert Assignment.objects.filter(profile=person).count() == 1


def test_the_person_lists_and_creates_their_own_hours(api):
    person = ProfileFactory()
    request = past_request(hours=2)
    assignment = assign(request, person)
    day = request.dates.get().start.date()
    api.force_authenticate(person.user)
    created = api.post(
        BASE + "hours/",
        {"assignment": assignment.pk, "date": day.isoformat(), "hours": "1.5", "note": "ok"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert api.get(BASE + "hours/").json()["meta"]["count"] == 1
    # Another person: not their task (400 on the field), not their entries (404).
    other = ProfileFactory()
    api.force_authenticate(other.user)
    refused = api.post(
        BASE + "hours/",
        {"assignment": assignment.pk, "date": day.isoformat(), "hours": "1"},
        format="json",
    )
    assert refused.status_code == 400 and "assignment" in refused.json()
    assert api.get(f"{BASE}hours/{created.json()['id']}/").status_code == 404
    assert HourEntry.objects.count() == 1


@pytest.mark.parametrize("hours", ["-1", "0", "2.5"])
def test_bad_hours_answer_400(api, hours):
    person = ProfileFactory()
    request = past_request(hours=2)
    assignment = assign(request, person)
    api.force_authenticate(person.user)
    response = api.post(
        BASE + "hours/",
        {
            "assignment": assignment.pk,
            "date": request.dates.get().start.date().isoformat(),
            "hours": hours,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "hours" in response.json()
    assert not HourEntry.objects.exists()


def test_no_answer_of_a_requester_names_experience_areas(api):
    area = ExperienceAreaFactory(name_fi="Salainen kokemus", name_en="Secret experience")
    rep = RepresentativeFactory()
    person = ProfileFactory()
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="1"
    )
    request = RequestFactory(organisation=rep.organisation)
    assign(request, person)
    api.force_authenticate(rep.user)
    for path in ("requests/", f"requests/{request.pk}/", "assignments/"):
        text = api.get(BASE + path).content.decode()
        assert "Salainen" not in text and "Secret" not in text


def test_lists_read_with_constant_queries(api):
    staff = StaffFactory()
    api.force_authenticate(staff)
    assign(RequestFactory(), ProfileFactory())
    for path in ("requests/", "assignments/"):
        api.get(BASE + path)
    with CaptureQueriesContext(connection) as few:
        api.get(BASE + "requests/")
        api.get(BASE + "assignments/")
    for _ in range(4):
        request = RequestFactory()
        assign(request, ProfileFactory())
    with CaptureQueriesContext(connection) as many:
        api.get(BASE + "requests/")
        api.get(BASE + "assignments/")
    assert len(many) == len(few)
