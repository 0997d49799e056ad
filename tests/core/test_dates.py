"""One limit for the years of every date and time typed into the portal (core.dates):
every date field of every form refuses a year outside it with a translated message,
instead of an OverflowError further on."""

import datetime

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.utils import translation

from core import dates


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_a_date_field_refuses_years_outside_the_limit_with_a_message(value):
    field = forms.DateField(input_formats=["%Y-%m-%d"])
    with translation.override("fi"):
        with pytest.raises(forms.ValidationError) as raised:
            field.clean(value)
        assert raised.value.messages == ["Anna päivämäärä vuosien 1900 ja 2200 väliltä."]


def test_the_message_is_translated():
    field = forms.DateTimeField()
    for language, words in (("sv", "mellan åren 1900 och 2200"), ("en", "between the years")):
        with translation.override(language):
            with pytest.raises(forms.ValidationError) as raised:
                field.clean("9999-12-31 23:59")
            assert words in raised.value.messages[0]


def test_dates_inside_the_limit_pass():
    assert forms.DateField().clean("2200-12-31") == datetime.date(2200, 12, 31)
    assert forms.DateField().clean("1900-01-01") == datetime.date(1900, 1, 1)
    split = forms.SplitDateTimeField()
    with pytest.raises(forms.ValidationError):
        split.clean(["9999-12-31", "12:00"])


def test_every_date_field_of_every_form_and_model_form_in_the_portal_has_the_check():
    """The project's own forms (their classes are loaded with the URLconf) and the form
    field of every date column of every model (what the admin and model forms use)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view and so every form
    project = ("core", "organisations", "facilities", "events", "trainings", "pilots")
    checked = 0
    for form_class in all_subclasses(forms.BaseForm):
        if not form_class.__module__.startswith(project):
            continue
        for name, field in getattr(form_class, "base_fields", {}).items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                assert dates.validate_date_in_range in field.validators, (form_class, name)
                with pytest.raises(forms.ValidationError):
                    field.run_validators(datetime.date(9999, 12, 31))
                checked += 1
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.DateField) and model_field.editable:
                form_field = model_field.formfield()
                if form_field is not None:
                    assert dates.validate_date_in_range in form_field.validators
                    checked += 1
    assert checked > 40
