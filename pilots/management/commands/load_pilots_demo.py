"""Demo pilots for local use: six pilots and mini-pilots of Satakunta associations, in
every stage of their life cycle, with goals, indicators and monthly measurements up to
last month, public and not.

Run after load_demo_data (`make run` does both). Safe to run again: a pilot is matched
by its Finnish name and one that exists is left as it is. Status changes, measurements
and evaluations go through the pilot services as the demo staff user, so every rule
applies. Dates are relative to today. Refuses to run when DEBUG is off."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import clock
from organisations.demo_data import (
    HARJAVALTA,
    PORI,
    RAUMA,
    STAFF_EMAIL,
    STAFF_GROUP,
    ULVILA,
)
from organisations.models import Municipality, Organisation
from pilots import services
from pilots.models import Goal, Indicator, Pilot, PilotPartner

MENTAL_HEALTH = "Porin Seudun Mielenterveysyhdistys ry"
PENSIONERS = "Rauman Eläkkeensaajat ry"
YOUTH_4H = "Ulvilan 4H-yhdistys ry"
UNEMPLOYED = "Porin Työttömät ry"
IMMIGRANTS = "Satakunnan Maahanmuuttajien Tuki ry"
SKIING = "Porin Ladun Hiihtäjät ry"
CARERS = "Porin Omaishoitajat ry"
MARTAT = "Porin Martat ry"

# Each pilot: texts, organisations, "started" and the "path" of statuses in months ago,
# and indicators as (name, unit, baseline, target, direction, interval, measurements,
# data source).
PILOTS = [
    {
        "name_fi": "Liikuntalähettiläät",
        "name_sv": "Motionsambassadörer",
        "name_en": "Exercise ambassadors",
        "description_fi": (
            "Vapaaehtoiset liikuntalähettiläät houkuttelevat ikäihmisiä mukaan "
            "matalan kynnyksen liikuntaryhmiin Raumalla ja Porissa."
        ),
        "description_en": (
            "Volunteer exercise ambassadors bring older people into low-threshold "
            "exercise groups in Rauma and Pori."
        ),
        "need_fi": "Yli 65-vuotiaista vain kolmannes liikkuu suositusten mukaan.",
        "knowledge_base_fi": (
            "FinSote-tutkimus ja eläkeläisjärjestöjen jäsenkysely 2025: suurin este on "
            "yksin lähteminen uuteen ryhmään."
        ),
        "target_group_fi": "Yli 65-vuotiaat, jotka eivät vielä käy ryhmäliikunnassa",
        "theme": "wellbeing",
        "kind": "pilot",
        "lead": PENSIONERS,
        "partners": [(SKIING, "implementer", "Vetää ulkoiluryhmät"), (MENTAL_HEALTH, "expert", "")],
        "municipalities": [RAUMA, PORI],
        "started": 10,
        "length": 18,
        "budget": "24000.00",
        "public": True,
        "path": [("planning", 12), ("running", 10)],
        "goals": [
            "Sata uutta ikäihmistä säännöllisen liikunnan pariin",
            "Kaksikymmentä koulutettua liikuntalähettilästä",
        ],
        "indicators": [
            (
                "Uudet osallistujat",
                "hlöä",
                "0",
                "100",
                "increase",
                "monthly",
                9,
                "Ryhmien läsnäololistat",
            ),
            (
                "Koulutetut lähettiläät",
                "hlöä",
                "0",
                "20",
                "increase",
                "quarterly",
                2,
                "Koulutusrekisteri",
            ),
        ],
    },
    {
        "name_fi": "Työkokeilupolku yhdistyksissä",
        "name_sv": "Arbetsprövningsstig i föreningar",
        "name_en": "Work trial path in associations",
        "description_fi": (
            "Työttömät pääsevät työkokeiluun jäsenyhdistyksiin, ja yhteisökeskus tukee "
            "sekä kokeilijaa että yhdistystä."
        ),
        "need_fi": "Pitkäaikaistyöttömyys on Porissa maan korkeimpia.",
        "target_group_fi": "Yli vuoden työttömänä olleet",
        "theme": "work",
        "kind": "pilot",
        "lead": UNEMPLOYED,
        "partners": [(MARTAT, "venue", "Työkokeilupaikka"), (IMMIGRANTS, "implementer", "")],
        "municipalities": [PORI, ULVILA],
        "started": 14,
        "length": 12,
        "budget": "48500.00",
        "public": True,
        "path": [("planning", 16), ("running", 14), ("evaluating", 2)],
        "goals": ["Neljäkymmentä työkokeilua", "Puolet jatkaa työhön tai koulutukseen"],
        "indicators": [
            (
                "Aloitetut työkokeilut",
                "kpl",
                "0",
                "40",
                "increase",
                "monthly",
                12,
                "Työllisyyspalvelut",
            ),
            ("Keskeyttäneiden osuus", "%", "35", "15", "decrease", "quarterly", 4, "Oma seuranta"),
        ],
        "evaluation": None,
    },
    {
        "name_fi": "Nuorten iltakahvila",
        "name_sv": "Kvällscafé för unga",
        "name_en": "Evening café for young people",
        "description_fi": "Perjantai-iltojen kahvila 13–17-vuotiaille Ulvilassa.",
        "target_group_fi": "13–17-vuotiaat ulvilalaiset",
        "theme": "leisure",
        "kind": "mini",
        "lead": YOUTH_4H,
        "partners": [],
        "municipalities": [ULVILA],
        "started": 9,
        "length": 6,
        "budget": "3500.00",
        "public": True,
        "path": [("planning", 10), ("running", 9), ("evaluating", 3)],
        "goals": ["Turvallinen paikka viettää perjantai-iltaa"],
        "indicators": [
            ("Kävijöitä illassa", "hlöä", "0", "25", "increase", "monthly", 6, "Kävijälaskuri"),
        ],
        "evaluation": {
            "results": "Kävijöitä oli keskimäärin 22 illassa; 60 % kävi useammin kuin kerran.",
            "impact": "Nuorisotoimi raportoi ilkivallan vähentyneen keskustassa.",
            "lessons": "Nuorten oma suunnitteluryhmä oli tärkein onnistumisen syy.",
            "recommendation": "scale_up",
            "evaluator": "Ulvilan nuorisotoimi",
        },
    },
    {
        "name_fi": "Omaishoitajien vertaisryhmä verkossa",
        "name_sv": "Kamratgrupp på nätet för närståendevårdare",
        "name_en": "Online peer group for family carers",
        "description_fi": "Viikoittainen vertaisryhmä verkossa omaishoitajille.",
        "theme": "wellbeing",
        "kind": "mini",
        "lead": CARERS,
        "partners": [(MENTAL_HEALTH, "expert", "Ohjaajien työnohjaus")],
        "municipalities": [PORI, HARJAVALTA],
        "started": 4,
        "length": 6,
        "budget": "2000.00",
        "public": False,
        "path": [("planning", 5), ("running", 4)],
        "goals": ["Omaishoitajat jaksavat paremmin"],
        "indicators": [
            (
                "Osallistujia viikossa",
                "hlöä",
                "0",
                "12",
                "increase",
                "weekly",
                14,
                "Ohjaajan kirjaus",
            ),
        ],
    },
    {
        "name_fi": "Suomen kielen kävelykerho",
        "name_sv": "Promenadklubb på finska",
        "name_en": "Finnish language walking club",
        "description_fi": "Kävellään ja puhutaan suomea – kieliharjoittelua ulkona.",
        "theme": "education",
        "kind": "mini",
        "lead": IMMIGRANTS,
        "partners": [(SKIING, "venue", "")],
        "municipalities": [PORI],
        "started": 0,
        "length": 8,
        "budget": None,
        "public": True,
        "path": [("planning", 0)],
        "goals": ["Kolmekymmentä osallistujaa kevään aikana"],
        "indicators": [],
    },
    {
        "name_fi": "Yhdistysten yhteinen kirjanpitopalvelu",
        "name_sv": "Gemensam bokföringstjänst för föreningar",
        "name_en": "Shared bookkeeping service for associations",
        "description_fi": "Idea: yhteisökeskus hoitaa pienten yhdistysten kirjanpidon.",
        "theme": "work",
        "kind": "pilot",
        "lead": MARTAT,
        "partners": [],
        "municipalities": [],
        "started": -2,
        "length": 12,
        "budget": "15000.00",
        "public": False,
        "path": [],
        "goals": [],
        "indicators": [],
    },
]

# Values along the way: a share of the way from baseline to target by each measurement.
CURVE = [0.1, 0.22, 0.3, 0.41, 0.5, 0.56, 0.63, 0.7, 0.74, 0.8, 0.83, 0.88, 0.9, 0.93, 0.95]


# Units counted in whole numbers (people, pieces).
WHOLE_UNITS = {"hlöä", "henkilöä", "kpl", "kertaa"}


def months_ago(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


class Command(BaseCommand):
    help = "Load demo pilots with indicators and measurements (local use only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo pilots are for local use only: DEBUG is off.")
        self.staff = get_user_model().objects.filter(email__iexact=STAFF_EMAIL).first()
        if self.staff is None:
            raise CommandError("The demo accounts are missing: run load_demo_data first.")
        self.today = clock.today()
        made = 0
        with transaction.atomic():
            group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
            group.permissions.add(*Permission.objects.filter(content_type__app_label="pilots"))
            for spec in PILOTS:
                if not Pilot.objects.filter(name_fi=spec["name_fi"]).exists():
                    self._pilot(spec)
                    made += 1
        self.stdout.write(self.style.SUCCESS(f"Demo pilots ready: {made} new."))

    def _organisation(self, name: str) -> Organisation:
        organisation = Organisation.objects.filter(name_fi=name).first()
        if organisation is None:
            raise CommandError(f"{name} is missing: run load_demo_data first.")
        return organisation

    def _pilot(self, spec: dict):
        start = months_ago(self.today, spec["started"])
        texts = {
            key: value
            for key, value in spec.items()
            if key.split("_")[-1] in ("fi", "sv", "en") and isinstance(value, str)
        }
        pilot = Pilot.objects.create(
            **texts,
            kind=spec["kind"],
            theme=spec["theme"],
            lead_organisation=self._organisation(spec["lead"]),
            start_date=start,
            end_date=months_ago(self.today, spec["started"] - spec["length"]) - timedelta(days=1),
            budget=Decimal(spec["budget"]) if spec["budget"] else None,
            responsible=self.staff,
            is_public=spec["public"],
        )
        pilot.municipalities.set(Municipality.objects.filter(code__in=spec["municipalities"]))
        for name, role, description in spec["partners"]:
            PilotPartner.objects.create(
                pilot=pilot,
                organisation=self._organisation(name),
                role=role,
                role_description=description,
            )
        for order, text in enumerate(spec["goals"]):
            Goal.objects.create(pilot=pilot, order=order, text_fi=text)
        indicators = [
            Indicator.objects.create(
                pilot=pilot,
                order=order,
                name_fi=name,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(target),
                direction=direction,
                interval=interval,
                data_source=source,
            )
            for order, (name, unit, baseline, target, direction, interval, _n, source) in enumerate(
                spec["indicators"]
            )
        ]
        path = spec["path"]
        for i, (status, ago) in enumerate(path):
            self._move(pilot, status, months_ago(self.today, ago))
            if status == "running":
                # Measured until the next stage began, or until now.
                until = months_ago(self.today, path[i + 1][1]) if i + 1 < len(path) else None
                for indicator, row in zip(indicators, spec["indicators"], strict=True):
                    self._measurements(pilot, indicator, count=row[6], until=until)
        evaluation = spec.get("evaluation")
        if evaluation:
            services.evaluation_save(
                actor=self.staff, pilot=pilot, evaluated_on=self.today, **evaluation
            )
            self._move(pilot, "completed", self.today)

    def _move(self, pilot, status, on):
        pilot.refresh_from_db()
        services.pilot_transition(
            actor=self.staff, pilot=pilot, to_status=status, on=min(on, self.today)
        )

    def _measurements(self, pilot, indicator, *, count: int, until: date | None):
        """``count`` measurements, one a period, the latest a period before ``until``."""
        until = until or self.today
        step = {"weekly": 7, "monthly": 30, "quarterly": 91, "yearly": 365}[indicator.interval]
        baseline, target = float(indicator.baseline), float(indicator.target)
        pilot.refresh_from_db()
        for i in range(count):
            day = until - timedelta(days=step * (count - i))
            if day < pilot.start_date:
                continue
            share = CURVE[min(i, len(CURVE) - 1)]
            value = baseline + (target - baseline) * share
            # People and pieces are counted in whole numbers: never "4,4 hlöä".
            value = Decimal(str(round(value) if indicator.unit in WHOLE_UNITS else round(value, 1)))
            services.measurement_create(
                actor=self.staff, indicator=indicator, measured_on=day, value=value
            )
