"""Events for the bench data: single events at places, online and in the centre's rooms
(on a room booking of the organiser), multi-day and date-only events, and weekly series
(a parent event with its sub-events, in a room on a booking series or at a place).

Generated events have the source key ``bench-event-<n>``, places ``bench-place-<n>`` and
keywords the code ``bench-<word>``."""

import datetime

from django.utils import timezone

from bench.data import events as words
from bench.data.organisations import BIG_TOWNS, genitive
from bench.db import Copier, bulk, reserve_ids
from events.models import Event, Keyword, Place

HOURS = [(10, 2), (12, 1), (13, 2), (14, 1), (17, 4), (18, 5), (19, 2)]
OTHER_LANGUAGES = ["ru", "uk", "ar", "so", "et", "se", "fse"]


class EventMaker:
    def __init__(self, rng, *, people, plan, now, first_day, days, places, keywords):
        self.rng, self.people, self.plan, self.now = rng, people, plan, now
        self.first_day, self.days, self.places, self.keywords = first_day, days, places, keywords
        self.rows = Copier(Event, now=now)
        self.links = Copier(Event.keywords.through, now=now)
        self.org_ids = [o[0] for o in people.organisations]
        self.n = 0

    # Texts ----------------------------------------------------------------------------

    def texts(self, template):
        rng = self.rng
        kind, fi, sv, en, codes, audiences = template
        name = fi
        draw = rng.random()
        if draw < 0.25:
            name = f"{fi}: {rng.choice(words.TOPICS)}"
        elif draw < 0.28:
            name = f"{fi} – {rng.choice(words.RARE)}"
        sentences = rng.sample(words.SENTENCES, rng.randint(2, 4))
        if rng.random() < 0.05:
            sentences.append(f"Illan erityisteemana on {rng.choice(words.RARE)}.")
        values = {
            "kind": kind,
            "name": name,
            "name_fi": name,
            "short_description": sentences[0],
            "short_description_fi": sentences[0],
            "description": " ".join(sentences),
            "description_fi": " ".join(sentences),
        }
        languages = ["fi"]
        if sv and rng.random() < 0.12:
            values.update(name_sv=sv, description_sv=" ".join(rng.sample(words.SENTENCES_SV, 2)))
            languages.append("sv")
        if en and rng.random() < 0.15:
            values.update(name_en=en, description_en=" ".join(rng.sample(words.SENTENCES_EN, 2)))
            if rng.random() < 0.5:
                languages.append("en")
        if rng.random() < 0.04:
            languages.append(rng.choice(OTHER_LANGUAGES))
        extra = [rng.choice(["everyone", "adults", "families", "older_people", "youth"])]
        values["audiences"] = sorted(set(audiences + (extra if rng.random() < 0.2 else [])))
        values["languages"] = languages
        return values, codes

    def common(self, organisation=None):
        rng = self.rng
        values = {
            "wheelchair_accessible": rng.random() < 0.6,
            "induction_loop": rng.random() < 0.2,
            "plain_language": rng.random() < 0.1,
            "sign_language": rng.random() < 0.03,
        }
        if rng.random() < 0.4:
            values.update(is_free=False, price=rng.choice(words.PRICES))
        if organisation is None and rng.random() < 0.12:
            values["organiser_name"] = rng.choice(words.OTHER_ORGANISERS)
        else:
            organisation = organisation or rng.choice(self.org_ids)
            values["organisation_id"] = organisation
            reps = self.people.representatives.get(organisation)
            values["created_by_id"] = rng.choice(reps) if reps else None
        if rng.random() < 0.1:
            values["registration_url"] = f"https://ilmoittaudu.bench.example.fi/{self.n}"
        if rng.random() < 0.2:
            values["info_url"] = f"https://yhdistys.bench.example.fi/tapahtumat/{self.n}"
        if rng.random() < 0.05:
            values.update(
                image_url=f"https://kuvat.bench.example.fi/tapahtumat/{self.n}.jpg",
                image_alt="Ihmisiä tilaisuudessa.",
                image_alt_fi="Ihmisiä tilaisuudessa.",
            )
        return values

    def state(self, start):
        rng = self.rng
        draw = rng.random()
        publication = "published" if draw < 0.96 else ("draft" if draw < 0.98 else "submitted")
        created = min(start - datetime.timedelta(days=rng.randrange(3, 90)), self.now)
        values = {
            "publication": publication,
            "created_at": created,
            "last_modified": min(created + datetime.timedelta(days=rng.randrange(0, 5)), self.now),
        }
        if publication == "published":
            values["published_at"] = values["last_modified"]
            status = rng.random()
            if status < 0.02:
                values["status"] = "cancelled"
            elif status < 0.023:
                values["status"] = "postponed"
            if rng.random() < 0.003:
                values["deleted_at"] = self.now
        return values

    # Rows -----------------------------------------------------------------------------

    def add(self, *, start, end, texts, codes, location, extra=None, event_id=None):
        self.n += 1
        event_id = event_id or self.ids.pop()
        row = {"id": event_id, "start": start, "end": end, "source_key": f"bench-event-{self.n}"}
        row.update(texts)
        row.update(location)
        row.update(extra or {})
        row.update(self.state(start))
        self.rows.add(**row)
        for code in codes:
            self.links.add(event_id=event_id, keyword_id=self.keywords[code])
        return event_id

    def local(self, day, hour, minute=0):
        moment = datetime.datetime.combine(
            self.first_day + datetime.timedelta(days=day), datetime.time(hour, minute)
        )
        return timezone.make_aware(moment)

    def location(self):
        draw = self.rng.random()
        if draw < 0.82:
            return {"place_id": self.rng.choice(self.places)}
        return {"online_url": f"https://meet.bench.example.fi/{self.n}"}

    def single(self):
        rng = self.rng
        template = rng.choice(words.TEMPLATES)
        texts, codes = self.texts(template)
        day = rng.randrange(self.days)
        extra = self.common()
        draw = rng.random()
        if draw < 0.04:  # date only, one to three days
            start = self.local(day, 0)
            end = self.local(day + rng.randint(1, 3), 0)
            extra["all_day"] = True
        elif draw < 0.07:  # several days, e.g. an exhibition or a camp
            start = self.local(day, rng.choice([9, 10, 12]))
            end = self.local(day + rng.randint(1, 14), rng.choice([16, 18]))
        else:
            hour = rng.choices([h for h, _ in HOURS], [w for _, w in HOURS])[0]
            start = self.local(day, hour, rng.choice([0, 0, 30]))
            end = start + datetime.timedelta(minutes=rng.choice([60, 90, 120, 120, 180]))
        self.add(
            start=start, end=end, texts=texts, codes=codes, location=self.location(), extra=extra
        )

    def in_room(self):
        """A single event on a room booking of its organiser; False when no room is free."""
        rng, plan = self.rng, self.plan
        room_plan = rng.choice(plan.plans)
        found = plan.one(room_plan, near=rng.randrange(self.days))
        bookers = sorted(self.people.representatives)
        if found is None or not bookers:
            return False
        organisation = rng.choice(bookers)
        template = rng.choice(words.TEMPLATES)
        texts, codes = self.texts(template)
        attendees = rng.randrange(5, room_plan.room.capacity + 5)
        booking = plan.add(
            room_plan,
            *found,
            organisation=organisation,
            purpose=texts["name_fi"],
            attendees=attendees,
            created_by=rng.choice(self.people.representatives[organisation]),
        )
        extra = self.common(organisation)
        extra["expected_attendees"] = booking["attendees"]
        self.add(
            start=booking["start"],
            end=booking["end"],
            texts=texts,
            codes=codes,
            location={"room_id": room_plan.room.pk, "booking_id": booking["id"]},
            extra=extra,
        )
        return True

    def series(self, budget: int) -> int:
        """A weekly series: its parent and up to budget - 1 sub-events. Returns the count."""
        rng, plan = self.rng, self.plan
        template = rng.choice([t for t in words.TEMPLATES if t[0] in ("course", "meeting_place")])
        texts, codes = self.texts(template)
        weeks = min(budget - 1, rng.randint(4, 16))
        first = rng.randrange(max(1, self.days - 7 * weeks))
        bookers = sorted(self.people.representatives)
        if rng.random() < 0.4 and bookers:
            room_plan = rng.choice(plan.plans)
            organisation = rng.choice(bookers)
            weekday = rng.choice(sorted(room_plan.weekday_blocks))
            block = rng.randrange(len(room_plan.weekday_blocks[weekday]))
            bookings = plan.add_series(
                room_plan,
                organisation=organisation,
                weekday=weekday,
                block=block,
                first=first,
                count=weeks,
                purpose=texts["name_fi"],
                attendees=rng.randrange(5, 30),
                created_by=rng.choice(self.people.representatives[organisation]),
            )
            if not bookings:
                return 0
            times = [(b["start"], b["end"], b["id"]) for b in bookings]
            room = {"room_id": room_plan.room.pk}
            extra = self.common(organisation)
        else:
            hour = rng.choices([h for h, _ in HOURS], [w for _, w in HOURS])[0]
            length = datetime.timedelta(minutes=rng.choice([60, 90, 120]))
            times = [(self.local(first + 7 * w, hour), None, None) for w in range(weeks)]
            times = [(s, s + length, None) for s, _e, _b in times]
            room = self.location()
            extra = self.common()
        parent = self.add(
            start=times[0][0],
            end=times[-1][1],
            texts=texts,
            codes=codes,
            location=room,
            extra=extra,
        )
        for start, end, booking in times:
            location = dict(room, booking_id=booking) if booking else room
            self.add(
                start=start,
                end=end,
                texts=texts,
                codes=codes,
                location=location,
                extra=dict(extra, super_event_id=parent),
            )
        return 1 + len(times)


def keywords_and_places(rng, *, people, places: int):
    keywords = bulk(
        Keyword,
        [
            Keyword(code=f"bench-{code}", name=fi, name_fi=fi, name_sv=sv, name_en=en)
            for code, (fi, sv, en) in words.KEYWORDS.items()
        ],
    )
    municipalities = people.municipalities
    weights = [BIG_TOWNS.get(m.code, 1) for m in municipalities]
    rows = []
    for n in range(places):
        m = rng.choices(municipalities, weights)[0]
        name = f"{genitive(m.name_fi)} {rng.choice(words.PLACE_KINDS)}"
        rows.append(
            Place(
                name=name,
                name_fi=name,
                street_address=f"Keskuskatu {n % 80 + 1}",
                postal_code=f"{rng.randrange(100, 99999):05d}",
                post_office=m.name_fi,
                municipality=m,
                source_key=f"bench-place-{n + 1}",
            )
        )
    places = bulk(Place, rows)
    return {k.code.removeprefix("bench-"): k.pk for k in keywords}, [p.pk for p in places]


def generate(rng, *, count, people, plan, now, first_day, days, places):
    keywords, place_ids = keywords_and_places(rng, people=people, places=places)
    maker = EventMaker(
        rng,
        people=people,
        plan=plan,
        now=now,
        first_day=first_day,
        days=days,
        places=place_ids,
        keywords=keywords,
    )
    maker.ids = reserve_ids(Event, count)[::-1]
    made, series = 0, 0
    series_budget, room_budget = int(count * 0.12), int(count * 0.1)
    while made < series_budget and series_budget - made >= 3:
        added = maker.series(series_budget - made)
        made += added
        series += bool(added)
    rooms = 0
    while rooms < room_budget and maker.in_room():
        rooms += 1
    for _ in range(count - made - rooms):
        maker.single()
    maker.counts = {"keywords": len(keywords), "places": len(place_ids), "event series": series}
    return maker


def write(maker) -> dict:
    """Insert the events (after the bookings they sit on)."""
    return {
        **maker.counts,
        "events": maker.rows.write(),
        "event keywords (links)": maker.links.write(),
    }
