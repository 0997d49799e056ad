"""The network's outbox: staff are reminded before a partnership ends, once however often
the periodic task runs; meeting invitations go to the members' representatives in the
language they were sent in, with the meeting as an .ics attachment; a failed send is
retried and a sent message is never sent again."""

import datetime
import smtplib

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import translation
from icalendar import Calendar

from organisations.mail import send_pending
from organisations.models import NetworkNotification
from organisations.reminders import queue_partnership_reminders
from organisations.services import network as services
from organisations.tasks import (
    queue_partnership_reminders as queue_task,
)
from organisations.tasks import (
    send_network_notifications,
)
from tests.factories.organisations import (
    CooperationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
SITE_URL = "https://portaali.example.fi"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SITE_URL = SITE_URL
    settings.PARTNERSHIP_REMINDER_DAYS = 60
    settings.CONTACT_EMAIL = "info@keskus.example"


class FailingBackend(LocmemBackend):
    def send_messages(self, messages):
        if any(to.endswith("@fails.example") for m in messages for to in m.to):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@time_machine.travel(NOW, tick=False)
def test_staff_are_reminded_once_before_a_partnership_ends(mailoutbox):
    staff = StaffFactory(email="sanna@keskus.example")
    ending = PartnershipFactory(
        title="Palveluohjauksen sopimus",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 4, 30),
    )
    ending.staff_contacts.add(staff)
    PartnershipFactory(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 12, 31))
    PartnershipFactory(starts_on=datetime.date(2025, 1, 1), ends_on=None)
    PartnershipFactory(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 3, 1))
    # The periodic task runs twice (a retry, or two beats): one reminder.
    assert queue_task.apply().get() == 1
    assert queue_task.apply().get() == 0
    assert send_network_notifications.apply().get() == 1
    assert send_network_notifications.apply().get() == 0
    (message,) = mailoutbox
    assert message.to == ["sanna@keskus.example"]
    assert "Palveluohjauksen sopimus" in message.subject
    assert "30.4.2026" in message.subject
    assert f"{SITE_URL}/verkosto/kumppanuudet/{ending.pk}/" in message.body


@time_machine.travel(NOW, tick=False)
def test_a_new_end_date_gets_its_own_reminder_and_without_contacts_the_centre_is_told():
    partnership = PartnershipFactory(
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 4, 1)
    )
    assert queue_partnership_reminders() == 1
    partnership.ends_on = datetime.date(2026, 4, 15)
    partnership.save()
    assert queue_partnership_reminders() == 1
    assert queue_partnership_reminders() == 0
    assert set(NetworkNotification.objects.values_list("to", flat=True)) == {"info@keskus.example"}


@time_machine.travel(NOW, tick=False)
def test_a_failed_reminder_is_retried_later_and_then_sent(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.organisations.test_network_notifications.FailingBackend"
    staff = StaffFactory(email="sanna@fails.example")
    partnership = PartnershipFactory(
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 4, 1)
    )
    partnership.staff_contacts.add(staff)
    queue_partnership_reminders()
    assert send_pending() == 0
    row = NetworkNotification.objects.get()
    assert row.attempts == 1 and "SMTPServerDisconnected" in row.last_error
    assert send_pending() == 0  # not yet due again
    staff.email = "sanna@keskus.example"
    staff.save()
    NetworkNotification.objects.update(to="sanna@keskus.example")
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        assert send_pending() == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("language", "subject"),
    [("fi", "Kutsu: "), ("sv", "Kallelse: "), ("en", "Invitation: ")],
)
def test_meeting_invitations_with_an_ics_attachment(mailoutbox, language, subject):
    group = CooperationGroupFactory(
        name_fi="Yhdistysten yhteistyöryhmä", name_sv="Föreningarnas samarbetsgrupp"
    )
    seat = RepresentativeFactory(user__email="pekka@yhdistys.example")
    RepresentativeFactory(organisation=seat.organisation, user__email="muu@yhdistys.example")
    member = GroupMemberFactory(group=group, organisation=seat.organisation)
    member.representatives.add(seat)
    # A member with no representatives named: its approved representatives are invited.
    other = RepresentativeFactory(user__email="riitta@rauma.example")
    GroupMemberFactory(group=group, organisation=other.organisation)
    # A member with nobody: the organisation's address.
    GroupMemberFactory(group=group, organisation=OrganisationFactory(email="info@ulvila.example"))
    meeting = MeetingFactory(
        group=group,
        title="Kevätkokous",
        start=datetime.datetime(2030, 4, 14, 14, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 4, 14, 16, 0, tzinfo=datetime.UTC),
        place="Järjestötalo, Yrjönkatu 1, Pori",
    )
    staff = StaffFactory()
    assert services.meeting_invite(actor=staff, meeting=meeting, language=language) == 3
    assert services.meeting_invite(actor=staff, meeting=meeting, language=language) == 0
    assert send_pending() == 3
    assert send_pending() == 0
    assert sorted(m.to[0] for m in mailoutbox) == [
        "info@ulvila.example",
        "pekka@yhdistys.example",
        "riitta@rauma.example",
    ]
    message = mailoutbox[0]
    assert message.subject.startswith(subject) and "Kevätkokous" in message.subject
    # Local time: 14 UTC is 17 in Helsinki (summer time).
    assert "17.00–19.00" in message.body or "17:00–19:00" in message.body
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "PUBLISH"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    name = "Föreningarnas samarbetsgrupp" if language == "sv" else "Yhdistysten yhteistyöryhmä"
    assert str(event["summary"]) == f"{name}: Kevätkokous"
    assert str(event["location"]) == "Järjestötalo, Yrjönkatu 1, Pori"
    assert event.decoded("dtstart") == meeting.start
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
    with translation.override(language):
        from django.urls import reverse

        assert SITE_URL + reverse("organisations:my_groups") in str(event["url"])


def test_an_invitation_to_a_meeting_that_has_begun_is_not_sent(mailoutbox):
    seat = RepresentativeFactory()
    group = CooperationGroupFactory()
    GroupMemberFactory(group=group, organisation=seat.organisation)
    meeting = MeetingFactory(group=group)
    services.meeting_invite(actor=StaffFactory(), meeting=meeting)
    with time_machine.travel(meeting.start + datetime.timedelta(minutes=1)):
        assert send_pending() == 0
    assert mailoutbox == []
    assert NetworkNotification.objects.get().sent_at is not None


def test_the_outbox_key_is_unique_in_the_database():
    from django.db import IntegrityError, transaction

    partnership = PartnershipFactory()
    NetworkNotification.objects.create(
        key="k", kind="partnership_ending", to="a@example.fi", partnership=partnership
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkNotification.objects.create(
            key="k", kind="partnership_ending", to="a@example.fi", partnership=partnership
        )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_queues_and_sends_a_reminder(celery_worker_process):  # noqa: F811
    from core import clock

    today = clock.today()
    PartnershipFactory(starts_on=today, ends_on=today + datetime.timedelta(days=10))
    queued = queue_task.apply_async(queue=celery_worker_process)
    assert queued.get(timeout=60) == 1
    result = send_network_notifications.apply_async(queue=celery_worker_process)
    assert result.get(timeout=60) == 1
    assert NetworkNotification.objects.get().sent_at is not None
