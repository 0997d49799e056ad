"""Translated fields (django-modeltranslation): fi is required, sv and en fall back to fi."""

from modeltranslation.translator import TranslationOptions, register

from .models import Issue, MailingList, NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")
    required_languages = ("fi",)


@register(MailingList)
class MailingListTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("subject", "editorial")
    required_languages = ("fi",)
