"""The agreement for signatures as PDF, in Finnish and Swedish: the parties, the
participant's minimum data, the period, days and hours, the tasks and the signature
lines, read back with pypdf; staff only."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from placements.agreement import render_agreement_pdf
from tests.factories.organisations import StaffFactory
from tests.factories.placements import PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 9, tzinfo=datetime.UTC), tick=False):
        yield


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def placement():
    return PlacementFactory(
        participant__name="Anna Aalto",
        participant__phone="040 123 4567",
        host__organisation__name_fi="Kahvila Kulma ry",
        authority__name="Porin työllisyyspalvelut",
        referrer_reference="TP-17",
        tasks="Kahvilan kassa ja leipominen",
    )


def test_finnish_agreement(placement):
    text = text_of(render_agreement_pdf(placement, "fi"))
    for expected in [
        "Sopimus kuntouttavasta työtoiminnasta",
        "Anna Aalto",
        "040 123 4567",
        "TP-17",
        "Kahvila Kulma ry",
        "Porin työllisyyspalvelut",
        "1.9.2026–30.11.2026",
        "Kahvilan kassa ja leipominen",
        "189/2001",
        "Paikka ja aika",
    ]:
        assert expected in text, expected
    assert text.count("Paikka ja aika") == 4


def test_swedish_work_trial_agreement(placement):
    placement.kind = "work_trial"
    text = text_of(render_agreement_pdf(placement, "sv"))
    assert "Avtal om arbetsprövning" in text
    assert "380/2023" in text
    assert text.count("Ort och datum") == 4


def test_staff_download_the_agreement(client, placement):
    url = reverse("placements:agreement_pdf", args=[placement.pk])
    client.force_login(placement.supervisor.user)
    assert client.get(url).status_code == 404
    client.force_login(StaffFactory())
    response = client.get(url + "?kieli=sv")
    assert response["Content-Type"] == "application/pdf"
    assert "avtal-" in response["Content-Disposition"]
    assert "Ort och datum" in text_of(response.content)
