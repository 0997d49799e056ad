"""Hypothesis on the main forms: whatever a person types (or a script posts), the page
answers without a server error, and a refused form saves nothing half-way."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from facilities.forms import BookingForm
from facilities.models import Booking
from organisations.forms import MembershipApplyForm, OrganisationForm, RepresentativeRequestForm
from organisations.models import Organisation
from tests.factories.facilities import RoomFactory, next_weekday, representative_of

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text of every kind (NUL, control characters, right-to-left marks, emoji, very long),
# numbers out of range, dates valid and not, and the empty string.
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(min_size=200, max_size=3000),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.floats(allow_nan=True).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.sampled_from(["", "0", "-1", "1", "on", "null", "2026-02-30", "25:61", "1e309"]),
    st.lists(st.text(max_size=10), max_size=3),
)


def form_data(form_class, **overrides):
    """Every field of the form with an arbitrary value; a few overridden with sensible
    ones so that the fuzzing also gets past the first checks."""
    fields = {name: VALUES for name in form_class.base_fields}
    fields.update({name: st.one_of(VALUES, st.just(value)) for name, value in overrides.items()})
    return st.fixed_dictionaries(fields)


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    return response


@pytest.fixture
def rep(client):
    user, organisation = representative_of()
    client.force_login(user)
    return organisation


@given(data=st.data())
@FUZZ
def test_booking_form(client, rep, data):
    room = rep.room if hasattr(rep, "room") else RoomFactory()
    rep.room = room  # one room for all the examples of this test
    day = next_weekday(1, weeks=2)
    values = data.draw(
        form_data(
            BookingForm,
            organisation=str(rep.pk),
            date=day.isoformat(),
            start_time="10:00",
            end_time="11:00",
            attendees="5",
        )
    )
    before = Booking.objects.count()
    response = _post(client, reverse("facilities:booking_create", args=[room.pk]), values)
    if response.status_code == 200:  # the form again, with its errors: nothing saved
        assert Booking.objects.count() == before


@given(data=st.data())
@FUZZ
def test_membership_application_form(client, rep, data):
    values = data.draw(form_data(MembershipApplyForm, organisation=str(rep.pk)))
    before = Organisation.objects.count()
    response = _post(client, reverse("organisations:membership_apply"), values)
    if response.status_code == 200:
        assert Organisation.objects.count() == before


@given(data=st.data())
@FUZZ
def test_organisation_profile_form(client, rep, data):
    values = data.draw(form_data(OrganisationForm, name_fi="Porin Kuoro ry"))
    name_before = Organisation.objects.get(pk=rep.pk).name_fi
    response = _post(client, reverse("organisations:organisation_edit", args=[rep.pk]), values)
    if response.status_code == 200:
        assert Organisation.objects.get(pk=rep.pk).name_fi == name_before


@given(data=st.data())
@FUZZ
def test_representative_request_form(client, rep, data):
    values = data.draw(form_data(RepresentativeRequestForm, organisation=str(rep.pk)))
    _post(client, reverse("organisations:representative_request"), values)
