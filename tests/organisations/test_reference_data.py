import importlib

import pytest
from django.apps import apps

from organisations.models import FieldOfActivity, Municipality, Region, WellbeingCounty

pytestmark = pytest.mark.django_db


def test_all_308_municipalities_with_zero_padded_codes():
    assert Municipality.objects.count() == 308
    assert Municipality.objects.get(code="005").name_fi == "Alajärvi"
    assert all(len(code) == 3 for code in Municipality.objects.values_list("code", flat=True))


def test_pori_is_in_satakunta_and_its_wellbeing_services_county():
    pori = Municipality.objects.select_related("region", "wellbeing_county").get(code="609")
    assert pori.name_fi == "Pori"
    assert pori.name_sv == "Björneborg"
    assert pori.region.code == "04"
    assert pori.region.name_fi == "Satakunta"
    assert pori.wellbeing_county.name_fi == "Satakunnan hyvinvointialue"


def test_regions_and_counties_including_helsinki_and_aland():
    assert Region.objects.count() == 19
    assert WellbeingCounty.objects.count() == 23
    helsinki = Municipality.objects.get(code="091")
    assert helsinki.wellbeing_county.code == "90"
    assert Municipality.objects.get(code="035").region.code == "21"  # Brändö, Åland
    # Stray spaces of the source file do not reach the database.
    assert Municipality.objects.get(code="081").name_sv == "Gustav Adolfs"


def test_nine_fields_of_activity_plus_unclassified_in_three_languages():
    fields = FieldOfActivity.objects.all()
    assert fields.count() == 10
    assert FieldOfActivity.objects.get(code="unclassified").name_fi == "Luokittelematon"
    for field in fields:
        assert field.name_fi and field.name_sv and field.name_en


def test_loading_again_changes_nothing():
    migration = importlib.import_module("organisations.migrations.0002_reference_data")
    migration.load(apps, None)
    assert Municipality.objects.count() == 308
    assert Region.objects.count() == 19
    assert FieldOfActivity.objects.count() == 10


def test_attribution_ships_with_the_data():
    from pathlib import Path

    readme = (Path(apps.get_app_config("organisations").path) / "data" / "README.md").read_text(
        encoding="utf-8"
    )
    assert "Lähde: Tilastokeskus / Source: Statistics Finland" in readme
    assert "CC BY 4.0" in readme
