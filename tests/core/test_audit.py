"""Changes to organisations, memberships and bookings are logged: who, when, what."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.audit import acting_as
from core.models import AuditEntry
from facilities import services as booking_services
from facilities.models import Booking
from organisations import services as org_services
from organisations.models import Membership, Organisation
from tests.factories.facilities import RoomFactory, at, next_weekday, representative_of
from tests.factories.organisations import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("id")


def test_a_change_records_who_and_only_the_fields_that_changed():
    staff = StaffFactory()
    organisation = OrganisationFactory(name_fi="Porin Lausujat ry", email="vanha@example.fi")
    with acting_as(staff):
        org_services.organisation_update(
            organisation=organisation, actor=staff, email="uusi@example.fi"
        )
    created, changed = entries_for(organisation)
    assert created.action == "create" and created.changes["name_fi"] == "Porin Lausujat ry"
    assert changed.action == "update" and changed.actor == staff
    assert changed.changes == {"email": ["vanha@example.fi", "uusi@example.fi"]}


def test_saving_without_changes_logs_nothing():
    organisation = OrganisationFactory()
    organisation.save()
    assert entries_for(organisation).count() == 1  # the creation only


def test_a_booking_made_and_cancelled_through_the_pages_names_the_representative(client):
    user, organisation = representative_of()
    room = RoomFactory()
    day = next_weekday(1, weeks=2)
    client.force_login(user)
    response = client.post(
        reverse("facilities:booking_create", args=[room.pk]),
        {
            "organisation": organisation.pk,
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "purpose": "Hallituksen kokous",
            "attendees": 6,
        },
    )
    assert response.status_code == 302, response.content
    booking = Booking.objects.get(room=room)
    client.post(reverse("facilities:booking_cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    log = list(entries_for(booking))
    assert [e.action for e in log] == ["create", "update"]
    assert all(e.actor == user for e in log)
    assert log[1].changes["status"][1] == Booking.Status.CANCELLED


def test_a_membership_decision_by_staff_is_logged():
    staff = StaffFactory()
    applicant, organisation = representative_of()
    membership = org_services.membership_apply(user=applicant, organisation=organisation)
    with acting_as(staff):
        org_services.membership_approve(
            membership=membership, actor=staff, member_since=datetime.date(2026, 1, 1)
        )
    last = entries_for(membership).last()
    assert last.actor == staff
    assert last.changes["status"][1] == Membership.Status.ACTIVE


def test_a_deletion_keeps_what_was_deleted():
    organisation = OrganisationFactory(name_fi="Lakkautettu ry")
    pk = organisation.pk
    organisation.delete()
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(pk),
        action="delete",
    )
    assert entry.changes["name_fi"] == "Lakkautettu ry"


def test_staff_read_the_log_in_the_admin_and_nobody_edits_it(client):
    staff = StaffFactory(is_superuser=True)
    OrganisationFactory(name_fi="Näkyvä ry")
    client.force_login(staff)
    page = client.get(reverse("admin:core_auditentry_changelist"))
    assert page.status_code == 200 and "Näkyvä ry" in page.content.decode()
    entry = AuditEntry.objects.first()
    assert client.post(reverse("admin:core_auditentry_delete", args=[entry.pk])).status_code == 403


def test_a_booking_service_call_in_a_task_logs_no_actor():
    user, organisation = representative_of()
    day = next_weekday(1, weeks=2)
    booking = booking_services.booking_create(
        actor=user,
        room=RoomFactory(),
        organisation=organisation,
        start=at(day, 10),
        end=at(day, 11),
        purpose="Kokous",
        attendees=3,
    )
    assert entries_for(booking).get().actor is None


def test_an_enrolment_and_its_cancellation_are_logged():
    from tests.factories.trainings import EnrolmentFactory
    from trainings.models import Enrolment

    enrolment = EnrolmentFactory(name="Ritva Rantanen")
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.save()
    created, cancelled = entries_for(enrolment)
    assert created.changes["name"] == "Ritva Rantanen"
    assert cancelled.changes["status"] == ["confirmed", "cancelled"]
