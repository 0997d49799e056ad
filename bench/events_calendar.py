"""Benchmark of the public calendar with many events (default 100,000).

    DATABASE_URL=postgresql://… .venv/bin/python bench/events_calendar.py [count]

Fills the database named by DATABASE_URL (use a scratch one: it adds rows) with
published events spread over two years, then times the list page, the month view, the
feed and the API for the common filters and prints each query plan's first line, so
that a sequential scan over all events is easy to spot. Timings belong here, not in
the tests."""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhteisokeskus.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from events.models import Event, Keyword, Place  # noqa: E402
from organisations.models import Municipality, Organisation  # noqa: E402
from yhteisokeskus import clock  # noqa: E402

WORDS = "kuoro konsertti lukupiiri kahvila näyttely luento retki jumppa kurssi ilta".split()


def fill(count: int):
    existing = Event.objects.filter(source_key__startswith="bench-").count()
    if existing >= count:
        return
    municipality = Municipality.objects.order_by("code").first()
    organisation = Organisation.objects.first() or Organisation.objects.create(name_fi="Bench ry")
    places = [
        Place.objects.get_or_create(
            name_fi=f"Bench-paikka {n}", defaults={"municipality": municipality}
        )[0]
        for n in range(20)
    ]
    keywords = [
        Keyword.objects.get_or_create(code=f"bench-{w}", defaults={"name_fi": w})[0] for w in WORDS
    ]
    now = clock.now()
    rng = random.Random(1)
    batch = []
    for n in range(existing, count):
        start = now + timedelta(minutes=rng.randrange(-365 * 24 * 60, 365 * 24 * 60))
        words = rng.sample(WORDS, 2)
        batch.append(
            Event(
                name_fi=f"{words[0].capitalize()}{words[1]} {n}",
                description_fi=" ".join(rng.sample(WORDS, 5)),
                start=start,
                end=start + timedelta(hours=2),
                organisation=organisation,
                place=rng.choice(places),
                publication="published",
                published_at=now,
                audiences=[rng.choice(["children", "adults", "older_people", "everyone"])],
                languages=["fi"],
                is_free=rng.random() < 0.6,
                price="5 €",
                source_key=f"bench-{n}",
            )
        )
        if len(batch) == 5000:
            created = Event.objects.bulk_create(batch)
            through = Event.keywords.through
            through.objects.bulk_create(
                [through(event_id=e.pk, keyword_id=rng.choice(keywords).pk) for e in created]
            )
            batch = []
    if batch:
        Event.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")


def timed(client, path):
    best = None
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    print(f"{best * 1000:8.1f} ms  {response.status_code}  {path}")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    fill(count)
    print(f"{Event.objects.count()} events")
    client = Client()
    for path in [
        "/tapahtumat/",
        "/tapahtumat/?when=week",
        "/tapahtumat/?when=weekend&is_free=true",
        "/tapahtumat/?text=kuorokonsertti",
        "/tapahtumat/?keyword=bench-kuoro&audience=adults",
        "/tapahtumat/?page=200",
        "/tapahtumat/kalenteri/",
        "/events/feed.ics?when=week",
        "/api/v1/events/?start=today&page_size=100",
        "/api/v1/events/?text=lukupiiri",
        f"/api/v1/events/?last_modified_since={(clock.now() - timedelta(hours=1)).isoformat()}",
    ]:
        timed(client, path.replace("+", "%2B"))


if __name__ == "__main__":
    main()
