"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi.
The indicators' own titles and descriptions come trilingual from the sources and are
kept in their own columns (models.Indicator)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Interpretation


@register(Interpretation)
class InterpretationTranslation(TranslationOptions):
    fields = ("text", "participants")
    required_languages = ("fi",)
