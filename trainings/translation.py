"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import Programme, Training


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Training)
class TrainingTranslation(TranslationOptions):
    fields = ("title", "description", "audience", "payment_instructions")
    required_languages = ("fi",)
