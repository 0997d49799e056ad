"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import ExperienceArea, FeeTier, Skill


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(ExperienceArea)
class ExperienceAreaTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(FeeTier)
class FeeTierTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)
