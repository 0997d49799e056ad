"""The participant's data in the privacy export and erasure (refused while a placement
runs; afterwards no value of theirs in any table), and the retention task."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from core.reports import report_build, report_create
from placements import services
from placements.feedback import feedback_give
from placements.models import Attendance, AttendanceReport, Participant, Placement
from placements.privacy import anonymise_ended_participants
from tests.core.test_privacy import occurrences_in_database
from tests.factories.organisations import UserFactory
from tests.factories.placements import PlacementFactory
from yhteisokeskus.privacy import PrivacyError, person_erase, personal_data

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def placement():
    user = UserFactory(username="ulriikka.osallistuja", email="ulriikka@example.fi")
    placement = PlacementFactory(
        participant__user=user,
        participant__name="Ulriikka Vähäsarja",
        participant__email="ulriikka.v@example.fi",
        participant__phone="040 999 1234",
        referrer_reference="TP-ULRIIKKA-9",
    )
    services.attendance_mark(
        actor=placement.supervisor.user,
        placement=placement,
        day=D(2026, 10, 5),
        status="present",
        hours=Decimal("4"),
    )
    feedback_give(
        actor=user,
        placement=placement,
        stage="midterm",
        goals_met=3,
        tasks_suited=3,
        guidance=4,
        text="Ulriikka Vähäsarja viihtyy",
    )
    return placement


def test_export_then_erasure_after_the_placement(placement):
    user = placement.participant.user
    (exported,) = personal_data(user)["work_activity_placements"]
    assert exported["name"] == "Ulriikka Vähäsarja"
    assert exported["placements"][0]["attendance"] == [
        {"day": "2026-10-05", "status": "present", "hours": "4.00"}
    ]
    with pytest.raises(PrivacyError):
        person_erase(user=user)
    Placement.objects.filter(pk=placement.pk).update(status="completed", end_date=D(2026, 11, 1))
    person_erase(user=user)
    for value in ["Vähäsarja", "ulriikka.v@example.fi", "040 999 1234", "TP-ULRIIKKA-9"]:
        assert occurrences_in_database(value) == [], value
    # The placement and its day stay for the figures.
    assert Attendance.objects.filter(placement=placement).count() == 1


def test_retention_anonymises_long_ended_participants_only(placement, settings):
    settings.RETENTION_PLACEMENT_DAYS = 30
    running = PlacementFactory(start_date=D(2026, 10, 1), end_date=D(2026, 12, 31))
    assert anonymise_ended_participants() == 0
    Placement.objects.filter(pk=placement.pk).update(end_date=D(2026, 10, 20))
    assert anonymise_ended_participants() == 1
    assert anonymise_ended_participants() == 0
    participant = Participant.objects.get(pk=placement.participant_id)
    assert (participant.name, participant.email, participant.user) == ("[poistettu]", "", None)
    assert Participant.objects.get(pk=running.participant_id).name != "[poistettu]"


def test_anonymising_forgets_the_built_reports_that_name_the_participant(
    placement, media, django_capture_on_commit_callbacks
):
    october = report_create(
        AttendanceReport, language="fi", authority=placement.authority, month=D(2026, 10, 1)
    )
    october = report_build(AttendanceReport, october.pk)
    other = PlacementFactory(start_date=D(2026, 1, 5), end_date=D(2026, 2, 27))
    february = report_create(
        AttendanceReport, language="fi", authority=other.authority, month=D(2026, 2, 1)
    )
    stored = october.file.name
    assert "Vähäsarja" in "".join(
        page.extract_text() for page in PdfReader(october.file.open("rb")).pages
    )
    october.file.close()
    Placement.objects.filter(pk=placement.pk).update(status="completed", end_date=D(2026, 11, 1))

    with django_capture_on_commit_callbacks(execute=True):
        person_erase(user=placement.participant.user)

    assert not AttendanceReport.objects.filter(pk=october.pk).exists()
    assert not october.file.storage.exists(stored)
    assert AttendanceReport.objects.filter(pk=february.pk).exists()  # names nobody erased
