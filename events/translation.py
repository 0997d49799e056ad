"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Keyword, Place


@register(Keyword)
class KeywordTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "short_description", "description", "image_alt")
    required_languages = ("fi",)
