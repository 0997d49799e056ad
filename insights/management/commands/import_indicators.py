"""Reads the followed indicators' metadata and values from their sources.

    manage.py import_indicators --years 2019-2024
    manage.py import_indicators --catalogue          # Sotkanet's list of every indicator
    manage.py import_indicators --sotkanet 127       # follow-free: one Sotkanet indicator

An indicator whose source fails is reported and the others go on; the command then
exits with an error. Nothing of a failed indicator is stored."""

from django.core.management.base import BaseCommand, CommandError

from core.clock import today
from insights import importers


def year_range(text):
    first, _dash, last = text.partition("-")
    try:
        first, last = int(first), int(last or first)
    except ValueError as exc:
        raise CommandError(f"--years: {text!r} is not YEAR or YEAR-YEAR") from exc
    if first > last:
        raise CommandError(f"--years: {text!r} runs backwards")
    return range(first, last + 1)


class Command(BaseCommand):
    help = "Import the followed indicators from THL Sotkanet and Statistics Finland's PxWeb."

    def add_arguments(self, parser):
        parser.add_argument("--years", help="YEAR or YEAR-YEAR (default: the last ten years)")
        parser.add_argument("--catalogue", action="store_true", help="Sotkanet's indicator list")
        parser.add_argument(
            "--sotkanet", action="append", default=[], help="a Sotkanet indicator id"
        )
        parser.add_argument("--sotkanet-url", default=importers.SOTKANET_URL)
        parser.add_argument("--pxweb-url", default=importers.PXWEB_URL)

    def handle(self, *args, **options):
        this_year = today().year
        years = year_range(options["years"] or f"{this_year - 10}-{this_year - 1}")
        sotkanet, pxweb = options["sotkanet_url"], options["pxweb_url"]
        failed = 0
        if options["catalogue"]:
            report = importers.sotkanet_catalogue_import(base_url=sotkanet)
            self.stdout.write(f"Sotkanet catalogue: {report}")
        extra = []
        for source_id in options["sotkanet"]:
            try:
                extra.append(importers.sotkanet_indicator_import(source_id, base_url=sotkanet))
            except importers.InsightsError as exc:
                failed += 1
                self.stderr.write(f"Sotkanet {source_id}: {' '.join(exc.messages)}")
        results = importers.import_followed(
            years, sotkanet_url=sotkanet, pxweb_url=pxweb, extra=extra
        )
        for indicator, result in results:
            name = f"{indicator.source} {indicator.source_id}"
            if isinstance(result, importers.InsightsError):
                failed += 1
                self.stderr.write(f"{name}: {' '.join(result.messages)}")
            else:
                self.stdout.write(f"{name}: {result}")
        if failed:
            raise CommandError(f"{failed} indicator(s) failed; their stored values were kept.")
