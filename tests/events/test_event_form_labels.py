"""The new-event form labels the event's status "Tapahtuman tila", so that it is not a
second field labelled "Tila" beside the room."""

import re

import pytest
from django.urls import reverse

from tests.factories.organisations import RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_the_event_status_is_not_labelled_like_the_room(client):
    client.force_login(RepresentativeFactory().user)
    page = client.get(reverse("events:create")).content.decode()
    labels = [
        label.strip().rstrip(":") for label in re.findall(r"<label[^>]*>([^<]*)</label>", page)
    ]
    assert "Tapahtuman tila" in labels
    assert labels.count("Tila") <= 1
