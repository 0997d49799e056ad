"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Action,
    Consultation,
    FeedbackForm,
    FeedbackStatement,
    Goal,
    Indicator,
    Poll,
    PollOption,
    Section,
    StrategyItem,
    Theme,
)


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("fi",)


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("fi",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Poll)
class PollTranslation(TranslationOptions):
    fields = ("question",)
    required_languages = ("fi",)


@register(PollOption)
class PollOptionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


@register(StrategyItem)
class StrategyItemTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(FeedbackForm)
class FeedbackFormTranslation(TranslationOptions):
    fields = ("title", "open_question")
    required_languages = ("fi",)


@register(FeedbackStatement)
class FeedbackStatementTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi",)
