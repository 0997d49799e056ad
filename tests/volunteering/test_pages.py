"""The volunteering pages: each role sees what it may, bad input shows its message and
saves nothing, experience areas are never on a requester's page, and list pages read
with a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from tests.factories.facilities import next_weekday
from tests.factories.organisations import (
    MunicipalityFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.volunteering import (
    ExperienceAreaFactory,
    ProfileFactory,
    RequestFactory,
    SkillFactory,
    assign,
    fee_tiers,
    past_request,
)
from volunteering import services
from volunteering.models import FeeTier, HourEntry, Profile, Request

pytestmark = pytest.mark.django_db


def test_a_person_creates_a_profile_and_records_experience_with_consent(client):
    user = UserFactory()
    client.force_login(user)
    municipality = MunicipalityFactory(name="Ulvila")
    skill = SkillFactory(name_fi="Valokuvaus")
    response = client.post(
        reverse("volunteering:profile"),
        {
            "name": "Maija Meikäläinen",
            "roles": ["expert"],
            "languages": ["fi", "sv"],
            "municipalities": [municipality.pk],
            "skills": [skill.pk],
            "weekdays": ["0", "2"],
            "day_parts": ["evening"],
            "may_contact": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.status == Profile.Status.PENDING
    area = ExperienceAreaFactory(name_fi="Päihdetyö")
    response = client.post(reverse("volunteering:experience"), {"areas": [area.pk]})
    assert response.status_code == 400
    assert "suostumuksellasi" in response.content.decode()
    response = client.post(
        reverse("volunteering:experience"), {"areas": [area.pk], "consent": "on"}
    )
    assert response.status_code == 302
    assert list(profile.experience.areas.all()) == [area]
    response = client.get(reverse("volunteering:experience"))
    assert "Päihdetyö" in response.content.decode()


def test_a_profile_without_a_role_shows_the_message_and_saves_nothing(client):
    client.force_login(UserFactory())
    response = client.post(reverse("volunteering:profile"), {"name": "Matti"})
    assert response.status_code == 400
    assert not Profile.objects.exists()


def test_a_representative_asks_for_an_expert(client):
    rep = RepresentativeFactory()
    client.force_login(rep.user)
    day = next_weekday(2)
    response = client.post(
        reverse("volunteering:request_create"),
        {
            "organisation": rep.organisation.pk,
            "title": "Kokemusasiantuntija koulutukseen",
            "description": "Kerro omasta toipumisestasi.",
            "day": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "online",
            "people_needed": "1",
            "roles": ["expert"],
            "answer_by": clock.today().isoformat(),
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    created = Request.objects.get()
    assert created.requested_by == rep.user
    # End before start: the message next to the date, nothing saved.
    response = client.post(
        reverse("volunteering:request_create"),
        {
            "organisation": rep.organisation.pk,
            "title": "Toinen",
            "description": "x",
            "day": day.isoformat(),
            "start_time": "12:00",
            "end_time": "10:00",
            "place": "online",
            "people_needed": "1",
            "roles": ["expert"],
            "answer_by": clock.today().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "alkamisajan jälkeen" in response.content.decode()
    assert Request.objects.count() == 1


def test_a_requester_sees_the_agreed_person_but_never_their_experience_areas(client):
    rep = RepresentativeFactory()
    person = ProfileFactory(name="Kaisa Kokemus", phone="040 111 2222")
    area = ExperienceAreaFactory(name_fi="Omaishoitajuus")
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="1"
    )
    request = RequestFactory(organisation=rep.organisation)
    request.experience_areas.add(area)
    assign(request, person)
    client.force_login(rep.user)
    page = client.get(reverse("volunteering:request_detail", args=[request.pk])).content.decode()
    assert "Kaisa Kokemus" in page and "040 111 2222" in page
    assert "Omaishoitajuus" not in page
    api = client.get(reverse("volunteering-request-detail", args=[request.pk])).content.decode()
    assert "Omaishoitajuus" not in api
    # Another organisation's representative: 404.
    client.force_login(RepresentativeFactory().user)
    assert client.get(reverse("volunteering:request_detail", args=[request.pk])).status_code == 404


def test_the_coordinator_sees_suggestions_with_reasons_and_offers(client):
    staff = StaffFactory()
    area = ExperienceAreaFactory(name_fi="Mielenterveys")
    person = ProfileFactory(name="Sanna Suositeltu")
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="1"
    )
    request = RequestFactory()
    request.experience_areas.add(area)
    client.force_login(staff)
    page = client.get(reverse("volunteering:staff_request", args=[request.pk])).content.decode()
    assert "Sanna Suositeltu" in page and "Mielenterveys" in page
    deadline = (clock.now() + datetime.timedelta(days=1)).astimezone()
    response = client.post(
        reverse("volunteering:staff_request", args=[request.pk]),
        {"person": person.pk, "respond_by": deadline.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    assert person.offers.filter(status="offered").exists()


def test_the_person_logs_hours_the_requester_confirms_the_coordinator_approves(client):
    staff = StaffFactory()
    rep = RepresentativeFactory()
    fee_tiers()
    person = ProfileFactory()
    request = past_request(hours=2, organisation=rep.organisation)
    assignment = assign(request, person)
    day = request.dates.get().start.date()
    client.force_login(person.user)
    response = client.post(
        reverse("volunteering:hours_log", args=[assignment.pk]),
        {"date": day.isoformat(), "hours": "3"},
    )
    assert response.status_code == 400
    assert not HourEntry.objects.exists()
    response = client.post(
        reverse("volunteering:hours_log", args=[assignment.pk]),
        {"date": day.isoformat(), "hours": "2", "note": "Hyvä keskustelu"},
    )
    assert response.status_code == 302
    entry = HourEntry.objects.get()
    client.force_login(rep.user)
    client.post(reverse("volunteering:hours_confirm", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == HourEntry.Status.CONFIRMED
    client.force_login(staff)
    client.post(reverse("volunteering:hours_decide", args=[entry.pk]), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == HourEntry.Status.APPROVED
    assert entry.fee == Decimal("30.00")  # untrained: 2 h × 15 €
    csv = client.get(
        reverse("volunteering:payment_list"), {"month": f"{day:%Y-%m}"}
    ).content.decode("utf-8-sig")
    assert person.name in csv and "30,00" in csv


def test_a_fee_tier_without_a_rate_shows_the_message(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("volunteering:fees"), {"tier": "1", "name": "Kouluttamaton", "hourly_rate": ""}
    )
    assert response.status_code == 400
    assert "tuntipalkkio" in response.content.decode().lower()
    assert not FeeTier.objects.exists()


def test_staff_pages_render(client):
    client.force_login(StaffFactory())
    ProfileFactory(status="pending")
    RequestFactory()
    for name in ("coordination", "fees", "figures"):
        assert client.get(reverse(f"volunteering:{name}")).status_code == 200


def test_open_requests_list_reads_with_constant_queries(client):
    client.force_login(ProfileFactory().user)
    RequestFactory(is_public=True)
    url = reverse("volunteering:open_requests")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        RequestFactory(is_public=True)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_coordination_page_reads_with_constant_queries(client):
    client.force_login(StaffFactory())
    ProfileFactory(status="pending")
    url = reverse("volunteering:coordination")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        ProfileFactory(status="pending")
        RequestFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
