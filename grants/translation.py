"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, Criterion


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "guidance")
    required_languages = ("fi",)
