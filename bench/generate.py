"""A realistic, large portal for benchmarks: organisations with accounts and
memberships, sites and rooms with five years of bookings, events, trainings with
enrolments and pilots, all relative to today (three years back, two ahead).

    make bench-data SCALE=1                        # var/bench's embedded database
    DATABASE_URL=postgresql://… .venv/bin/python -m bench.generate --scale 0.01 [--seed N]

SCALE=1 makes 3,000 organisations, 100,000 events, 300,000 bookings in 200 rooms,
2,000 trainings with 60,000 enrolments and 200 pilots; every count is scaled (never
below one). The same seed on the same day gives the same data. Rows go in with COPY and
bulk_create in one transaction, so signals and the audit log are skipped and a failed
run leaves nothing behind; the database checks every constraint.

Generated rows are marked: accounts and organisations by the email domain
bench.example.fi (accounts' password: bench-salasana-2026; the staff account is
henkilokunta@bench.example.fi), events by the source key bench-event-<n>, places by
bench-place-<n>, keywords by the code bench-<word>; sites, rooms, bookings, trainings
and pilots hang off those. A database that already has bench data is left as it is
(the run says so and exits without adding anything): use a fresh database for another
scale or seed, e.g. remove var/bench."""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhteisokeskus.settings")
    import django

    django.setup()

from django.db import connection, transaction  # noqa: E402

from bench import events, facilities, organisations, pilots, trainings  # noqa: E402
from bench.db import scaled  # noqa: E402
from core import clock  # noqa: E402
from events.models import Event  # noqa: E402
from organisations.models import Organisation  # noqa: E402

FULL = {
    "organisations": 3000,
    "sites": 8,
    "rooms": 200,
    "places": 400,
    "events": 100_000,
    "bookings": 300_000,
    "programmes": 50,
    "trainings": 2000,
    "enrolments": 60_000,
    "pilots": 200,
}
YEARS_BACK, YEARS_AHEAD = 3, 2


class BenchDataExists(Exception):
    """The database already has generated rows; nothing was added."""


def existing() -> dict:
    return {
        "organisations": Organisation.objects.filter(
            email__endswith=f"@{organisations.DOMAIN}"
        ).count(),
        "events": Event.objects.filter(source_key__startswith="bench-event-").count(),
    }


def generate(*, scale: float = 1.0, seed: int = 2026, log=print) -> dict:
    """Fill the database; returns the counts made. Raises BenchDataExists if it has
    bench data already."""
    found = existing()
    if any(found.values()):
        raise BenchDataExists(
            f"The database already has bench data ({found['organisations']} organisations, "
            f"{found['events']} events); nothing was added. To generate again, use a fresh "
            "database (for make bench-data: remove var/bench)."
        )
    count = {key: scaled(value, scale) for key, value in FULL.items()}
    rng = random.Random(seed)
    now, today = clock.now(), clock.today()
    first_day = today - timedelta(days=365 * YEARS_BACK)
    days = 365 * (YEARS_BACK + YEARS_AHEAD) + 1
    counts = {}
    started = time.perf_counter()

    def step(name):
        log(f"{time.perf_counter() - started:7.1f} s  {name}")

    with transaction.atomic():
        step("organisations and accounts")
        people = organisations.generate(rng, count=count["organisations"], now=now, today=today)
        counts.update(people.counts)
        step("sites and rooms")
        sites, rooms, hours = facilities.sites_and_rooms(
            rng, sites=count["sites"], rooms=count["rooms"], people=people
        )
        closed = facilities.closures(rng, sites, first_day=first_day, days=days)
        counts.update(sites=len(sites), rooms=len(rooms), closures=len(closed))
        plan = facilities.BookingPlan(
            rng,
            rooms=rooms,
            hours=hours,
            closed=closed,
            first_day=first_day,
            days=days,
            now=now,
            people=people,
            total=count["bookings"],
        )
        step("trainings and enrolments")
        counts.update(
            trainings.generate(
                rng,
                count=count["trainings"],
                enrolments=count["enrolments"],
                programmes=count["programmes"],
                people=people,
                plan=plan,
                now=now,
                first_day=first_day,
                days=days,
            )
        )
        step("events")
        maker = events.generate(
            rng,
            count=count["events"],
            people=people,
            plan=plan,
            now=now,
            first_day=first_day,
            days=days,
            places=count["places"],
        )
        step("bookings")
        remaining = count["bookings"] - len(plan.bookings)
        if remaining < 0:
            raise RuntimeError("Sessions and room events need more bookings than asked for.")
        plan.fill(remaining)
        counts["booking series"] = plan.series.write()
        counts["bookings"] = plan.bookings.write()
        step("writing events")
        counts.update(events.write(maker))
        step("pilots")
        counts.update(
            pilots.generate(
                rng, count=count["pilots"], people=people, today=today, first_day=first_day
            )
        )
        step("checking the links between rows")
        # Foreign keys are checked at commit; check them now, so that a run inside a
        # transaction that is rolled back (the tests) is checked too, then put back
        # the default.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    step("done")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is the full volume")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    started = time.perf_counter()
    try:
        counts = generate(scale=args.scale, seed=args.seed)
    except BenchDataExists as exc:
        print(exc)
        return 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    width = max(len(name) for name in counts)
    print(f"\nBench data at scale {args.scale:g} (seed {args.seed}):")
    for name, value in counts.items():
        print(f"  {name:<{width}}  {value:>9,}")
    print(f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
