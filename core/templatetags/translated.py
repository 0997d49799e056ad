"""Translated content (django-modeltranslation) that falls back to Finnish on a Swedish
or English page is marked lang="fi", so that screen readers read it with a Finnish
voice (WCAG 3.1.2):

    {% load translated %}
    <h2>{{ event|translated:"name" }}</h2>           a value, in <span lang="fi"> when it fell back
    <div{% fallback_lang event "description" %}>…</div>   the attribute, for a block of text

Only for element content: attribute values (alt, title, aria-label) cannot carry a lang
of their own."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def fell_back(obj, field: str) -> str:
    """The language the field's shown value is in when it is not the page's ('' if it
    is the page's own, or empty)."""
    if obj is None or obj == "":
        return ""
    page = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if page == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return ""
    if getattr(obj, f"{field}_{page}", None):
        return ""
    for language in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        if getattr(obj, f"{field}_{language}", None):
            return language
    return ""


@register.filter
def translated(obj, field):
    """The field's value in the page's language, or its fallback in <span lang="…">."""
    value = getattr(obj, field, "") if obj not in (None, "") else ""
    language = fell_back(obj, field)
    if language and value:
        return format_html('<span lang="{}">{}</span>', language, value)
    return value


@register.simple_tag
def fallback_lang(obj, field):
    """' lang="fi"' when the field's value fell back to Finnish, else ''."""
    language = fell_back(obj, field)
    return format_html(' lang="{}"', language) if language else mark_safe("")
