"""What the benchmark asks the portal: one endpoint per row of bench/RESULTS.md, with
its requests built from what the bench database holds (make bench-data), so that
filters name real municipalities, keywords, rooms and trainings.

Each endpoint cycles through several variants (filters, pages, search words), so the
figure is not one lucky URL. The two POSTs each use a new free slot or a new person,
so that every request really creates a booking or an enrolment, spread over many rooms
and trainings; "popular course opens" sends every enrolment to one training and checks
afterwards that no more were confirmed than it has places. The signed-in pages run
with a session of a representative and of a staff member, made here."""

from __future__ import annotations

import itertools
import time as _time
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from core import clock
from events.models import Event
from facilities.availability import free_periods
from facilities.models import Room
from facilities.selectors import public_rooms
from organisations.models import Municipality, Organisation, Representative
from trainings.models import Enrolment, Training

from .load import Endpoint, Request

# Words of the generated texts: common ones, a rarer one, an inflected form, a typo.
SEARCH_WORDS = [
    "kuoro",
    "konsertti",
    "lukupiiri",
    "näyttely kahvila",
    "konsertteihin",
    "kansalaisopsto",
    "jumppa ilta",
]
DIRECTORY_WORDS = ["yhdistys", "kotiseutu", "urheiluseura", "mielenterveys", "kyläyhdistyksen"]


@dataclass
class Facts:
    today: date
    municipalities: list[str]
    keywords: list[str]
    organisers: list[int]
    rooms: list[int]
    token: str
    organisation: int
    booking_slots: list[tuple[int, datetime, datetime]]
    trainings: list[int]
    popular_training: int | None
    feed_range: tuple[date, date]
    representative_cookie: str
    staff_cookie: str | None


def _cycle(items):
    return lambda i: items[i % len(items)]


def _get(path: str, params: dict | None = None) -> Request:
    return Request(path + ("?" + urlencode(params) if params else ""))


def _representative():
    """An approved representative of an active organisation, with an API token."""
    representative = (
        Representative.objects.approved()
        .exclude(organisation__status=Organisation.Status.DISSOLVED)
        .filter(user__is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )
    if representative is None:
        raise SystemExit("No approved representative in the database: run make bench-data.")
    token, _created = Token.objects.get_or_create(user=representative.user)
    return token.key, representative.organisation, representative.user


def _booking_slots(count: int, rooms: int = 40) -> list[tuple[int, datetime, datetime]]:
    """Free times in the bookable rooms, two weeks ahead onwards, one hour apart so that
    no two slots share a buffer; taken in turn from every room, so that concurrent
    bookings go to different rooms as a centre's would."""
    now = clock.now()
    per_room = []
    for room in Room.objects.bookable().select_related("site").order_by("pk")[:rooms]:
        slots = []
        length = timedelta(minutes=max(room.min_duration_minutes, 60))
        first = clock.today() + timedelta(days=14)
        last = clock.today() + timedelta(days=room.booking_horizon_days - 1)
        day = first
        while day <= last and len(slots) < count // rooms + 1:
            days = min(28, (last - day).days + 1)
            for periods in free_periods(room, day, days, now=now).values():
                for start, end in periods:
                    while start + length <= end:
                        slots.append((room.pk, start, start + length))
                        start += length + timedelta(hours=1)
            day += timedelta(days=days)
        per_room.append(slots)
    spread = [slot for turn in itertools.zip_longest(*per_room) for slot in turn if slot]
    return spread[:count]


def _open_trainings(organisation: Organisation) -> list[int]:
    """Trainings open for enrolment without a per-organisation limit (at most 201): the
    last for the popular course, the others for enrolments spread over many."""
    now = clock.now()
    return list(
        Training.objects.public()
        .filter(enrolment_opens__lte=now, enrolment_closes__gt=now)
        .filter(Q(max_per_organisation__isnull=True) | Q(max_per_organisation__gte=10_000))
        .order_by("pk")
        .values_list("pk", flat=True)[:201]
    )


def _session_cookie(user) -> str:
    """A signed-in session of the user, as the Cookie header sends it."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _staff_user():
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("-is_superuser", "pk")
        .first()
    )


def popular_check(training_id: int) -> str:
    """Whether the popular course stayed within its places: confirmed and offered
    (those holding a place) against its capacity."""
    training = Training.objects.get(pk=training_id)
    holding = Enrolment.objects.filter(training=training, status__in=Enrolment.HOLDING).count()
    waiting = Enrolment.objects.filter(training=training, status=Enrolment.Status.WAITING).count()
    within = "yes" if holding <= training.capacity else "**NO**"
    return (
        f"training {training.pk}: {holding} holding a place of {training.capacity}, "
        f"{waiting} waiting (within the capacity: {within})"
    )


def _feed_range(size: int) -> tuple[date, date]:
    """From today to the day on which the size-th upcoming published event starts."""
    today = clock.today()
    starts = (
        Event.objects.public()
        .filter(start__gte=timezone.make_aware(datetime.combine(today, time(0))))
        .order_by("start")
        .values_list("start", flat=True)
    )
    nth = starts[size - 1 : size].first()
    end = timezone.localtime(nth).date() if nth else today + timedelta(days=365)
    return today, end


def gather(*, booking_slots: int = 6000) -> Facts:
    published = Event.objects.public()
    municipalities = list(
        Municipality.objects.filter(event_places__events__in=published)
        .annotate(n=Count("event_places__events"))
        .order_by("-n")
        .values_list("code", flat=True)[:8]
    )
    keywords = list(
        published.values_list("keywords__code", flat=True)
        .exclude(keywords__code=None)
        .annotate(n=Count("pk"))
        .order_by("-n")[:8]
    )
    organisers = list(
        published.exclude(organisation=None)
        .values_list("organisation_id", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n")[:8]
    )
    token, organisation, user = _representative()
    trainings = _open_trainings(organisation)
    staff = _staff_user()
    return Facts(
        today=clock.today(),
        municipalities=municipalities,
        keywords=keywords,
        organisers=organisers,
        rooms=list(public_rooms().order_by("pk").values_list("pk", flat=True)[:50]),
        token=token,
        organisation=organisation.pk,
        booking_slots=_booking_slots(booking_slots),
        trainings=trainings[:-1] or trainings,
        popular_training=trainings[-1] if len(trainings) > 1 else None,
        feed_range=_feed_range(1000),
        representative_cookie=_session_cookie(user),
        staff_cookie=_session_cookie(staff) if staff else None,
    )


def endpoints(facts: Facts) -> list[Endpoint]:
    today = facts.today
    months = [(today.replace(day=1) + timedelta(days=31 * n)).strftime("%Y-%m") for n in range(4)]
    weeks = [(today + timedelta(weeks=n)).isoformat() for n in range(6)]
    auth = {"Authorization": f"Token {facts.token}"}
    run = int(_time.time())
    # One count for every drive of these endpoints (warm-up and passes): each POST
    # books a slot and enrols a person that no earlier request used.
    booked, enrolled, crowded = itertools.count(), itertools.count(), itertools.count()

    list_requests = [
        _get("/tapahtumat/"),
        _get("/tapahtumat/", {"when": "week"}),
        _get("/tapahtumat/", {"when": "weekend", "is_free": "true"}),
        _get("/tapahtumat/", {"when": "today"}),
        _get("/tapahtumat/", {"audience": "children"}),
        _get("/tapahtumat/", {"page": 7}),
        *[_get("/tapahtumat/", {"municipality": code}) for code in facts.municipalities[:3]],
        *[_get("/tapahtumat/", {"keyword": code}) for code in facts.keywords[:3]],
        *[_get("/tapahtumat/", {"organiser": pk}) for pk in facts.organisers[:2]],
        _get("/tapahtumat/", {"language": "sv", "accessibility": "wheelchair_accessible"}),
    ]
    month_requests = [
        *[_get("/tapahtumat/kalenteri/", {"month": month}) for month in months],
        *[
            _get("/tapahtumat/kalenteri/", {"month": months[0], "keyword": code})
            for code in facts.keywords[:2]
        ],
        _get("/tapahtumat/kalenteri/", {"month": months[1], "audience": "families"}),
    ]
    search_requests = [_get("/tapahtumat/", {"text": word}) for word in SEARCH_WORDS]
    api_requests = [
        _get("/api/v1/events/", {"start": "today"}),
        _get("/api/v1/events/", {"text": "kuoro"}),
        *[_get("/api/v1/events/", {"keyword": code}) for code in facts.keywords[:2]],
        _get("/api/v1/events/", {"municipality": ",".join(facts.municipalities[:2])}),
        _get("/api/v1/events/", {"is_free": "true", "start": "today", "page": 3}),
    ]
    api_100_requests = [
        _get("/api/v1/events/", {"start": "today", "page_size": 100}),
        _get("/api/v1/events/", {"start": "today", "page_size": 100, "page": 4}),
        _get("/api/v1/events/", {"keyword": facts.keywords[0], "page_size": 100}),
        _get("/api/v1/events/", {"municipality": facts.municipalities[0], "page_size": 100}),
    ]
    linked_events_requests = [
        _get("/linkedevents/v1/event/", {"start": "today"}),
        _get("/linkedevents/v1/event/", {"text": "kuoro"}),
        _get("/linkedevents/v1/event/", {"keyword": facts.keywords[0], "page_size": 100}),
        _get("/linkedevents/v1/event/", {"start": "today", "page": 5}),
    ]
    feed_requests = [
        _get("/events/feed.ics", {"when": "week"}),
        *[_get("/events/feed.ics", {"keyword": code}) for code in facts.keywords[:2]],
        *[_get("/events/feed.ics", {"municipality": code}) for code in facts.municipalities[:2]],
    ]
    room_requests = [
        _get(f"/tilat/{room}/", {"viikko": week}) for room in facts.rooms[:6] for week in weeks[:3]
    ]
    catalogue_requests = [
        _get("/koulutukset/"),
        _get("/koulutukset/", {"upcoming": "yes"}),
        _get("/koulutukset/", {"q": "kurssi"}),
        _get("/koulutukset/", {"mode": "online"}),
        _get("/koulutukset/", {"free": "yes", "page": 2}),
    ]
    directory_requests = [_get("/yhdistykset/", {"q": word}) for word in DIRECTORY_WORDS] + [
        _get("/yhdistykset/", {"municipality": code}) for code in facts.municipalities[:2]
    ]

    representative = {"Cookie": facts.representative_cookie}
    staff = {"Cookie": facts.staff_cookie} if facts.staff_cookie else None

    def signed_in(path: str, headers: dict, params: dict | None = None) -> Request:
        request = _get(path, params)
        request.headers = headers
        return request

    def booking(_i: int) -> Request:
        room, start, end = facts.booking_slots[next(booked) % len(facts.booking_slots)]
        body = {
            "room": room,
            "organisation": facts.organisation,
            "start": timezone.localtime(start).replace(tzinfo=None).isoformat(),
            "end": timezone.localtime(end).replace(tzinfo=None).isoformat(),
            "purpose": "Hallituksen kokous",
            "attendees": 1,
        }
        return Request("/api/v1/bookings/", "POST", body, auth, expect=201)

    def enrolment_in(training: int, i: int) -> Request:
        body = {
            "organisation": facts.organisation,
            "name": f"Osallistuja {run}-{i}",
            "email": f"osallistuja-{run}-{i}@example.fi",
        }
        return Request(f"/api/v1/trainings/{training}/enrolments/", "POST", body, auth, 201)

    def enrolment(_i: int) -> Request:
        i = next(enrolled)
        return enrolment_in(facts.trainings[i % len(facts.trainings)], i)

    def popular(_i: int) -> Request:
        return enrolment_in(facts.popular_training, 1_000_000 + next(crowded))

    rows = [
        Endpoint("baseline: constant JSON", _cycle([_get("/bench/baseline")])),
        Endpoint("calendar list, filters", _cycle(list_requests)),
        Endpoint("month view, filters", _cycle(month_requests)),
        Endpoint("event search", _cycle(search_requests)),
        Endpoint("API event list, page_size 20", _cycle(api_requests)),
        Endpoint("API event list, page_size 100", _cycle(api_100_requests)),
        Endpoint("Linked Events node event list", _cycle(linked_events_requests)),
        Endpoint("feed.ics, filter", _cycle(feed_requests)),
        Endpoint("room week availability", _cycle(room_requests)),
        Endpoint("training catalogue", _cycle(catalogue_requests)),
        Endpoint("organisation directory search", _cycle(directory_requests)),
        Endpoint(
            "my bookings (representative)", _cycle([signed_in("/varaukset/", representative)])
        ),
        Endpoint(
            "my enrolments (representative)",
            _cycle([signed_in("/koulutukset/ilmoittautumiset/", representative)]),
        ),
        Endpoint(
            "my events (representative)", _cycle([signed_in("/tapahtumat/omat/", representative)])
        ),
    ]
    if staff:
        rows.append(Endpoint("staff dashboard", _cycle([signed_in("/henkilokunta/", staff)])))
    if facts.booking_slots:
        rows.append(Endpoint("booking create (API)", booking))
    if facts.trainings:
        rows.append(Endpoint("enrolment create (API)", enrolment))
    if facts.popular_training:
        training = facts.popular_training
        rows.append(
            Endpoint("popular course opens (API)", popular, check=lambda: popular_check(training))
        )
    return rows


def feed_request(facts: Facts) -> Request:
    start, end = facts.feed_range
    return _get("/events/feed.ics", {"start": start.isoformat(), "end": end.isoformat()})
