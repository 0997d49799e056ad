"""A representative enrols someone else on a form of its own, with no name filled in:
only the form to enrol oneself carries one's own name."""

import re

import pytest
from django.urls import reverse

from tests.factories.organisations import RepresentativeFactory, UserFactory
from tests.factories.trainings import TrainingFactory
from trainings.models import Enrolment

pytestmark = pytest.mark.django_db


def forms_of(html):
    return re.findall(r'<form method="post" action="[^"]*/ilmoittaudu/".*?</form>', html, re.S)


def value_of(form, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', form)[0]
    found = re.search(r'value="([^"]*)"', tag)
    return found[1] if found else ""


def test_the_form_for_someone_else_is_not_filled_with_the_representatives_name(client):
    rep = RepresentativeFactory(user=UserFactory(first_name="Riitta", last_name="Edustaja"))
    training = TrainingFactory()
    client.force_login(rep.user)
    html = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    own, other = forms_of(html)
    assert value_of(own, "name") == "Riitta Edustaja"
    assert 'name="organisation"' not in own
    assert value_of(other, "name") == "" and value_of(other, "email") == ""
    assert f'<option value="{rep.organisation.pk}"' in other
    assert "Riitta Edustaja" not in other
    # Posting the second form enrols the colleague, not the representative.
    response = client.post(
        reverse("trainings:enrol", args=[training.pk]),
        {"organisation": rep.organisation.pk, "name": "Kaisa Kollega", "email": "kaisa@example.fi"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.name, enrolment.email, enrolment.organisation) == (
        "Kaisa Kollega",
        "kaisa@example.fi",
        rep.organisation,
    )


def test_an_error_in_the_form_for_someone_else_is_shown_on_that_form(client):
    rep = RepresentativeFactory()
    training = TrainingFactory()
    client.force_login(rep.user)
    response = client.post(
        reverse("trainings:enrol", args=[training.pk]),
        {"organisation": rep.organisation.pk, "name": "", "email": "kaisa@example.fi"},
    )
    assert response.status_code == 400
    own, other = forms_of(response.content.decode())
    assert 'role="alert"' in other and 'role="alert"' not in own
    assert value_of(other, "email") == "kaisa@example.fi"
    assert not Enrolment.objects.exists()


def test_a_person_without_an_organisation_sees_one_form(client):
    client.force_login(UserFactory(first_name="Pekka", last_name="Osallistuja"))
    training = TrainingFactory()
    html = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    (own,) = forms_of(html)
    assert value_of(own, "name") == "Pekka Osallistuja"
