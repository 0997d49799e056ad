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
from grants.forms import ApplicationForm, ChangeRequestForm, CriterionForm
from grants.models import Application, BudgetLine, ChangeRequest, CriteriaSet, Criterion
from organisations.forms import MembershipApplyForm, OrganisationForm, RepresentativeRequestForm
from organisations.models import Organisation
from tests.factories.facilities import RoomFactory, next_weekday, representative_of
from tests.factories.grants import ApplicationFactory, CallFactory, DecisionFactory
from tests.factories.organisations import StaffFactory

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


# Grants (fewer examples: three forms, each a few queries deep): the application with its budget lines, a change request after the grant, and a
# criterion of a draft criteria set. A refused form leaves no application, change
# request, budget line or criterion behind.
GRANT_FUZZ = hypothesis_settings(FUZZ, max_examples=15)
GRANT_LINES = {f"line_{value}": "100" for value in BudgetLine.Category.values}


@given(data=st.data())
@GRANT_FUZZ
def test_grant_application_form(client, rep, data):
    call = rep.call if hasattr(rep, "call") else CallFactory()
    rep.call = call
    fields = {**ApplicationForm.base_fields, **GRANT_LINES}
    values = data.draw(
        st.fixed_dictionaries(
            {
                **{name: VALUES for name in fields},
                "organisation": st.one_of(VALUES, st.just(str(rep.pk))),
                "requested_amount": st.one_of(VALUES, st.just("1000")),
                "language": st.one_of(VALUES, st.just("fi")),
                **{name: st.one_of(VALUES, st.just(v)) for name, v in GRANT_LINES.items()},
            }
        )
    )
    before = (Application.objects.count(), BudgetLine.objects.count())
    response = _post(client, reverse("grants:application_create", args=[call.pk]), values)
    if response.status_code != 302:
        assert (Application.objects.count(), BudgetLine.objects.count()) == before


@given(data=st.data())
@GRANT_FUZZ
def test_grant_change_request_form(client, rep, data):
    if not hasattr(rep, "grant"):
        application = ApplicationFactory(organisation=rep)
        application.status = "granted"
        application.submitted_at = application.created_at
        application.save()
        rep.grant = DecisionFactory(application=application).application
    values = data.draw(
        form_data(
            ChangeRequestForm,
            kind="move_money",
            move_from="personnel",
            move_to="materials",
            move_amount="100",
        )
    )
    before = ChangeRequest.objects.count()
    response = _post(client, reverse("grants:change_request", args=[rep.grant.pk]), values)
    if response.status_code != 302:
        assert ChangeRequest.objects.count() == before
    lines = sorted(rep.grant.budget_lines.values_list("category", "amount"))
    assert lines == [("own", 200), ("personnel", 2000)]  # only a decision moves money


@pytest.fixture
def draft_criteria(client):
    client.force_login(StaffFactory())
    return CriteriaSet.objects.create(call=CallFactory(), version=1)


@given(data=st.data())
@GRANT_FUZZ
def test_grant_criterion_form(client, draft_criteria, data):
    values = data.draw(
        form_data(CriterionForm, name_fi="Vaikuttavuus", weight="2", scale_min="0", scale_max="5")
    )
    before = Criterion.objects.count()
    response = _post(client, reverse("grants:criterion_add", args=[draft_criteria.pk]), values)
    if response.status_code != 302:
        assert Criterion.objects.count() == before
