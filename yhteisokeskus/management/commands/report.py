"""Every PDF report of the portal from the command line, for scheduled use (cron, a
systemd timer), through the report pipeline of the pages (core.reports), only
synchronously instead of in a Celery worker; the report is stored too:

    manage.py report annual --year 2026 --output annual.pdf
    manage.py report pilot --pilot 3 --output pilot.pdf
    manage.py report utilisation --month 2026-11 --output utilisation.pdf
    manage.py report statement --organisation 1234567-1 --month 2026-11 --output s.pdf
    manage.py report attendance --authority 2 --month 2026-11 --output attendance.pdf

Each kind is a subcommand with its own options; all take --language and --output."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.models import ReportJob
from core.reports import report_build, report_create
from facilities.models import Report as BookingReport
from facilities.reports import parse_month
from organisations.models import Organisation
from pilots.models import Pilot, PilotReport
from placements.models import AttendanceReport, Authority
from yhteisokeskus.models import AnnualReport

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _output(value: str) -> Path:
    target = Path(value)
    if not target.parent.is_dir():
        raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
    return target


def _month(value: str) -> date:
    try:
        return parse_month(value)
    except ValueError:
        raise CommandError(
            f"Bad month {value!r}: give it as YYYY-MM, for example 2026-11."
        ) from None


def _organisation(value: str) -> Organisation:
    value = value.strip()
    lookup = {"pk": int(value)} if value.isdigit() else {"business_id": value}
    try:
        return Organisation.objects.get(**lookup)
    except Organisation.DoesNotExist:
        raise CommandError(
            f"No organisation with the id or Business ID {value!r}. "
            "Give its number in the database or its Business ID (1234567-8)."
        ) from None


def _pilot(pilot_id: int) -> Pilot:
    pilot = Pilot.objects.filter(pk=pilot_id).first()
    if pilot is None:
        raise CommandError(f"No pilot with the id {pilot_id}.")
    return pilot


def _authority(authority_id: int) -> Authority:
    authority = Authority.objects.filter(pk=authority_id).first()
    if authority is None:
        raise CommandError(f"No referring authority with the id {authority_id}.")
    return authority


# Each kind: its report model and what the report is about, from the options.
REPORTS = {
    "annual": lambda options: (AnnualReport, {"year": options["year"]}),
    "pilot": lambda options: (PilotReport, {"pilot": _pilot(options["pilot"])}),
    "utilisation": lambda options: (
        BookingReport,
        {"kind": BookingReport.Kind.UTILISATION, "month": _month(options["month"])},
    ),
    "statement": lambda options: (
        BookingReport,
        {
            "kind": BookingReport.Kind.STATEMENT,
            "month": _month(options["month"]),
            "organisation": _organisation(options["organisation"]),
        },
    ),
    "attendance": lambda options: (
        AttendanceReport,
        {"authority": _authority(options["authority"]), "month": _month(options["month"])},
    ),
}


class Command(BaseCommand):
    help = "Build a PDF report now and write it to a file: manage.py report KIND [options]."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(
            dest="kind", required=True, title="reports", metavar="KIND", parser_class=type(parser)
        )

        def kind(name, help_text):
            sub = kinds.add_parser(
                name, help=help_text, called_from_command_line=parser.called_from_command_line
            )
            sub.add_argument("--language", default=settings.LANGUAGE_CODE, choices=LANGUAGES)
            sub.add_argument("--output", required=True, help="Where to write the PDF.")
            return sub

        annual = kind("annual", "The centre's annual report for the board and the funder.")
        annual.add_argument("--year", required=True, type=int, help="The calendar year.")
        pilot = kind("pilot", "A service pilot: description, goals, indicators, evaluation.")
        pilot.add_argument("--pilot", required=True, type=int, help="The pilot's id.")
        utilisation = kind("utilisation", "The utilisation of the rooms in a month.")
        utilisation.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        statement = kind("statement", "An organisation's monthly booking statement.")
        statement.add_argument(
            "--organisation", required=True, help="The organisation's id or Business ID."
        )
        statement.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        attendance = kind("attendance", "A referring authority's monthly attendance report.")
        attendance.add_argument(
            "--authority", required=True, type=int, help="The referring authority's id."
        )
        attendance.add_argument("--month", required=True, help="The month, as YYYY-MM.")

    def handle(self, *args, kind, language, output, **options):
        target = _output(output)
        model, subject = REPORTS[kind](options)
        try:
            report = report_create(model, language=language, **subject)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from None
        report = report_build(model, report.pk)
        if report.status != ReportJob.Status.DONE:
            raise CommandError(f"The report could not be built: {report.error}")
        with report.file.open("rb") as stored:
            data = stored.read()
        target.write_bytes(data)
        self.stdout.write(f"Wrote {target} ({len(data)} bytes); stored as {report.file.name}.")
