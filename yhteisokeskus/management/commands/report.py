"""Every PDF report of the portal from the command line, for scheduled use (cron, a
systemd timer), through the same code as the pages that ask for them:

    manage.py report annual --year 2026 --output annual.pdf
    manage.py report pilot --pilot 3 --output pilot.pdf
    manage.py report utilisation --month 2026-11 --output utilisation.pdf
    manage.py report statement --organisation 1234567-1 --month 2026-11 --output s.pdf

Each kind is a subcommand with its own options; all take --language and --output.
The room booking reports are built by facilities' own command (facilities_report)."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.reports import report_build, report_create
from pilots.models import Pilot, PilotReport
from yhteisokeskus.models import AnnualReport

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _output(value: str) -> Path:
    target = Path(value)
    if not target.parent.is_dir():
        raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
    return target


class Command(BaseCommand):
    help = "Build a PDF report now and write it to a file: manage.py report KIND [options]."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(
            dest="kind", required=True, title="reports", metavar="KIND", parser_class=type(parser)
        )

        def kind(name, help_text):
            sub = kinds.add_parser(name, help=help_text, called_from_command_line=True)
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

    def handle(self, *args, kind, language, output, **options):
        target = _output(output)
        if kind == "pilot":
            return self._pilot(options["pilot"], language, target)
        if kind == "annual":
            return self._annual(options["year"], language, target)
        extra = {"organisation": options["organisation"]} if kind == "statement" else {}
        call_command(
            "facilities_report",
            kind,
            month=options["month"],
            language=language,
            output=str(target),
            stdout=self.stdout,
            stderr=self.stderr,
            **extra,
        )

    def _pilot(self, pilot_id: int, language: str, target: Path):
        pilot = Pilot.objects.filter(pk=pilot_id).first()
        if pilot is None:
            raise CommandError(f"No pilot with the id {pilot_id}.")
        try:
            report = report_create(PilotReport, pilot=pilot, language=language)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from None
        report = report_build(PilotReport, report.pk)
        if report.status != PilotReport.Status.DONE:
            raise CommandError(f"The report could not be built: {report.error}")
        self._write(report, target)

    def _annual(self, year: int, language: str, target: Path):
        try:
            report = report_create(AnnualReport, year=year, language=language)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from None
        report = report_build(AnnualReport, report.pk)
        if report.status != AnnualReport.Status.DONE:
            raise CommandError(f"The report could not be built: {report.error}")
        self._write(report, target)

    def _write(self, report, target: Path):
        with report.file.open("rb") as stored:
            data = stored.read()
        target.write_bytes(data)
        self.stdout.write(f"Wrote {target} ({len(data)} bytes); stored as {report.file.name}.")
