from django.core.management.base import BaseCommand, CommandError

from organisations.services.csv_import import organisation_import_csv


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file (UTF-8, ';' or ',' separated, header row "
        "name_fi;name_sv;name_en;kind;business_id;register_number;municipality_code;fields;"
        "email;phone;website;is_public). Nothing is imported unless every row is valid; "
        "every bad row is reported by line and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file but import nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        with handle:
            result = organisation_import_csv(file=handle, dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(f"line {error.line}, {error.field}: {error.message}")
        if not result.ok:
            raise CommandError(f"{len(result.errors)} problems found; nothing was imported.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{result.rows} rows are valid (dry run)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{result.imported} organisations imported."))
