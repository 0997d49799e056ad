"""bench/RESULTS.md: the generated part (machine, data, table, targets) sits between two
markers, so that the written analysis around it (what missed, why, before and after)
survives the next run."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import django
import gunicorn
from django.db import connection
from django.utils import timezone

from core import clock

from .load import Result, Single

BEGIN = "<!-- bench:begin (written by make bench; edit outside these markers) -->"
END = "<!-- bench:end -->"
LIST_TARGET_MS = 150
SINGLE_TARGET_MS = 15
FEED_TARGET_MS = 300
PDF_TARGET_S = 20


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
        f"{platform.release()}. Server, database and load driver share it.",
        f"- Software: Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__}, PostgreSQL {postgres}.",
    ]


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def table(results: list[Result], baseline: Result | None) -> list[str]:
    lines = [
        "| Endpoint | Requests | Req/s | p50 ms | p95 ms | p99 ms | Queries/request "
        "| Of the limit | p95 ≤ 150 ms | Unexpected |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:-:|---|",
    ]
    for result in results:
        share = f"{result.rate / baseline.rate:.0%}" if baseline and baseline.rate else "–"
        is_baseline = result is baseline
        met = (
            "" if is_baseline else ("yes" if result.percentile(95) <= LIST_TARGET_MS else "**no**")
        )
        unexpected = ", ".join(f"{n}× {status}" for status, n in sorted(result.unexpected.items()))
        lines.append(
            f"| {result.name} | {result.count} | {result.rate:.1f} | {_ms(result.percentile(50))} "
            f"| {_ms(result.percentile(95))} | {_ms(result.percentile(99))} "
            f"| {result.query_range} | {share} | {met} | {unexpected or '–'} |"
        )
    return lines


def render(
    *,
    counts: dict[str, int],
    settings: str,
    passes: list[tuple[str, list[Result]]],
    singles: list[Single] = (),
    feed: Result | None,
    feed_events: int,
    pdf_seconds: float | None,
    pdf_pages: int | None,
    pdf_year: int | None,
) -> str:
    lines = [
        BEGIN,
        f"## Latest run: {timezone.localtime(clock.now()):%Y-%m-%d %H:%M} (Helsinki time)",
        "",
        *machine(),
        "- Data: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()) + ".",
        f"- Load: {settings}.",
        "",
    ]
    for title, measured in passes:
        baseline = next((r for r in measured if r.name.startswith("baseline")), None)
        lines += [f"### {title}", "", *table(measured, baseline), ""]
        notes = [f"- {result.name}: {result.note}" for result in measured if result.note]
        if notes:
            lines += [*notes, ""]
    lines += [
        "“Of the limit” is the endpoint's requests per second as a share of the constant-JSON "
        "baseline's, through the same server, middleware and settings. The POSTs run as a "
        "representative with an API token; a 409 is a slot taken meanwhile, a 400 an "
        "enrolment the training's rules refused.",
        "",
    ]
    if singles:
        lines += [
            "### Single requests, no other load, the page cache off",
            "",
            "Server time (from the first middleware to the answer) of each page's variants "
            "in turn, one request at a time, after a warm-up round.",
            "",
            "| Endpoint | Requests | median ms | p95 ms | max ms "
            f"| median ≤ {SINGLE_TARGET_MS} ms | Unexpected |",
            "|---|---:|---:|---:|---:|:-:|---|",
        ]
        for single in singles:
            if not single.server_ms:
                continue
            median = single.percentile(50)
            met = (
                ""
                if single.name.startswith("baseline")
                else ("yes" if median <= SINGLE_TARGET_MS else "**no**")
            )
            unexpected = ", ".join(
                f"{n}× {status}" for status, n in sorted(single.unexpected.items())
            )
            lines.append(
                f"| {single.name} | {len(single.server_ms)} | {_ms(median)} "
                f"| {_ms(single.percentile(95))} | {_ms(max(single.server_ms))} | {met} "
                f"| {unexpected or '–'} |"
            )
        lines.append("")
    if feed is not None:
        met = "yes" if feed.percentile(95) <= FEED_TARGET_MS else "**no**"
        lines.append(
            f"- `feed.ics` of {feed_events:,} events, one client, {feed.count} requests: "
            f"p50 {_ms(feed.percentile(50))} ms, p95 {_ms(feed.percentile(95))} ms, "
            f"{feed.query_range} queries (target ≤ {FEED_TARGET_MS} ms: {met})."
        )
    if pdf_seconds is not None:
        met = "yes" if pdf_seconds <= PDF_TARGET_S else "**no**"
        lines.append(
            f"- Annual PDF report {pdf_year}: {pdf_seconds:.1f} s, {pdf_pages} pages "
            f"(target ≤ {PDF_TARGET_S} s: {met})."
        )
    lines += ["", END]
    return "\n".join(lines)


def write(path: Path, generated: str, *, begin: str = BEGIN, end: str = END) -> None:
    """Replace the generated part between ``begin`` and ``end`` (which ``generated``
    starts and ends with), keeping everything around it; without those markers, the
    part goes at the end."""
    text = path.read_text() if path.exists() else "# Benchmark results\n\n" + begin + "\n" + end
    if begin in text and end in text:
        before = text.split(begin, 1)[0]
        after = text.split(end, 1)[1]
        text = before + generated + after
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    path.write_text(text if text.endswith("\n") else text + "\n")
