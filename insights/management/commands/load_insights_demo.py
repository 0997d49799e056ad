"""Demo indicators for the municipality pages.

When the project's shared data is beside the repository (SHARED_DATA_DIR, by default
``../shared/data``), the real sample answers in its indicators/ folder are read in place:
Sotkanet's population 2009 (indicator 127) and Statistics Finland's population at the
end of 2024 (table 11s5). Otherwise a small set of made-up values for the Satakunta
municipalities is stored, with the indicator marked as demo data on every page."""

import json
import os
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core.clock import now
from insights import importers
from insights.models import Indicator, Observation, Source, Theme
from organisations.models import Municipality


def shared_indicators() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "data"
    return Path(os.environ.get("SHARED_DATA_DIR", default)) / "indicators"


class Command(BaseCommand):
    help = "Load demo indicators and values for the municipality pages."

    def handle(self, *args, **options):
        folder = shared_indicators()
        if (folder / "sotkanet_data_csv_127_2009_total.csv").is_file():
            self.from_samples(folder)
        else:
            self.made_up()

    def from_samples(self, folder):
        with transaction.atomic():
            population, _ = Indicator.objects.update_or_create(
                source=Source.SOTKANET,
                source_id="127",
                content_code="",
                defaults={
                    "title_fi": "Väestö 31.12.",
                    "title_sv": "Befolkning 31.12.",
                    "title_en": "Population 31 Dec",
                    "organisation": "Tilastokeskus",
                    "theme": Theme.POPULATION,
                    "followed": True,
                },
            )
            regions = importers.sotkanet_regions_load(
                json.loads((folder / "sotkanet_regions_2015.json").read_bytes())
            )
            report = importers.sotkanet_data_load(
                population, regions, (folder / "sotkanet_data_csv_127_2009_total.csv").read_bytes()
            )
            self.stdout.write(f"Sotkanet 127: {report}")
            indicator = importers.sotkanet_indicator_load(
                4, json.loads((folder / "sotkanet_indicator_4_2016.json").read_bytes())
            )
            Indicator.objects.filter(pk=indicator.pk).update(theme=Theme.CHILDREN_YOUTH)
            monthly, _ = Indicator.objects.update_or_create(
                source=Source.PXWEB,
                source_id="StatFin/vaerak/statfin_vaerak_pxt_11s5.px",
                content_code="vaesto_kuukausi",
                defaults={
                    "title_fi": "Väkiluku kuukauden lopussa",
                    "title_sv": "Folkmängd vid månadens slut",
                    "title_en": "Population at the end of the month",
                    "organisation": "Tilastokeskus",
                    "theme": Theme.POPULATION,
                    "followed": True,
                },
            )
            report = importers.pxweb_data_load(
                monthly, json.loads((folder / "jsonstat2_11s5_kunnat_2024M12_en.json").read_bytes())
            )
            self.stdout.write(f"PxWeb 11s5: {report}")

    def made_up(self):
        satakunta = list(Municipality.objects.filter(region__code="04"))
        with transaction.atomic():
            indicator, _ = Indicator.objects.update_or_create(
                source=Source.SOTKANET,
                source_id="demo-1",
                content_code="",
                defaults={
                    "title_fi": "Esimerkki-indikaattori (keksitty)",
                    "title_sv": "Exempelindikator (påhittad)",
                    "title_en": "Example indicator (made up)",
                    "theme": Theme.WELLBEING,
                    "followed": True,
                    "demo": True,
                    "decimals": 1,
                },
            )
            read_at = now()
            for n, municipality in enumerate(satakunta):
                for year in range(2019, 2025):
                    Observation.objects.update_or_create(
                        indicator=indicator,
                        municipality=municipality,
                        year=year,
                        gender="total",
                        defaults={
                            "value": Decimal(50 + n + (year - 2019) * 1.5).quantize(Decimal("0.1")),
                            "source": Source.SOTKANET,
                            "source_id": "demo-1",
                            "source_region": "demo",
                            "read_at": read_at,
                        },
                    )
        self.stdout.write(f"Made-up demo indicator for {len(satakunta)} municipalities.")
