"""Municipalities, regions and wellbeing services counties (Statistics Finland, CC BY 4.0;
see organisations/data/README.md) and the fields of activity of the association register.

Idempotent: every row is matched by its code and updated in place."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "kunnat_2026.csv"

# The association classes of the Finnish association register (PRH), plus "unclassified".
FIELDS_OF_ACTIVITY = [
    ("culture", "Kulttuuri", "Kultur", "Culture"),
    ("sports", "Urheilu ja liikunta", "Idrott och motion", "Sports and physical activity"),
    ("leisure", "Vapaa-aika", "Fritid", "Leisure"),
    (
        "social-health",
        "Sosiaali- ja terveysala",
        "Social- och hälsovård",
        "Social welfare and health",
    ),
    (
        "professional-business",
        "Ammatti- ja elinkeinoelämä",
        "Yrkes- och näringsliv",
        "Professions and business",
    ),
    ("political", "Politiikka", "Politik", "Politics"),
    (
        "religion-worldview",
        "Uskonto ja maailmankatsomus",
        "Religion och livsåskådning",
        "Religion and world view",
    ),
    (
        "defence-international",
        "Maanpuolustus ja kansainväliset suhteet",
        "Landsförsvar och internationella relationer",
        "National defence and international relations",
    ),
    ("other", "Muut", "Övriga", "Other"),
    ("unclassified", "Luokittelematon", "Oklassificerad", "Unclassified"),
]


def _names(fi, sv, en):
    return {"name": fi, "name_fi": fi, "name_sv": sv or None, "name_en": en or None}


def load(apps, schema_editor):
    Region = apps.get_model("organisations", "Region")
    WellbeingCounty = apps.get_model("organisations", "WellbeingCounty")
    Municipality = apps.get_model("organisations", "Municipality")
    FieldOfActivity = apps.get_model("organisations", "FieldOfActivity")

    with DATA.open(encoding="utf-8-sig", newline="") as handle:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]

    regions, counties = {}, {}
    for row in rows:
        code = row["maakunta_code"].zfill(2)
        if code not in regions:
            regions[code], _ = Region.objects.update_or_create(
                code=code,
                defaults=_names(row["maakunta_fi"], row["maakunta_sv"], row["maakunta_en"]),
            )
        code = row["hyvinvointialue_code"].zfill(2)
        if code not in counties:
            counties[code], _ = WellbeingCounty.objects.update_or_create(
                code=code,
                defaults=_names(
                    row["hyvinvointialue_fi"], row["hyvinvointialue_sv"], row["hyvinvointialue_en"]
                ),
            )
    for row in rows:
        Municipality.objects.update_or_create(
            code=row["kuntanumero"].zfill(3),
            defaults={
                **_names(row["nimi_fi"], row["namn_sv"], row["name_en"]),
                "language_status": int(row["kielisuhde_code"]),
                "region": regions[row["maakunta_code"].zfill(2)],
                "wellbeing_county": counties[row["hyvinvointialue_code"].zfill(2)],
            },
        )

    for order, (code, fi, sv, en) in enumerate(FIELDS_OF_ACTIVITY, start=1):
        FieldOfActivity.objects.update_or_create(
            code=code, defaults={**_names(fi, sv, en), "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
