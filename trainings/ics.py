"""iCalendar of a participant's sessions, attached to every training message. Built with
facilities.ics (the same VCALENDAR wrapper and METHOD rules as room bookings)."""

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Event

from core.links import absolute_url
from facilities import ics as facility_ics

from .models import Enrolment, Session, Training

PRODID = "-//Yhteisokeskus//Trainings//EN"


def training_url(training: Training) -> str:
    return absolute_url(reverse("trainings:detail", args=[training.pk]))


def _status(enrolment: Enrolment) -> tuple[str, int]:
    if enrolment.training.status == Training.Status.CANCELLED or not enrolment.is_active:
        return "CANCELLED", 2
    if enrolment.status == Enrolment.Status.CONFIRMED:
        return "CONFIRMED", 1
    return "TENTATIVE", 0


def session_event(enrolment: Enrolment):
    def build(session: Session) -> Event:
        training = enrolment.training
        status, sequence = _status(enrolment)
        domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
        url = training_url(training)
        event = Event()
        event.add("uid", f"training-session-{session.pk}-{enrolment.pk}@{domain}")
        event.add("dtstamp", enrolment.created_at.astimezone(UTC))
        event.add("dtstart", session.starts.astimezone(UTC))
        event.add("dtend", session.ends.astimezone(UTC))
        event.add("summary", training.title)
        if session.room_id:
            site = session.room.site
            event.add(
                "location",
                f"{session.room.name}, {site.name}, {site.street_address}, "
                f"{site.postal_code} {site.post_office}",
            )
        elif session.online_url:
            event.add("location", session.online_url)
        lines = [training.title, f"{_('Enrolment status')}: {enrolment.get_status_display()}"]
        if session.online_url:
            lines.append(f"{_('Online link')}: {session.online_url}")
        lines.append(url)
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("organizer", f"mailto:{settings.CONTACT_EMAIL}")
        event.add("status", status)
        event.add("sequence", sequence)
        return event

    return build


def calendar(enrolment: Enrolment, sessions, *, method: str) -> bytes:
    return facility_ics.calendar(
        sessions, method=method, event=session_event(enrolment), prodid=PRODID
    )
