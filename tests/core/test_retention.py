"""Retention: enrolments and contact details are anonymised after the configured period,
and nothing younger is touched."""

import datetime

import pytest
import time_machine

from core import clock
from organisations.models_network import ContactPerson
from tests.factories.organisations import ContactPersonFactory, PartnershipFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory
from trainings.models import Enrolment, Feedback
from yhteisokeskus.privacy.retention import apply_retention
from yhteisokeskus.tasks import apply_retention as retention_task

pytestmark = pytest.mark.django_db


def test_enrolments_are_anonymised_after_the_period_and_their_figures_stay(settings):
    settings.RETENTION_ENROLMENT_DAYS = 30
    old_session = SessionFactory()
    new_session = SessionFactory()
    old = EnrolmentFactory(
        training=old_session.training, name="Ritva Rantanen", needs="Gluteeniton"
    )
    Feedback.objects.create(
        enrolment=old, rating=5, comment="Ritva kiittää", created_at=clock.now()
    )
    new = EnrolmentFactory(training=new_session.training, name="Pekka Pukki")
    later = old_session.ends + datetime.timedelta(days=31)
    # the new training has a session after the old one's period has passed
    new_session.starts = later - datetime.timedelta(hours=3)
    new_session.ends = later - datetime.timedelta(hours=1)
    new_session.save()

    with time_machine.travel(later, tick=False):
        assert apply_retention()["enrolments"] == 1
        assert retention_task.apply().get()["enrolments"] == 0  # idempotent

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.name == "[poistettu]" and old.needs == "" and "@anonymised.invalid" in old.email
    assert old.status == Enrolment.Status.CONFIRMED  # still counted as a participant
    assert Feedback.objects.get(enrolment=old).rating == 5
    assert Feedback.objects.get(enrolment=old).comment == ""
    assert new.name == "Pekka Pukki"
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEntry

    old_log = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment), object_id=str(old.pk)
    )
    assert old_log.exists()
    assert all("Ritva" not in str(e.changes) + e.object_repr for e in old_log)


def test_contact_persons_are_anonymised_a_period_after_their_partnerships_ended(settings):
    settings.RETENTION_CONTACT_DAYS = 100
    ended = PartnershipFactory(
        starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31)
    )
    ongoing = PartnershipFactory(starts_on=datetime.date(2024, 1, 1), ends_on=None)
    gone = ContactPersonFactory(name="Liisa Lehtinen", phone="040 111 2222")
    kept = ContactPersonFactory(name="Kalle Koskinen")
    both = ContactPersonFactory(name="Maija Mäkelä")
    ended.partner_contacts.add(gone, both)
    ongoing.partner_contacts.add(both, kept)
    ContactPerson.objects.update(updated_at=clock.now() - datetime.timedelta(days=400))

    assert apply_retention()["contact_persons"] == 1
    gone.refresh_from_db()
    assert (gone.name, gone.phone, gone.email, gone.title) == ("[poistettu]", "", "", "")
    assert ContactPerson.objects.filter(name__in=["Kalle Koskinen", "Maija Mäkelä"]).count() == 2
    assert apply_retention()["contact_persons"] == 0


def test_the_retention_task_is_scheduled_daily():
    from yhteisokeskus.celery import app

    entry = app.conf.beat_schedule["apply-retention"]
    assert entry["task"] == "yhteisokeskus.tasks.apply_retention"
