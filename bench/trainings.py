"""Programmes, trainings with their sessions (in rooms, on a booking of the organiser,
online or both) and enrolments for the bench data.

A training's enrolments are confirmed in the order they came until the capacity is
reached; the rest wait, a few are cancelled, and in trainings that offer freed places
one place may be on offer. So confirmed plus offered never exceeds the capacity."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bench.data.people import FIRST_NAMES, LAST_NAMES, email_local
from bench.db import Copier, bulk, reserve_ids, split
from trainings.models import Enrolment, Programme, ProgrammeParticipant, Session, Training

PROGRAMMES = [
    "Järjestöjen hallitusvalmennus",
    "Vapaaehtoistoiminnan koordinaattorit",
    "Yhdistysten talous ja hallinto",
    "Viestinnän valmennusohjelma",
    "Vertaistoiminnan ohjaajat",
]
TITLES = [
    "Hallitustyön perusteet",
    "Yhdistyksen talous ja kirjanpito",
    "Viestintä somessa",
    "Vapaaehtoisten rekrytointi",
    "Tietosuoja yhdistyksessä",
    "Avustushakemuksen tekeminen",
    "Ensiapu 1",
    "Saavutettava tapahtuma",
    "Selkokielen perusteet",
    "Vertaisohjaajakoulutus",
    "Kokoustekniikka",
    "Digityökalut yhdistyksille",
    "Varainhankinta",
    "Turvallisemman tilan periaatteet",
    "Yhdistyksen vuosikello",
    "Jäsenrekisterin hoito",
]
AUDIENCES = [
    "Yhdistysten hallitusten jäsenet",
    "Vapaaehtoiset",
    "Työntekijät ja vapaaehtoiset",
    "Kaikki yhdistysaktiivit",
]


def _programmes(rng, *, count, people, first_day, days):
    rows = []
    for n in range(count):
        year = first_day.year + n * ((days // 365) + 1) // max(count, 1)
        starts = datetime.date(year, rng.choice([1, 8]), 1)
        name = f"{PROGRAMMES[n % len(PROGRAMMES)]} {year}"
        if n >= len(PROGRAMMES) * 6:
            name = f"{name} ({n})"
        rows.append(
            Programme(
                name=name,
                name_fi=name,
                starts_on=starts,
                ends_on=starts + datetime.timedelta(days=rng.randint(300, 364)),
                description_fi="Vuoden mittainen valmennus, johon yhdistykset sitoutuvat.",
            )
        )
    programmes = bulk(Programme, rows)
    orgs = sorted(people.representatives) or [o[0] for o in people.organisations]
    participants = []
    for programme in programmes:
        for org in rng.sample(orgs, min(len(orgs), rng.randint(5, 25))):
            participants.append(
                ProgrammeParticipant(
                    programme=programme,
                    organisation_id=org,
                    committed_on=programme.starts_on - datetime.timedelta(days=rng.randint(5, 60)),
                    contact_person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                )
            )
    bulk(ProgrammeParticipant, participants)
    return programmes, len(participants)


def generate(rng, *, count, enrolments, programmes, people, plan, now, first_day, days):
    programmes, participant_count = _programmes(
        rng, count=programmes, people=people, first_day=first_day, days=days
    )
    bookers = sorted(people.representatives) or [o[0] for o in people.organisations]
    organisers = bookers[:10]
    trainings = Copier(Training, now=now)
    sessions = Copier(Session, now=now)
    training_ids = reserve_ids(Training, count)
    shapes = []  # (training id, capacity, status, opens, closes, waitlist mode, offer hours, …)
    for n, training_id in enumerate(training_ids):
        organiser = organisers[0] if rng.random() < 0.7 else rng.choice(organisers)
        form = rng.choices(["in_person", "online", "hybrid"], [5, 3, 2])[0]
        capacity = rng.randint(20, 100) if form == "online" else rng.randint(10, 40)
        weeks = rng.choices([1, 2, 3, 4, 5], [4, 2, 2, 1, 1])[0]
        # Most trainings have opened for enrolment already; the first always has.
        latest = min(days - 7 * weeks, plan.today_offset + 45)
        if n == 0:
            first = max(0, plan.today_offset - 30 - 7 * weeks)
        elif rng.random() < 0.9:
            first = rng.randrange(max(1, latest))
        else:
            first = rng.randrange(plan.today_offset, max(plan.today_offset + 1, days - 7 * weeks))
        title = f"{rng.choice(TITLES)}"
        title_full = f"{title} {plan.day(first).year}" if rng.random() < 0.5 else title
        times = []
        if form != "online":
            fitting = [p for p in plan.plans if p.room.capacity >= capacity] or plan.plans
            room_plan = rng.choice(fitting)
            capacity = min(capacity, room_plan.room.capacity)
            weekday = rng.choice(sorted(room_plan.weekday_blocks))
            block = rng.randrange(len(room_plan.weekday_blocks[weekday]))
            for d in plan.weekly(room_plan, weekday=weekday, block=block, first=first, count=weeks):
                booking = plan.add(
                    room_plan,
                    d,
                    block,
                    organisation=organiser,
                    purpose=title_full,
                    attendees=capacity,
                    created_by=people.staff_id,
                )
                times.append((booking["start"], booking["end"], room_plan.room.pk, booking["id"]))
        if not times:
            form = "online"
            for w in range(weeks):
                day = datetime.datetime.combine(plan.day(first + 7 * w), datetime.time(13))
                start = timezone.make_aware(day)
                times.append((start, start + datetime.timedelta(hours=3), None, None))
        for start, end, room, booking in times:
            sessions.add(
                training_id=training_id,
                starts=start,
                ends=end,
                room_id=room,
                booking_id=booking,
                online_url=f"https://meet.bench.example.fi/koulutus/{training_id}"
                if form != "in_person" or room is None
                else "",
            )
        opens = times[0][0] - datetime.timedelta(days=45)
        closes = times[0][0] - datetime.timedelta(days=1)
        ended = times[-1][1] < now
        status = "completed" if ended and rng.random() < 0.85 else "published"
        if rng.random() < 0.03:
            status = "cancelled"
        elif count >= 20 and not ended and opens > now and rng.random() < 0.3:
            status = "draft"
        rule = rng.choices(["all", "min", "staff", "none"], [4, 2, 1, 3])[0]
        mode = "offer" if rng.random() < 0.2 else "promote"
        paid = rng.random() < 0.4
        limit = rng.choice([None, None, None, 2, 3, 5])
        member_price = Decimal(rng.choice([20, 30, 45, 60])) if paid else Decimal(0)
        trainings.add(
            id=training_id,
            programme_id=rng.choice(programmes).pk if rng.random() < 0.85 else None,
            organiser_id=organiser,
            title=title_full,
            title_fi=title_full,
            description=f"{title}: käytännön koulutus yhdistystoimijoille.",
            description_fi=f"{title}: käytännön koulutus yhdistystoimijoille.",
            audience=rng.choice(AUDIENCES),
            audience_fi=rng.choice(AUDIENCES),
            format=form,
            trainers=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            capacity=capacity,
            enrolment_opens=opens,
            enrolment_closes=closes,
            price_member=member_price,
            price_other=member_price * Decimal("1.5"),
            max_per_organisation=limit,
            certificate_rule=rule,
            certificate_min_sessions=max(1, len(times) - 1) if rule == "min" else None,
            waitlist_mode=mode,
            offer_hours=rng.choice([24, 48]) if mode == "offer" else None,
            status=status,
            published_at=None if status == "draft" else opens,
            created_at=min(opens - datetime.timedelta(days=14), now),
        )
        shapes.append(
            (training_id, capacity, status, opens, closes, mode, ended, member_price, limit)
        )
    counts = {
        "programmes": len(programmes),
        "programme participants": participant_count,
        "trainings": trainings.write(),
        "training sessions": sessions.write(),
    }
    counts["enrolments"] = _enrolments(rng, shapes, total=enrolments, people=people, now=now)
    return counts


def _enrolments(rng, shapes, *, total, people, now):
    rows = Copier(Enrolment, now=now)
    weights = [
        0 if status == "draft" or opens > now else capacity * rng.uniform(0.5, 1.6)
        for _id, capacity, status, opens, *_rest in shapes
    ]
    users = people.users
    user_org = {}
    for org, user_ids in people.representatives.items():
        for user_id in user_ids:
            user_org.setdefault(user_id, org)
    bookers = sorted(people.representatives)
    pool = max(20000, 2 * total // max(1, len(shapes)))
    for shape, c in zip(shapes, split(total, weights), strict=True):
        training_id, capacity, status, opens, closes, mode, ended, price, limit = shape
        if not c:
            continue
        span = max(60.0, (min(closes, now) - opens).total_seconds())
        moments = sorted(opens + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in range(c))
        people_ix = rng.sample(range(pool + len(users)), c)
        confirmed = 0
        per_org = {}
        made = []
        for moment, ix in zip(moments, people_ix, strict=True):
            moment = min(moment, now)
            if ix < len(users):
                user_id, name, email = users[ix]
                org = user_org.get(user_id)
                enrolled_by = user_id
            else:
                user_id = None
                name = (
                    f"{FIRST_NAMES[ix % len(FIRST_NAMES)]} {LAST_NAMES[ix // 7 % len(LAST_NAMES)]}"
                )
                email = f"{email_local('osallistuja', str(ix))}@bench.example.fi"
                org = rng.choice(bookers) if bookers and rng.random() < 0.7 else None
                enrolled_by = rng.choice(people.representatives[org]) if org else None
            if org is not None and limit is not None and per_org.get(org, 0) >= limit:
                org, enrolled_by = None, user_id
            if org is not None:
                per_org[org] = per_org.get(org, 0) + 1
            member = org in people.members
            row = {
                "training_id": training_id,
                "user_id": user_id,
                "organisation_id": org,
                "enrolled_by_id": enrolled_by,
                "name": name,
                "email": email,
                "price": price if member else price * Decimal("1.5"),
                "member_price": member,
                "created_at": moment,
                "language": "fi" if rng.random() < 0.93 else "sv",
            }
            if status == "cancelled" or rng.random() < 0.08:
                row.update(
                    status="cancelled",
                    cancelled_at=min(moment + datetime.timedelta(days=rng.randint(0, 10)), now),
                    cancelled_by_id=enrolled_by,
                )
            elif confirmed < capacity:
                confirmed += 1
                row.update(status="confirmed", confirmed_at=moment)
            else:
                row.update(status="waiting", waiting_since=moment)
            made.append(row)
        waiting = [r for r in made if r["status"] == "waiting"]
        if mode == "offer" and waiting and not ended and status == "published":
            # A place freed and was offered to the first on the waiting list.
            last = next(r for r in reversed(made) if r["status"] == "confirmed")
            last.update(status="cancelled", cancelled_at=now, confirmed_at=None)
            waiting[0].update(status="offered", offer_expires_at=now + datetime.timedelta(hours=24))
            if len(waiting) > 1:
                waiting[1].update(status="expired")
        for row in made:
            rows.add(**row)
    return rows.write()
