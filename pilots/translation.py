"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Indicator, Pilot


@register(Pilot)
class PilotTranslation(TranslationOptions):
    fields = ("name", "description", "need", "knowledge_base", "target_group")
    required_languages = ("fi",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)
