"""Translated fields of core (django-modeltranslation): fi is required, sv and en fall
back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import CentreSettings


@register(CentreSettings)
class CentreSettingsTranslation(TranslationOptions):
    fields = ("name", "tagline")
    required_languages = ("fi",)
