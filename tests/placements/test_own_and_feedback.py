"""The participant's own pages (own rows only, 404 otherwise) and the feedback of the
participant and the supervisor: open from the start (final two weeks before the end),
one per author and stage, escaped, read by staff."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from placements.errors import PlacementError
from placements.feedback import feedback_give, open_stages
from placements.models import Feedback
from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.placements import PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    # Thursday 15 October 2026; the factory's placement runs 1.9.–30.11.2026.
    with (
        time_machine.travel(datetime.datetime(2026, 10, 15, 9, tzinfo=datetime.UTC), tick=False),
        translation.override("en"),
    ):
        yield


@pytest.fixture
def placement():
    return PlacementFactory(participant__user=UserFactory(), participant__name="Anna Aalto")


ANSWERS = {"goals_met": 3, "tasks_suited": 4, "guidance": 2, "text": "<b>Hyvä</b> kevät"}


def test_the_participant_sees_only_their_own(client, placement):
    other = PlacementFactory(participant__user=UserFactory(), participant__name="Ben Berg")
    client.force_login(placement.participant.user)
    listing = client.get(reverse("placements:own_list")).content.decode()
    assert placement.host.organisation.name in listing
    assert other.host.organisation.name not in listing
    assert client.get(reverse("placements:own_detail", args=[placement.pk])).status_code == 200
    assert client.get(reverse("placements:own_detail", args=[other.pk])).status_code == 404
    # Staff and the supervisor are not the participant: 404 on the participant's page.
    client.force_login(StaffFactory())
    assert client.get(reverse("placements:own_detail", args=[placement.pk])).status_code == 404


def test_the_participant_downloads_their_own_agreement(client, placement):
    from io import BytesIO

    from pypdf import PdfReader

    other = PlacementFactory(participant__user=UserFactory(), participant__name="Ben Berg")
    client.force_login(placement.participant.user)
    detail = client.get(reverse("placements:own_detail", args=[placement.pk])).content.decode()
    url = reverse("placements:own_agreement_pdf", args=[placement.pk])
    assert f'href="{url}?kieli=sv"' in detail
    response = client.get(url + "?kieli=sv")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Anna Aalto" in text and "Ben Berg" not in text
    other_url = reverse("placements:own_agreement_pdf", args=[other.pk])
    assert client.get(other_url).status_code == 404


def test_stages_open_with_the_placement():
    later = PlacementFactory(start_date=D(2026, 10, 16), end_date=D(2027, 1, 15))
    assert open_stages(later) == []
    assert open_stages(PlacementFactory()) == ["midterm"]
    ending = PlacementFactory(start_date=D(2026, 7, 29), end_date=D(2026, 10, 28))
    assert open_stages(ending) == ["midterm", "final"]


def test_feedback_before_the_start_or_final_too_early_saves_nothing(placement):
    user = placement.participant.user
    with pytest.raises(PlacementError, match="two weeks"):
        feedback_give(actor=user, placement=placement, stage="final", **ANSWERS)
    later = PlacementFactory(
        participant=placement.participant, start_date=D(2026, 12, 1), end_date=D(2027, 2, 28)
    )
    with pytest.raises(PlacementError, match="started"):
        feedback_give(actor=user, placement=later, stage="midterm", **ANSWERS)
    with pytest.raises(PlacementError):
        feedback_give(
            actor=user, placement=placement, stage="midterm", **{**ANSWERS, "guidance": 5}
        )
    assert not Feedback.objects.exists()


def test_participant_and_supervisor_give_feedback_staff_read_it(client, placement):
    client.force_login(placement.participant.user)
    url = reverse("placements:feedback", args=[placement.pk])
    response = client.post(url, {"stage": "midterm", **ANSWERS})
    assert response.status_code == 302
    client.force_login(placement.supervisor.user)
    assert client.post(url, {"stage": "midterm", "goals_met": 4}).status_code == 400
    assert client.post(url, {"stage": "midterm", **ANSWERS, "text": "Ok"}).status_code == 302
    # Again: corrects, no second row.
    client.post(url, {"stage": "midterm", **ANSWERS, "text": "Hyvin menee"})
    rows = {(f.role, f.text) for f in Feedback.objects.all()}
    assert rows == {("participant", "<b>Hyvä</b> kevät"), ("supervisor", "Hyvin menee")}
    # Somebody else's placement: 404; staff do not give feedback.
    client.force_login(UserFactory())
    assert client.post(url, {"stage": "midterm", **ANSWERS}).status_code == 404
    with pytest.raises(PermissionDenied):
        feedback_give(actor=StaffFactory(), placement=placement, stage="midterm", **ANSWERS)
    client.force_login(StaffFactory())
    page = client.get(reverse("placements:staff_detail", args=[placement.pk])).content.decode()
    assert "&lt;b&gt;Hyvä&lt;/b&gt; kevät" in page and "<b>Hyvä</b>" not in page
    assert "Hyvin menee" in page
