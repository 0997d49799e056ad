"""Import events from the configured sources (all active ones, or those named), or from
a file into one source. Prints what changed; exits with status 1 when an import failed.

    manage.py import_events                      # every active source
    manage.py import_events --source 3 --source 4
    manage.py import_events --source 3 --file calendar.ics
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.import_services import source_import
from events.models import ImportSource


class Command(BaseCommand):
    help = "Import events from iCalendar and Linked Events sources."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", help="Source id (repeatable).")
        parser.add_argument("--file", help="Read this file instead of the source's address.")

    def handle(self, *args, **options):
        ids = options["source"]
        if options["file"] and (not ids or len(ids) != 1):
            raise CommandError("--file needs exactly one --source.")
        sources = ImportSource.objects.order_by("pk")
        sources = sources.filter(pk__in=ids) if ids else sources.filter(is_active=True)
        if ids and sources.count() != len(set(ids)):
            missing = ", ".join(map(str, ids))
            raise CommandError(f"No such source among: {missing}")
        content = None
        if options["file"]:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            content = path.read_bytes()
        failed = False
        for source in sources:
            report = source_import(source=source, content=content)
            self.stdout.write(f"{source.pk} {source.name}: {report.summary()}")
            for problem in report.problems:
                self.stdout.write(f"  - {problem}")
            failed = failed or not report.ok
        if failed:
            raise SystemExit(1)
