"""Published trainings in the public calendar, through events.services.event_announce:
the training as an event of kind "course" spanning its sessions, and, when it has more
than one, each session as a sub-event in its room (with the booking the session already
holds) or online. Called when a training is published or cancelled and when a
published training gets a session; running it again changes nothing."""

from django.utils import timezone

from core import centre
from events.models import Audience, Event
from events.services import EventInput, event_announce, event_withdraw

from .ics import training_url
from .models import Session, Training

LANGUAGES = ("fi", "sv", "en")  # the translated fields of both models


def training_key(training: Training) -> str:
    return f"training:{training.pk}"


def session_key(session: Session) -> str:
    return f"training-session:{session.pk}"


def _texts(training: Training, name: str) -> dict:
    return {code: getattr(training, f"{name}_{code}", "") or "" for code in LANGUAGES}


def _price(training: Training) -> str:
    """Members' and others' prices, in a form every language reads ("20 € / 35,50 €")."""
    if training.is_free:
        return ""

    def euros(value):
        return f"{value:.2f}".replace(".", ",").removesuffix(",00") + " €"

    return f"{euros(training.price_member)} / {euros(training.price_other)}"


def _input(training: Training, starts, ends, *, room=None, online_url="", super_event=None):
    starts, ends = timezone.localtime(starts), timezone.localtime(ends)
    return EventInput(
        name=_texts(training, "title"),
        description=_texts(training, "description"),
        start_date=starts.date(),
        start_time=starts.time(),
        end_date=ends.date(),
        end_time=ends.time(),
        kind=Event.Kind.COURSE,
        location_kind="room" if room else "online",
        room=room,
        online_url="" if room else (online_url or training_url(training)),
        audiences=[Audience.ASSOCIATIONS],
        is_free=training.is_free,
        price=_price(training),
        registration_url=training_url(training),
        status=(
            Event.Status.CANCELLED
            if training.status == Training.Status.CANCELLED
            else Event.Status.SCHEDULED
        ),
        super_event=super_event,
    )


def _announce(training: Training, key: str, data: EventInput, booking=None) -> Event:
    return event_announce(
        key=key,
        organisation=training.organiser,
        organiser_name=centre.current().display_name,
        data=data,
        booking=booking,
    )


def training_calendar_sync(training: Training) -> None:
    sessions = list(training.sessions.select_related("room", "booking").order_by("starts"))
    if training.status == Training.Status.DRAFT or not sessions:
        event_withdraw(key=training_key(training))
        for session in sessions:
            event_withdraw(key=session_key(session))
        return
    first, last = sessions[0], sessions[-1]
    single = len(sessions) == 1
    parent = _announce(
        training,
        training_key(training),
        _input(
            training,
            first.starts,
            last.ends,
            room=first.room if single else None,
            online_url=first.online_url,
        ),
        booking=first.booking if single else None,
    )
    for session in sessions:
        if single:
            event_withdraw(key=session_key(session))
            continue
        _announce(
            training,
            session_key(session),
            _input(
                training,
                session.starts,
                session.ends,
                room=session.room,
                online_url=session.online_url,
                super_event=parent,
            ),
            booking=session.booking,
        )
