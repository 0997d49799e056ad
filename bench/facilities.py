"""Sites, rooms and opening hours for the bench data, and the plan of room bookings.

Each room's open time is cut into blocks (three hours from opening, a shorter last one
if at least 90 minutes); a booking takes one block and stays inside it, buffer
included, so bookings that hold a room never overlap and always fall within opening
hours. Weekly series, training sessions and room events take their blocks first; the
remaining bookings are drawn at random, denser around today than far ahead."""

import datetime
import heapq
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from bench.db import Copier, bulk, reserve_ids, split
from facilities.availability import is_public_holiday
from facilities.models import Booking, BookingSeries, OpeningException, OpeningHours, Room, Site

BLOCK = 180
LAST_BLOCK = 90

# name, municipality number, street address, postal code, Swedish name
SITES = [
    ("Järjestötalo Aalto", "091", "Hämeentie 112", "00560", "Organisationshuset Aalto"),
    ("Satakunnan Järjestötalo", "609", "Antinkatu 8", "28100", "Satakunta organisationshus"),
    ("Tampereen Yhteisötalo", "837", "Hämeenkatu 20", "33200", "Tammerfors gemenskapshus"),
    ("Turun Kansalaistalo", "853", "Linnankatu 30", "20100", "Åbo medborgarhus"),
    ("Oulun Järjestökeskus", "564", "Isokatu 15", "90100", "Uleåborgs organisationscenter"),
    ("Jyväskylän Yhdistystalo", "179", "Kauppakatu 9", "40100", "Jyväskylä föreningshus"),
    ("Kuopion Kohtaamo", "297", "Puijonkatu 22", "70100", "Kuopio mötesplats"),
    ("Vaasan Föreningshus", "905", "Hovioikeudenpuistikko 7", "65100", "Föreningshuset i Vasa"),
]
# weekday -> (opens, closes) in minutes after midnight
HOURS = [
    {0: (480, 1260), 1: (480, 1260), 2: (480, 1260), 3: (480, 1260), 4: (480, 1080), 5: (600, 960)},
    {
        0: (480, 1200),
        1: (480, 1200),
        2: (480, 1200),
        3: (480, 1200),
        4: (480, 1200),
        5: (600, 960),
        6: (720, 1080),
    },
]
ROOM_NAMES = (
    "Koivu Kuusi Mänty Haapa Pihlaja Vaahtera Tammi Leppä Saarni Kataja Kielo Kanerva "
    "Lumme Vuokko Orvokki Kaisla Ruoko Sara Saimaa Päijänne Inari Oulujärvi Pielinen "
    "Näsijärvi Kallavesi Pyhäjärvi Lokki Kurki Joutsen Kuikka Tiira Sorsa Haukka Pöllö"
).split()
# kind, share, capacity range, Finnish name, extra settings
ROOM_KINDS = [
    ("meeting_room", 0.6, (6, 20), "Kokoushuone", {}),
    (
        "hall",
        0.15,
        (40, 150),
        "Sali",
        {
            "requires_approval": True,
            "buffer_minutes": 15,
            "min_duration_minutes": 60,
            "max_duration_minutes": 720,
            "cancellation_deadline_hours": 72,
        },
    ),
    ("meeting_place", 0.15, (20, 40), "Kahvila", {"buffer_minutes": 0}),
    ("meeting_room", 0.1, (4, 8), "Neuvotteluhuone", {"buffer_minutes": 15}),
]
PURPOSES = [
    "Hallituksen kokous",
    "Kuoroharjoitukset",
    "Vertaisryhmän tapaaminen",
    "Jäsenilta",
    "Koulutus vapaaehtoisille",
    "Vuosikokous",
    "Kerhon kokoontuminen",
    "Suunnittelupalaveri",
    "Käsityöpiiri",
    "Lukupiiri",
    "Tuolijumppa",
    "Teatteriharjoitukset",
    "Toimikunnan kokous",
    "Kahvitilaisuus",
    "Tiedotustilaisuus",
    "Yhteistyöpalaveri",
]


@dataclass
class RoomPlan:
    room: Room
    weekday_blocks: dict  # weekday -> [(start minute, end minute)]
    days: list  # open day offsets
    taken: set = field(default_factory=set)

    def __post_init__(self):
        self.open_days = set(self.days)


class BookingPlan:
    """The rooms' blocks over the period and the bookings made in them so far."""

    def __init__(self, rng, *, rooms, hours, closed, first_day, days, now, people, total):
        self.rng, self.now, self.first_day, self.people = rng, now, first_day, people
        self.ids = reserve_ids(Booking, total)[::-1]
        self.today_offset = (timezone.localdate(now) - first_day).days
        self.bookings = Copier(Booking, now=now)
        self.series = Copier(BookingSeries, now=now)
        self.plans = []
        for room in rooms:
            site_hours = hours[room.site_id]
            blocks = {}
            for weekday, (opens, closes) in site_hours.items():
                cut, at = [], opens
                while closes - at >= LAST_BLOCK:
                    cut.append((at, min(at + BLOCK, closes)))
                    at += BLOCK
                blocks[weekday] = cut
            open_days = [
                d
                for d in range(days)
                if (first_day + datetime.timedelta(days=d)).weekday() in blocks
                and (room.site_id, d) not in closed
                and not is_public_holiday(first_day + datetime.timedelta(days=d))
            ]
            self.plans.append(RoomPlan(room, blocks, open_days))
        self.by_room = {p.room.pk: p for p in self.plans}
        self.days = days

    # Times ----------------------------------------------------------------------------

    def day(self, offset: int) -> datetime.date:
        return self.first_day + datetime.timedelta(days=offset)

    def _shape(self, plan, block, fixed=None):
        """(offset, duration) in minutes for a booking inside a block."""
        if fixed:
            return fixed
        room, (bs, be) = plan.room, block
        room_max = min(room.max_duration_minutes, be - bs - room.buffer_minutes)
        lengths = list(range(room.min_duration_minutes, room_max + 1, 30)) or [room_max]
        duration = self.rng.choice(lengths[:5])
        slack = be - bs - room.buffer_minutes - duration
        return 30 * self.rng.randrange(0, slack // 30 + 1), duration

    def times(self, plan, day, b, fixed=None):
        block = plan.weekday_blocks[self.day(day).weekday()][b]
        offset, duration = self._shape(plan, block, fixed)
        local = datetime.datetime.combine(self.day(day), datetime.time()) + datetime.timedelta(
            minutes=block[0] + offset
        )
        start = timezone.make_aware(local)
        end = timezone.make_aware(local + datetime.timedelta(minutes=duration))
        return start, end, end + datetime.timedelta(minutes=plan.room.buffer_minutes)

    # Reserving ------------------------------------------------------------------------

    def weekly(self, plan, *, weekday, block, first, count):
        """Up to ``count`` free blocks on one weekday from day offset ``first`` on."""
        d = first + (weekday - self.day(first).weekday()) % 7
        found = []
        while d < self.days and len(found) < count:
            if d in plan.open_days and block < len(plan.weekday_blocks[weekday]):
                if (d, block) not in plan.taken:
                    plan.taken.add((d, block))
                    found.append(d)
            d += 7
        return found

    def one(self, plan, *, near: int, spread: int = 10):
        """A free block near a day offset, or None."""
        for _ in range(30):
            d = near + self.rng.randrange(-spread, spread + 1)
            if not 0 <= d < self.days or d not in plan.open_days:
                continue
            blocks = plan.weekday_blocks[self.day(d).weekday()]
            b = self.rng.randrange(len(blocks))
            if (d, b) not in plan.taken:
                plan.taken.add((d, b))
                return d, b
        return None

    def add(
        self,
        plan,
        day,
        b,
        *,
        organisation,
        purpose,
        attendees,
        fixed=None,
        series=None,
        status="confirmed",
        created_by=None,
    ):
        start, end, held = self.times(plan, day, b, fixed)
        room = plan.room
        is_member = organisation in self.people.members
        hourly = room.hourly_price_member if is_member else room.hourly_price_non_member
        price = (hourly * Decimal((end - start).total_seconds()) / 3600).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        created = min(start - datetime.timedelta(days=self.rng.randrange(1, 60)), self.now)
        row = {
            "room_id": room.pk,
            "organisation_id": organisation,
            "series_id": series,
            "start": start,
            "end": end,
            "held_until": held,
            "status": status,
            "purpose": purpose[:200],
            "attendees": max(1, min(attendees, room.capacity)),
            "price": price,
            "member_price": is_member,
            "created_by_id": created_by,
            "created_at": created,
            "language": "fi" if self.rng.random() < 0.92 else self.rng.choice(["sv", "en"]),
        }
        if status == "confirmed" and room.requires_approval:
            row.update(
                decided_by_id=self.people.staff_id, decided_at=created + datetime.timedelta(days=1)
            )
        elif status == "rejected":
            row.update(
                decided_by_id=self.people.staff_id,
                decided_at=created + datetime.timedelta(days=1),
                rejection_reason="Sali on varattu talon omaan tilaisuuteen.",
            )
        elif status == "cancelled":
            row.update(
                cancelled_by_id=created_by,
                cancelled_at=min(created + datetime.timedelta(days=3), start),
            )
        row["id"] = self.ids.pop()
        self.bookings.add(**row)
        return row

    def add_series(
        self, plan, *, organisation, created_by, weekday, block, first, count, purpose, attendees
    ):
        """A weekly BookingSeries with its bookings; returns the booking rows."""
        days = self.weekly(plan, weekday=weekday, block=block, first=first, count=count)
        if not days:
            return []
        fixed = self._shape(plan, plan.weekday_blocks[weekday][block])
        start, end, _held = self.times(plan, days[0], block, fixed)
        series_id = reserve_ids(BookingSeries, 1)[0]
        self.series.add(
            id=series_id,
            room_id=plan.room.pk,
            organisation_id=organisation,
            weekdays=[weekday],
            first_date=self.day(days[0]),
            until=self.day(days[-1]),
            start_time=timezone.localtime(start).time(),
            end_time=timezone.localtime(end).time(),
            created_by_id=created_by,
            created_at=min(start, self.now),
        )
        return [
            self.add(
                plan,
                d,
                block,
                organisation=organisation,
                purpose=purpose,
                attendees=attendees,
                fixed=fixed,
                series=series_id,
                created_by=created_by,
            )
            for d in days
        ]

    def fill(self, total: int):
        """Draw ``total`` more bookings for organisations with representatives."""
        reps = self.people.representatives
        bookers = sorted(reps)
        # A few organisations book a lot, most now and then.
        weights = [1 / (1 + i) ** 0.8 for i in range(len(bookers))]
        self.rng.shuffle(bookers)
        room_weights = [1.0 if p.room.kind != "hall" else 0.6 for p in self.plans]
        for plan, n in zip(self.plans, split(total, room_weights), strict=True):
            free = []
            for d in plan.days:
                ahead = d - self.today_offset
                w = 0.25 if ahead > 180 else (1.3 if ahead > -365 else 1.0)
                for b in range(len(plan.weekday_blocks[self.day(d).weekday()])):
                    if (d, b) not in plan.taken:
                        free.append((self.rng.random() ** (1 / w), d, b))
            if n > len(free):
                raise RuntimeError(f"{plan.room} has room for {len(free)} bookings, not {n}")
            orgs = self.rng.choices(bookers, weights, k=n)
            for (_key, d, b), org in zip(heapq.nlargest(n, free), orgs, strict=True):
                plan.taken.add((d, b))
                future = d >= self.today_offset
                draw = self.rng.random()
                status = "confirmed"
                if draw < 0.07:
                    status = "cancelled"
                elif plan.room.requires_approval and draw < 0.12:
                    status = "requested" if future else "rejected"
                self.add(
                    plan,
                    d,
                    b,
                    organisation=org,
                    purpose=self.rng.choice(PURPOSES),
                    attendees=self.rng.randrange(2, plan.room.capacity + 2),
                    status=status,
                    created_by=self.rng.choice(reps[org]),
                )


def sites_and_rooms(rng: random.Random, *, sites: int, rooms: int, people):
    """Create the sites with their opening hours and rooms; returns the sites, the rooms
    and each site's hours ({site id: {weekday: (opens, closes)}})."""
    municipalities = {m.code: m for m in people.municipalities}
    site_rows, hours_rows = [], []
    for n in range(sites):
        name, code, street, postal, name_sv = SITES[n % len(SITES)]
        if n >= len(SITES):
            name, name_sv = f"{name} {n // len(SITES) + 1}", f"{name_sv} {n // len(SITES) + 1}"
        m = municipalities.get(code) or people.municipalities[0]
        site_rows.append(
            Site(
                name=name,
                name_fi=name,
                name_sv=name_sv,
                street_address=street,
                postal_code=postal,
                post_office=m.name_fi,
                municipality=m,
                description_fi="Yhdistysten yhteinen talo: kokoustiloja, sali ja kahvila.",
                accessibility_fi="Esteetön sisäänkäynti, hissi ja induktiosilmukka salissa.",
            )
        )
    site_rows = bulk(Site, site_rows)
    hours = {}
    for n, site in enumerate(site_rows):
        hours[site.pk] = HOURS[n % len(HOURS)]
        for weekday, (opens, closes) in hours[site.pk].items():
            hours_rows.append(
                OpeningHours(
                    site=site,
                    weekday=weekday,
                    opens=datetime.time(opens // 60, opens % 60),
                    closes=datetime.time(closes // 60, closes % 60),
                )
            )
    bulk(OpeningHours, hours_rows)

    room_rows = []
    for site, count in zip(site_rows, split(rooms, [1] * len(site_rows)), strict=True):
        names = rng.sample(ROOM_NAMES, min(count, len(ROOM_NAMES)))
        for i in range(count):
            kind, _share, (low, high), label, extra = rng.choices(
                ROOM_KINDS, [k[1] for k in ROOM_KINDS]
            )[0]
            title = f"{label} {names[i % len(names)]}" + (f" {i}" if i >= len(names) else "")
            member = Decimal(rng.choice([0, 5, 8, 10, 12, 15, 25]))
            room_rows.append(
                Room(
                    site=site,
                    kind=kind,
                    name=title,
                    name_fi=title,
                    capacity=rng.randint(low, high),
                    description_fi=f"{label} yhdistysten kokouksiin ja tilaisuuksiin.",
                    equipment_fi="Näyttö, fläppitaulu, langaton verkko.",
                    hourly_price_member=member,
                    hourly_price_non_member=member * 2 + 10,
                    **extra,
                )
            )
    room_rows = bulk(Room, room_rows)
    return site_rows, room_rows, hours


def closures(rng, sites, *, first_day, days):
    """A couple of closed days a year per site (staff training, renovation)."""
    rows, closed = [], set()
    for site in sites:
        for d in rng.sample(range(days), max(1, days // 180)):
            rows.append(
                OpeningException(
                    site=site,
                    date=first_day + datetime.timedelta(days=d),
                    reason="Suljettu: henkilökunnan koulutuspäivä",
                    reason_fi="Suljettu: henkilökunnan koulutuspäivä",
                )
            )
            closed.add((site.pk, d))
    bulk(OpeningException, rows)
    return closed
