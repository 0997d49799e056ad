"""A person downloads their own data, and has it erased: refused while something is
still to come, and afterwards none of their unique values is anywhere in the database."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse

from core import clock
from facilities.models import Booking
from organisations.models import Representative
from tests.factories.facilities import BookingFactory, at, next_weekday, representative_of
from tests.factories.organisations import UserFactory
from yhteisokeskus.privacy import PrivacyError, person_erase, personal_data

pytestmark = pytest.mark.django_db


def occurrences_in_database(value: str) -> list[str]:
    """Every table and text column of the public schema that contains the value."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public'
                 AND data_type IN ('text', 'character varying', 'json', 'jsonb')"""
        )
        found = []
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',
                [f"%{value}%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
        return found


@pytest.fixture
def person():
    user = UserFactory(
        username="tiina.tuomela",
        email="tiina.tuomela@example.fi",
        first_name="Tiinamari",
        last_name="Tuomela-Lindqvist",
    )
    rep_user, organisation = representative_of(user=user)
    return user, organisation


def past_booking(user, organisation):
    day = clock.today().replace(day=1)
    return BookingFactory(
        organisation=organisation,
        created_by=user,
        start=at(day, 10),
        end=at(day, 11),
        status=Booking.Status.CONFIRMED,
    )


def test_the_download_holds_the_persons_data_and_only_theirs(client, person):
    user, organisation = person
    past_booking(user, organisation)
    other, _ = representative_of()
    client.force_login(user)
    response = client.get(reverse("privacy:download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "tiina.tuomela@example.fi"
    assert data["representations"][0]["organisation"] == organisation.name
    assert len(data["bookings"]) == 1
    assert other.email not in response.content.decode()


def test_pages_need_login(client):
    for name in ("privacy:my_data", "privacy:download"):
        assert client.get(reverse(name)).status_code == 302


def test_erasure_is_refused_while_a_booking_is_still_to_come(client, person):
    user, organisation = person
    day = next_weekday(2, weeks=2)
    BookingFactory(organisation=organisation, created_by=user, start=at(day, 10), end=at(day, 11))
    with pytest.raises(PrivacyError):
        person_erase(user=user)
    client.force_login(user)
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Sinulla on 1 tuleva varaus; peru se ensin." in page
    user.refresh_from_db()
    assert user.is_active and user.email == "tiina.tuomela@example.fi"


def test_after_erasure_no_unique_value_of_the_person_is_left(client, person):
    user, organisation = person
    booking = past_booking(user, organisation)
    # The log gets the person's name too: a staff change of their representation.
    Representative.objects.filter(user=user).update(message="Tiinamari Tuomela-Lindqvist")
    values = ["tiina.tuomela@example.fi", "tiina.tuomela", "Tiinamari", "Tuomela-Lindqvist"]
    assert occurrences_in_database("tiina.tuomela@example.fi")  # there before

    client.force_login(user)
    response = client.post(reverse("privacy:erase"), {"password": "salasana-123"})
    assert response.status_code == 302

    for value in values:
        assert occurrences_in_database(value) == [], value
    booking.refresh_from_db()
    assert booking.organisation == organisation  # the booking stays the organisation's
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert client.get(reverse("privacy:my_data")).status_code == 302  # logged out


def test_a_wrong_password_erases_nothing(client, person):
    user, _ = person
    client.force_login(user)
    response = client.post(reverse("privacy:erase"), {"password": "väärä"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active and personal_data(user)["account"]["email"]


def test_a_coming_enrolment_blocks_erasure_and_a_past_one_is_anonymised(person):
    from tests.factories.trainings import EnrolmentFactory, SessionFactory

    user, _ = person
    coming = SessionFactory()  # two weeks ahead
    enrolment = EnrolmentFactory(
        training=coming.training, user=user, name="Tiinamari Tuomela-Lindqvist"
    )
    with pytest.raises(PrivacyError):
        person_erase(user=user)

    past_start = clock.now() - datetime.timedelta(days=30)
    coming.starts, coming.ends = past_start, past_start + datetime.timedelta(hours=2)
    coming.save()
    person_erase(user=user)
    assert occurrences_in_database("Tuomela-Lindqvist") == []
    enrolment.refresh_from_db()
    assert enrolment.name == "[poistettu]"
