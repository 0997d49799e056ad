"""Build a room booking PDF report now, for scheduled use (cron, a systemd timer):

    manage.py facilities_report utilisation --month 2026-11 --output utilisation.pdf
    manage.py facilities_report statement --organisation 1234567-1 --month 2026-11 \\
        --language sv --output statement.pdf

It goes through the same code as the reports page (the report is stored too), only
synchronously instead of in a Celery worker."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.reports import report_build, report_create
from facilities.models import Report
from facilities.reports import parse_month
from organisations.models import Organisation


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


class Command(BaseCommand):
    help = "Build a PDF report of room booking now and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=Report.Kind.values)
        parser.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        parser.add_argument(
            "--organisation", help="Statement only: the organisation's id or Business ID."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
        )
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, kind, month, organisation, language, output, **options):
        try:
            first = parse_month(month)
        except ValueError:
            raise CommandError(
                f"Bad month {month!r}: give it as YYYY-MM, for example 2026-11."
            ) from None
        if kind == Report.Kind.STATEMENT and not organisation:
            raise CommandError("A statement needs --organisation (its id or Business ID).")
        if kind == Report.Kind.UTILISATION and organisation:
            raise CommandError("--organisation is for statements only.")
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
        try:
            report = report_create(
                Report,
                kind=kind,
                month=first,
                organisation=_organisation(organisation) if organisation else None,
                language=language,
            )
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from None
        report = report_build(Report, report.pk)
        if report.status != Report.Status.DONE:
            raise CommandError(f"The report could not be built: {report.error}")
        with report.file.open("rb") as stored:
            data = stored.read()
        target.write_bytes(data)
        self.stdout.write(f"Wrote {target} ({len(data)} bytes); stored as {report.file.name}.")
