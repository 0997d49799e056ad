"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    CooperationGroup,
    FieldOfActivity,
    Municipality,
    Organisation,
    Region,
    WellbeingCounty,
)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(WellbeingCounty)
class WellbeingCountyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(FieldOfActivity)
class FieldOfActivityTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(CooperationGroup)
class CooperationGroupTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)
