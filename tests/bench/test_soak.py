"""The soak run's logic without its ten minutes (bench/soak.py): which phase a moment
belongs to, the verdict on made-up figures, the traffic mix, and the SMTP sink counting
two messages of one outbox row as a duplicate."""

import smtplib
from email.message import EmailMessage

import pytest

from bench.load import Endpoint, Request
from bench.services import MailSink
from bench.soak import Tally, Timeline, is_server_error, traffic_mix, verdict
from core.outbox import HEADER


@pytest.mark.parametrize(
    ("elapsed", "phase"),
    [
        (0, "before"),
        (179.9, "before"),
        (180, "Redis away"),
        (239.9, "Redis away"),
        (240, "after Redis"),
        (360, "worker away"),
        (420, "after worker"),
        (599, "after worker"),
    ],
)
def test_ten_minutes_stop_redis_in_minute_four_and_the_worker_in_minute_seven(elapsed, phase):
    assert Timeline(600).phase(elapsed) == phase


def test_the_faults_scale_with_the_run():
    assert Timeline(120).boundaries == pytest.approx([36, 48, 72, 84])


def good_tally(**changes) -> Tally:
    tally = Tally(
        made={"booking": 10, "enrolment": 8, "report": 2},
        found={"booking": 10, "enrolment": 8, "report": 2},
        outbox_rows=18,
        sent=18,
        reports={"done": 2},
        memory_start=400 * 2**20,
        memory_end=450 * 2**20,
    )
    for name, value in changes.items():
        setattr(tally, name, value)
    return tally


def failed(tally: Tally) -> list[str]:
    return [name for name, ok in verdict(tally) if not ok]


def test_a_clean_run_passes():
    assert failed(good_tally()) == []


@pytest.mark.parametrize(
    ("changes", "criterion"),
    [
        ({"found": {"booking": 9, "enrolment": 8, "report": 2}}, "no write lost"),
        ({"duplicates": 1}, "every notification sent exactly once"),
        ({"missing": 1}, "every notification sent exactly once"),
        ({"unsent": 3}, "every notification sent exactly once"),
        ({"reports": {"done": 1, "pending": 1}}, "every report built or failed"),
        ({"server_errors": 1}, "no 5xx and no dropped request"),
        ({"memory_end": 490 * 2**20}, "worker memory within 20%"),
    ],
)
def test_each_criterion_fails_the_run(changes, criterion):
    assert failed(good_tally(**changes)) == [criterion]


def test_a_failed_report_counts_as_finished():
    assert failed(good_tally(reports={"done": 1, "failed": 1})) == []


@pytest.mark.parametrize(
    ("error", "server"),
    [("", False), ("409", False), ("400", False), ("500", True), ("502", True)]
    + [("ConnectionResetError", True), ("TimeoutError", True)],
)
def test_a_5xx_or_no_answer_is_a_server_error_and_a_refusal_is_not(error, server):
    assert is_server_error(error) is server


def test_the_mix_asks_for_a_report_every_nth_request_and_cycles_the_rest():
    endpoints = [
        Endpoint("baseline: constant JSON", lambda i: Request("/bench/baseline")),
        Endpoint("calendar list", lambda i: Request(f"/tapahtumat/?page={i}")),
        Endpoint("booking create (API)", lambda i: Request("/api/v1/bookings/", "POST")),
    ]
    report = Request("/raportit/", "POST", expect=302)
    next_request = traffic_mix(endpoints, report, report_every=5)
    taken = [next_request() for _ in range(10)]
    assert [kind for kind, _ in taken] == ["read", "booking", "read", "booking", "report"] + [
        "booking",
        "read",
        "booking",
        "read",
        "report",
    ]
    # Each endpoint goes through its own variants in turn (the report takes a turn).
    pages = [r.path for kind, r in taken if kind == "read"]
    assert pages == [f"/tapahtumat/?page={n}" for n in (0, 1, 3, 4)]


def test_the_sink_counts_two_messages_of_one_row_as_a_duplicate():
    sink = MailSink()
    sink.controller.start()
    try:
        with smtplib.SMTP(sink.controller.hostname, sink.controller.port) as smtp:
            for row in ["facilities.bookingnotification:1"] * 2 + [
                "trainings.trainingnotification:7",
                None,
            ]:
                message = EmailMessage()
                message["From"], message["To"], message["Subject"] = "a@x.fi", "b@x.fi", "Hei"
                if row:
                    message[HEADER] = row
                smtp.send_message(message)
    finally:
        sink.controller.stop()
    sent = {"facilities.bookingnotification:1", "facilities.bookingnotification:2"}
    duplicates, missing, other = sink.compare(sent)
    # Row 1 twice, row 2 never; the training's row was not among those sent, and one
    # message named no row at all.
    assert (duplicates, missing, other) == (1, 1, 2)
