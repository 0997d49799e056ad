"""The shared models moved to core (the audit log) or now inherit core's abstract ones
(the outboxes, the report jobs) without losing a row: a database with rows in every one
of those tables, taken back to the migrations before the move and migrated forwards
again, still has each row with its values."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import AuditEntry
from facilities.models import BookingNotification, Report
from organisations.models_network import NetworkNotification
from pilots.models import PilotReminder, PilotReport
from tests.factories.facilities import BookingFactory
from tests.factories.organisations import OrganisationFactory, PartnershipFactory, UserFactory
from tests.factories.pilots import IndicatorFactory, PilotFactory
from tests.factories.trainings import EnrolmentFactory
from trainings.models import TrainingNotification
from yhteisokeskus.models import AnnualReport

# The last migration of each app before core existed.
BEFORE_CORE = [
    ("core", None),
    ("yhteisokeskus", "0002_annual_report"),
    ("organisations", "0004_partnership_network"),
    ("facilities", "0003_alter_room_photo"),
    ("events", "0007_search_in_each_language"),
    ("trainings", "0001_initial"),
    ("pilots", "0001_initial"),
]

# What each table must still hold afterwards, by primary key.
KEPT = {
    AuditEntry: ["action", "object_id", "object_repr", "changes", "actor_id"],
    BookingNotification: ["kind", "booking_id", "sent_at", "attempts", "last_error"],
    NetworkNotification: ["key", "to", "language", "sent_at", "attempts", "last_error"],
    PilotReminder: ["indicator_id", "period_start", "sent_at", "attempts", "last_error"],
    TrainingNotification: ["enrolment_id", "kind", "sent_at", "attempts", "last_error"],
    Report: ["kind", "month", "status", "file", "error", "requested_by_id"],
    PilotReport: ["pilot_id", "status", "file", "error", "language"],
    AnnualReport: ["year", "status", "file", "error", "language"],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows():
    return {
        model.__name__: {
            row["pk"]: {field: row[field] for field in fields}
            for row in model.objects.values("pk", *fields)
        }
        for model, fields in KEPT.items()
    }


def _fill():
    staff = UserFactory(is_staff=True)
    booking = BookingFactory()  # its notification row is queued by the factory or below
    BookingNotification.objects.get_or_create(
        booking=booking, kind="received", defaults={"attempts": 2, "last_error": "SMTP: 451"}
    )
    NetworkNotification.objects.create(
        key="ending-1",
        kind=NetworkNotification.Kind.PARTNERSHIP_ENDING,
        to="a@example.fi",
        language="sv",
        partnership=PartnershipFactory(),
    )
    indicator = IndicatorFactory()
    PilotReminder.objects.create(
        indicator=indicator, period_start="2026-01-01", period_end="2026-01-31"
    )
    enrolment = EnrolmentFactory()
    TrainingNotification.objects.get_or_create(enrolment=enrolment, kind="confirmed")
    report = Report.objects.create(
        kind=Report.Kind.UTILISATION, month="2026-01-01", status="done", requested_by=staff
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    PilotReport.objects.create(pilot=PilotFactory(), status="failed", error="ValueError: x")
    AnnualReport.objects.create(year=2025, status="pending", language="sv")
    OrganisationFactory()  # one more audit entry


@pytest.mark.django_db(transaction=True)
def test_every_outbox_report_and_audit_row_survives_the_move_to_core():
    _fill()
    before = _rows()
    assert all(before.values()), {name: len(rows) for name, rows in before.items()}
    latest = _latest()
    try:
        _migrate(BEFORE_CORE)
        _migrate(latest)
    finally:
        _migrate(latest)  # leave the database as the other tests expect it
    assert _rows() == before
