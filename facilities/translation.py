"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import OpeningException, Room, Site


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("name", "description", "accessibility")
    required_languages = ("fi",)


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "description", "equipment", "accessibility", "photo_alt")
    required_languages = ("fi",)


@register(OpeningException)
class OpeningExceptionTranslation(TranslationOptions):
    fields = ("reason",)
