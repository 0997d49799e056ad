"""Published trainings in the public calendar (events app): the training as an event of
kind "course" spanning its sessions, and each session as a sub-event in its room (with
the booking the session already holds) or online. Called whenever a training is
published or cancelled and whenever a published training gets a session."""

from django.utils.translation import gettext

from events.models import Audience
from events.publishing import CalendarEntry, calendar_entries_withdraw, calendar_entry_publish

from .ics import training_url
from .models import Training

LANGUAGES = ("fi", "sv", "en")  # the translated fields of both models


def _key(training: Training) -> str:
    return f"training:{training.pk}"


def _texts(training: Training, name: str) -> dict:
    return {code: getattr(training, f"{name}_{code}", "") or "" for code in LANGUAGES}


def _price(training: Training) -> str:
    """Members' and others' prices, in a form every language reads (as "15 € / 10 €")."""
    if training.is_free:
        return ""

    def euros(value):
        return f"{value:.2f}".replace(".", ",").removesuffix(",00") + " €"

    return f"{euros(training.price_member)} / {euros(training.price_other)}"


def _entry(training: Training, key: str, start, end, *, room=None, booking=None, url=""):
    return CalendarEntry(
        key=key,
        name=_texts(training, "title"),
        description=_texts(training, "description"),
        start=start,
        end=end,
        organisation=training.organiser,
        organiser_name="" if training.organiser_id else gettext("Resource centre"),
        room=room,
        booking=booking,
        online_url="" if room else (url or training_url(training)),
        is_free=training.is_free,
        price=_price(training),
        registration_url=training_url(training),
        audiences=[Audience.ASSOCIATIONS],
        cancelled=training.status == Training.Status.CANCELLED,
    )


def training_calendar_sync(training: Training) -> None:
    """Publish (or update, or cancel) the training's events; nothing before it is published."""
    sessions = list(training.sessions.select_related("room", "booking").order_by("starts"))
    key = _key(training)
    if training.status == Training.Status.DRAFT or not sessions:
        calendar_entries_withdraw(keys_starting=key)
        return
    first, last = sessions[0], sessions[-1]
    parent = calendar_entry_publish(
        _entry(
            training,
            key,
            first.starts,
            last.ends,
            room=first.room if len(sessions) == 1 else None,
            booking=first.booking if len(sessions) == 1 else None,
            url=first.online_url,
        )
    )
    if len(sessions) == 1:
        calendar_entries_withdraw(keys_starting=f"{key}:", keep=set())
        return
    keep = set()
    for session in sessions:
        session_key = f"{key}:session:{session.pk}"
        keep.add(session_key)
        calendar_entry_publish(
            _entry(
                training,
                session_key,
                session.starts,
                session.ends,
                room=session.room,
                booking=session.booking,
                url=session.online_url,
            ),
            super_event=parent,
        )
    calendar_entries_withdraw(keys_starting=f"{key}:", keep=keep)
