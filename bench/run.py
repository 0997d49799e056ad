"""`make bench`: the portal under load, on the data of `make bench-data`.

    python -m bench.run [--clients 8] [--seconds 20] [--workers 2] [--only NAME …]

Starts gunicorn with the production settings (DJANGO_DEBUG=false; bench/settings.py
adds only the baseline view and the query-count header), drives every endpoint of
bench/scenarios.py with closed-loop clients, times feed.ics of 1,000 events and the
annual PDF report, and writes the figures into bench/RESULTS.md between its markers.
Expects DATABASE_URL and REDIS_URL (the Makefile's embedded services set them)."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "RESULTS.md"
HOST = "127.0.0.1"

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_DEBUG": "false",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": HOST,
    # Plain HTTP on loopback: no TLS in front of this server.
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "ERROR",
}
os.environ.update(PRODUCTION)
sys.path.insert(0, str(BASE_DIR))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from core import clock  # noqa: E402
from events.models import Event  # noqa: E402
from facilities.models import Booking, Room  # noqa: E402
from organisations.models import Organisation  # noqa: E402
from pilots.models import Measurement, Pilot  # noqa: E402
from trainings.models import Enrolment, Training  # noqa: E402

from . import results, scenarios  # noqa: E402
from .load import drive, sequential, single_requests  # noqa: E402


def data_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "events": Event.objects.count(),
        "rooms": Room.objects.count(),
        "bookings": Booking.objects.count(),
        "trainings": Training.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "pilots": Pilot.objects.count(),
        "measurements": Measurement.objects.count(),
    }


def start_server(port: int, workers: int, log: Path, *, page_cache: bool) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "yhteisokeskus.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    env = {**os.environ, "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "60")}
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log}") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {log}")


def annual_pdf(year: int) -> tuple[float, int]:
    """Seconds to build the annual report as `manage.py report` does, and its pages."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "annual.pdf"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "report",
                "annual",
                f"--year={year}",
                f"--output={target}",
            ],
            cwd=BASE_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
        return elapsed, len(PdfReader(target).pages)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--only", nargs="*", help="Run only endpoints whose name has these words.")
    parser.add_argument(
        "--page-cache",
        choices=["both", "on", "off"],
        default="both",
        help="Measure with the anonymous page cache, without it, or both (default).",
    )
    parser.add_argument("--no-pdf", action="store_true", help="Skip the annual PDF report.")
    parser.add_argument(
        "--single",
        type=int,
        default=20,
        help="Single requests per page, one at a time without load (0 skips them).",
    )
    parser.add_argument("--no-write", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args(argv)

    counts = data_counts()
    if not counts["events"]:
        raise SystemExit("The database holds no events: run make bench-data first.")
    print("Data: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()), flush=True)
    call_command("collectstatic", "--noinput", verbosity=0)
    facts = scenarios.gather()
    endpoints = scenarios.endpoints(facts)
    if args.only:
        endpoints = [e for e in endpoints if any(w in e.name for w in args.only)]

    log = BASE_DIR / "var" / "bench-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    modes = {"both": [True, False], "on": [True], "off": [False]}[args.page_cache]
    passes = []
    feed = None
    feed_events = 0
    for page_cache in modes:
        cache.clear()  # every pass starts cold; the warm-up fills what it keeps
        measured = measure(args, endpoints, log, page_cache=page_cache)
        passes.append((_pass_title(page_cache), measured))
    # feed.ics of 1,000 events and single requests, built for the request (no page cache).
    server = start_server(args.port, args.workers, log, page_cache=False)
    singles = []
    try:
        if args.single:
            print("Single requests, no other load (the page cache off)", flush=True)
            for endpoint in endpoints:
                if endpoint.requests(0).method != "GET":
                    continue
                single = single_requests(HOST, args.port, endpoint, times=args.single)
                singles.append(single)
                print(
                    f"  {single.name:32} median {single.percentile(50):6.1f} ms  "
                    f"p95 {single.percentile(95):6.1f} ms",
                    flush=True,
                )
        feed_request = scenarios.feed_request(facts)
        sequential(HOST, args.port, feed_request, times=3)
        feed = sequential(HOST, args.port, feed_request, times=30)
        feed_events = _feed_size(args.port, feed_request.path)
        print(f"feed.ics of {feed_events} events: p95 {feed.percentile(95):.1f} ms", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    pdf_seconds = pdf_pages = pdf_year = None
    if not args.no_pdf:
        pdf_year = clock.today().year - 1
        pdf_seconds, pdf_pages = annual_pdf(pdf_year)
        print(f"annual PDF {pdf_year}: {pdf_seconds:.1f} s, {pdf_pages} pages", flush=True)

    generated = results.render(
        counts=counts,
        settings=(
            f"gunicorn with {args.workers} sync workers, {args.clients} closed-loop clients asking for gzip, "
            f"{args.seconds:.0f} s per endpoint after a warm-up"
        ),
        passes=passes,
        singles=singles,
        feed=feed,
        feed_events=feed_events,
        pdf_seconds=pdf_seconds,
        pdf_pages=pdf_pages,
        pdf_year=pdf_year,
    )
    if args.no_write:
        print(generated)
    else:
        results.write(RESULTS, generated)
        print(f"Written to {RESULTS.relative_to(BASE_DIR)}")
    return 0


def _pass_title(page_cache: bool) -> str:
    if page_cache:
        return "With the page cache (anonymous visitors, as in production)"
    return "Without the page cache (every page built for its request)"


def measure(args, endpoints, log: Path, *, page_cache: bool) -> list:
    server = start_server(args.port, args.workers, log, page_cache=page_cache)
    try:
        # Warm up: imports, template caches and connections in both workers.
        for endpoint in endpoints:
            drive(HOST, args.port, endpoint, clients=args.workers, seconds=1)
        measured = []
        print(_pass_title(page_cache), flush=True)
        for endpoint in endpoints:
            result = drive(HOST, args.port, endpoint, clients=args.clients, seconds=args.seconds)
            if endpoint.check is not None:
                result.note = endpoint.check()
            measured.append(result)
            print(
                f"  {result.name:32} {result.rate:7.1f}/s  p50 {result.percentile(50):6.1f}  "
                f"p95 {result.percentile(95):6.1f}  p99 {result.percentile(99):6.1f} ms  "
                f"queries {result.query_range}  unexpected {result.unexpected or '–'}",
                flush=True,
            )
            if result.note:
                print(f"    {result.note}", flush=True)
        return measured
    finally:
        server.terminate()
        server.wait(timeout=30)


def _feed_size(port: int, path: str) -> int:
    """How many events the feed answered with (a server stopped mid-run gives 0)."""
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as response:
        return response.read().count(b"BEGIN:VEVENT")


if __name__ == "__main__":
    sys.exit(main())
