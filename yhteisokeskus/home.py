"""The front page's reads: the region's next events, trainings with free places, the
open meeting place's hours today, and for a signed-in person their next bookings,
enrolments and what waits for them. The top floor asks each app; the number of queries
is fixed (QUERIES for a visitor, more for a signed-in person, none of it growing with
the data), and the front-page test asserts it."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from core import clock
from core.access import is_staff
from events.cards import present_cards
from events.selectors import public_events
from facilities.availability import SiteHours
from facilities.models import Booking, Room
from facilities.selectors import bookings_for_user
from organisations.models import Representative
from trainings.models import Enrolment, Session
from trainings.selectors import catalogue

from .reporting.dashboard import queues

EVENTS = 6
TRAININGS = 4
MINE = 5


@dataclass
class MeetingPlaceToday:
    room: Room
    intervals: list[tuple[datetime, datetime]]
    closure_reason: str

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)


@dataclass
class Task:
    text: str
    url: str


@dataclass
class Mine:
    bookings: list = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def next_events(now: datetime) -> list:
    """The next public events, a series once (its own entry, not every date), with
    what their cards print."""
    events = list(
        public_events()
        .upcoming(now)
        .filter(super_event__isnull=True)
        .order_by("start", "pk")[:EVENTS]
    )
    present_cards(events)
    return events


def trainings_with_places(now: datetime) -> list:
    """Published trainings open for enrolment now, with a free place, soonest first."""
    trainings = list(
        catalogue()
        .published()
        .filter(enrolment_opens__lte=now, enrolment_closes__gte=now, first_start__gte=now)
        .filter(confirmed_count__lt=F("capacity"))
        .order_by("first_start", "pk")[:TRAININGS]
    )
    for training in trainings:
        training.places_left = training.capacity - training.confirmed_count
    return trainings


def meeting_place_today(now: datetime) -> MeetingPlaceToday | None:
    """The open meeting place (café) and its opening hours today: two or three queries."""
    room = (
        Room.objects.filter(kind=Room.Kind.MEETING_PLACE)
        .select_related("site")
        .order_by("pk")
        .first()
    )
    if room is None:
        return None
    today = timezone.localdate(now)
    hours = SiteHours.load(room.site, today, today)
    return MeetingPlaceToday(
        room=room, intervals=hours.open_intervals(today), closure_reason=hours.closure_reason(today)
    )


def mine(user, now: datetime) -> Mine:
    """A signed-in person's next bookings and enrolments, and the tasks waiting for
    them (places offered, feedback asked for, requests to approve; staff: the queues)."""
    bookings = bookings_for_user(user)
    if is_staff(user):
        bookings = bookings.filter(created_by=user)
    next_bookings = list(
        bookings.filter(status__in=Booking.HOLDING, end__gt=now).order_by("start", "pk")[:MINE]
    )
    next_session = Session.objects.filter(training=OuterRef("training_id"), ends__gt=now)
    enrolments = list(
        Enrolment.objects.filter(user=user, status__in=Enrolment.ACTIVE)
        .annotate(next_start=Subquery(next_session.order_by("starts").values("starts")[:1]))
        .filter(next_start__isnull=False)
        .select_related("training")
        .order_by("next_start", "pk")[:MINE]
    )
    tasks = []
    offered = Enrolment.objects.filter(user=user, status=Enrolment.Status.OFFERED).count()
    if offered:
        tasks.append(
            Task(
                ngettext(
                    "%(count)d place offered to you in a training: accept it in time",
                    "%(count)d places offered to you in trainings: accept them in time",
                    offered,
                )
                % {"count": offered},
                reverse("trainings:my_enrolments"),
            )
        )
    started = Session.objects.filter(training=OuterRef("training_id"), starts__lte=now)
    feedback = (
        Enrolment.objects.filter(
            user=user, status=Enrolment.Status.CONFIRMED, feedback__isnull=True
        )
        .filter(Exists(started))
        .count()
    )
    if feedback:
        tasks.append(
            Task(
                ngettext(
                    "%(count)d training waits for your feedback",
                    "%(count)d trainings wait for your feedback",
                    feedback,
                )
                % {"count": feedback},
                reverse("trainings:my_enrolments"),
            )
        )
    if is_staff(user):
        for queue in queues():
            if queue.count:
                tasks.append(Task(f"{queue.label}: {queue.count}", queue.url))
    else:
        administered = Representative.objects.approved().filter(
            user=user, role=Representative.Role.ADMIN
        )
        requests = (
            Representative.objects.requested()
            .filter(organisation__in=administered.values("organisation_id"))
            .count()
        )
        if requests:
            tasks.append(
                Task(
                    ngettext(
                        "%(count)d request to represent your association",
                        "%(count)d requests to represent your association",
                        requests,
                    )
                    % {"count": requests},
                    reverse("organisations:my_organisations"),
                )
            )
    return Mine(bookings=next_bookings, enrolments=enrolments, tasks=tasks)


def front_page(user) -> dict:
    now = clock.now()
    context = {
        "next_events": next_events(now),
        "trainings": trainings_with_places(now),
        "meeting_place": meeting_place_today(now),
    }
    if user.is_authenticated:
        context["mine"] = mine(user, now)
    return context
