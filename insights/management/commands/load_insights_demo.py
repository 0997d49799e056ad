"""Demo indicators for the municipality pages.

When the project's shared data is beside the repository (SHARED_DATA_DIR, by default
``../shared/data``), the real sample answers in its indicators/ folder are read in place:
Sotkanet's population 2009 (indicator 127) and Statistics Finland's population at the
end of 2024 (table 11s5). Otherwise a small set of made-up values for the Satakunta
municipalities is stored, with the indicator marked as demo data on every page."""

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core.clock import now
from insights import importers
from insights.models import AreaObservation, Indicator, Interpretation, Observation, Source, Theme
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
        self.own_survey()
        self.interpretations()

    def own_survey(self):
        """A made-up survey of the cities, uploaded as the centre's own indicator."""
        satakunta = list(Municipality.objects.filter(region__code="04").order_by("code"))
        with transaction.atomic():
            indicator, _ = Indicator.objects.update_or_create(
                source=Source.OWN,
                source_id="harrastus",
                content_code="",
                defaults={
                    "title_fi": "Nuoret, joilla on viikoittainen harrastus (kysely, keksitty)",
                    "title_sv": "Unga med en hobby varje vecka (enkät, påhittad)",
                    "title_en": "Young people with a weekly hobby (survey, made up)",
                    "unit": "%",
                    "decimals": 0,
                    "organisation": "Satakunnan kunnat",
                    "theme": Theme.CHILDREN_YOUTH,
                    "followed": True,
                    "demo": True,
                },
            )
            read_at = now()
            for n, municipality in enumerate(satakunta):
                for year in (2022, 2023, 2024):
                    Observation.objects.update_or_create(
                        indicator=indicator,
                        municipality=municipality,
                        year=year,
                        gender="total",
                        defaults={
                            "value": Decimal(60 + (n * 7) % 25 + (year - 2022) * 2),
                            "source": Source.OWN,
                            "source_id": "harrastus",
                            "source_region": municipality.code,
                            "read_at": read_at,
                        },
                    )
        self.stdout.write(f"Made-up survey for {len(satakunta)} municipalities.")

    def interpretations(self):
        """Published interpretations of a workshop for Pori and Rauma."""
        indicators = list(Indicator.objects.filter(followed=True).order_by("theme", "title_fi"))
        texts = [
            (
                "Työpajassa todettiin, että luku kertoo ennen kaikkea palvelujen käytöstä. "
                "Järjestöjen mukaan moni nuori jää silti avun ulkopuolelle.",
                "I verkstaden konstaterades att talet främst visar hur tjänsterna används. "
                "Enligt föreningarna blir många unga ändå utan hjälp.",
                "The workshop noted that the figure shows above all how services are used. "
                "The associations say that many young people still go without help.",
            ),
            (
                "Kokemusasiantuntijat toivat esiin, että harrastusten hinta ja matkat "
                "rajaavat osallistumista erityisesti pienemmissä taajamissa.",
                "",
                "",
            ),
        ]
        participants = (
            "kaupunki, järjestöt, kokemusasiantuntijat",
            "staden, föreningar, erfarenhetsexperter",
            "",
        )
        with transaction.atomic():
            for code in ("609", "684"):
                municipality = Municipality.objects.filter(code=code).first()
                if municipality is None:
                    continue
                subjects = [{"indicator": i, "theme": ""} for i in indicators[:1]]
                subjects.append({"indicator": None, "theme": Theme.CHILDREN_YOUTH})
                for subject, (fi, sv, en) in zip(subjects, texts, strict=False):
                    Interpretation.objects.update_or_create(
                        municipality=municipality,
                        written_on=date(2025, 11, 20),
                        **subject,
                        defaults={
                            "text_fi": fi,
                            "text_sv": sv,
                            "text_en": en,
                            "participants_fi": participants[0],
                            "participants_sv": participants[1],
                            "participants_en": participants[2],
                            "year_from": 2019,
                            "year_to": 2024,
                            "published": True,
                        },
                    )

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
            region_list = json.loads((folder / "sotkanet_regions_2015.json").read_bytes())
            report = importers.sotkanet_data_load(
                population,
                importers.sotkanet_regions_load(region_list),
                (folder / "sotkanet_data_csv_127_2009_total.csv").read_bytes(),
                areas=importers.sotkanet_areas_load(region_list),
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
            counties = {m.wellbeing_county_id for m in satakunta}
            for county in [*counties, None]:
                for year in range(2019, 2025):
                    AreaObservation.objects.update_or_create(
                        indicator=indicator,
                        county_id=county,
                        year=year,
                        gender="total",
                        defaults={
                            "value": Decimal(
                                55 + (year - 2019) * (1.2 if county else 1.0)
                            ).quantize(Decimal("0.1")),
                            "source_region": "demo",
                            "read_at": read_at,
                        },
                    )
        self.stdout.write(f"Made-up demo indicator for {len(satakunta)} municipalities.")
