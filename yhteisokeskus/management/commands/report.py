"""Every PDF report of the portal from the command line, for scheduled use (cron, a
systemd timer), through the report pipeline of the pages (core.reports), only
synchronously instead of in a Celery worker; the report is stored too:

    manage.py report annual --year 2026 --output annual.pdf
    manage.py report pilot --pilot 3 --output pilot.pdf
    manage.py report utilisation --month 2026-11 --output utilisation.pdf
    manage.py report statement --organisation 1234567-1 --month 2026-11 --output s.pdf
    manage.py report grant-letter --application 12 --language sv --output letter.pdf
    manage.py report grant-summary --call 3 --output decisions.pdf
    manage.py report fee-statement --organisation 1234567-1 --month 2026-11 --output f.pdf
    manage.py report volunteer-certificate --person 12 --output certificate.pdf
    manage.py report attendance --authority 2 --month 2026-11 --output attendance.pdf
    manage.py report knowledge-summary --municipality 609 --output pori.pdf
    manage.py report consultation --consultation 4 --language sv --output c.pdf
    manage.py report participation-model --output model.pdf

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
from grants.models import Application, Call, DecisionLetter, DecisionSummary
from insights.models import KnowledgeSummary
from organisations.models import Municipality, Organisation
from participation.models import Consultation, ConsultationReport, ModelReport
from pilots.models import Pilot, PilotReport
from placements.models import AttendanceReport, Authority
from volunteering.models import Profile as VolunteerProfile
from volunteering.models import Report as VolunteeringReport
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


def _grant_application(application_id: int) -> Application:
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        raise CommandError(f"No grant application with the id {application_id}.")
    return application


def _grant_call(call_id: int) -> Call:
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        raise CommandError(f"No grant call with the id {call_id}.")
    return call


def _volunteer(profile_id: int) -> VolunteerProfile:
    profile = VolunteerProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise CommandError(f"No volunteer profile with the id {profile_id}.")
    return profile


def _authority(authority_id: int) -> Authority:
    authority = Authority.objects.filter(pk=authority_id).first()
    if authority is None:
        raise CommandError(f"No referring authority with the id {authority_id}.")
    return authority


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code.zfill(3)).first()
    if municipality is None:
        raise CommandError(f"No municipality with the number {code}.")
    return municipality


def _consultation(consultation_id: int) -> Consultation:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise CommandError(f"No consultation with the id {consultation_id}.")
    return consultation


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
    "grant-letter": lambda options: (
        DecisionLetter,
        {"application": _grant_application(options["application"])},
    ),
    "grant-summary": lambda options: (
        DecisionSummary,
        {"call": _grant_call(options["call"])},
    ),
    "fee-statement": lambda options: (
        VolunteeringReport,
        {
            "kind": VolunteeringReport.Kind.STATEMENT,
            "month": _month(options["month"]),
            "organisation": _organisation(options["organisation"]),
        },
    ),
    "volunteer-certificate": lambda options: (
        VolunteeringReport,
        {"kind": VolunteeringReport.Kind.CERTIFICATE, "profile": _volunteer(options["person"])},
    ),
    "attendance": lambda options: (
        AttendanceReport,
        {"authority": _authority(options["authority"]), "month": _month(options["month"])},
    ),
    "knowledge-summary": lambda options: (
        KnowledgeSummary,
        {"municipality": _municipality(options["municipality"])},
    ),
    "consultation": lambda options: (
        ConsultationReport,
        {"consultation": _consultation(options["consultation"])},
    ),
    "participation-model": lambda options: (ModelReport, {}),
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
        letter = kind("grant-letter", "The decision letter of a grant application.")
        letter.add_argument("--application", required=True, type=int, help="The application's id.")
        summary = kind("grant-summary", "The summary of a grant call's decisions.")
        summary.add_argument("--call", required=True, type=int, help="The call's id.")
        fees = kind("fee-statement", "An organisation's monthly fee statement of volunteering.")
        fees.add_argument(
            "--organisation", required=True, help="The organisation's id or Business ID."
        )
        fees.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        certificate = kind("volunteer-certificate", "A person's volunteering certificate.")
        certificate.add_argument("--person", required=True, type=int, help="The profile's id.")
        attendance = kind("attendance", "A referring authority's monthly attendance report.")
        attendance.add_argument(
            "--authority", required=True, type=int, help="The referring authority's id."
        )
        attendance.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        knowledge = kind("knowledge-summary", "A municipality's knowledge summary of insights.")
        knowledge.add_argument("--municipality", required=True, help="The municipality's number.")
        consultation = kind("consultation", "A consultation's results, themes and goals.")
        consultation.add_argument(
            "--consultation", required=True, type=int, help="The consultation's id."
        )
        kind("participation-model", "The participation model: goals, indicators, the trace.")

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
