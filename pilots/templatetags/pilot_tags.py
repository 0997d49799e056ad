from django import template
from django.utils.translation import get_language

from pilots.charts import number

register = template.Library()


@register.filter
def num(value):
    """A measured value in the current language's format (12,5; 1 250)."""
    return number(value)


@register.filter
def person(user):
    """A user's full name, or their email address; a dash for nobody."""
    if user is None:
        return "–"
    return user.get_full_name() or user.email or "–"


@register.filter
def lang_of(obj, field: str) -> str:
    """The language a translated field is shown in: the page's own, or "fi" when it falls
    back to Finnish (for lang="…" on that part of the page, WCAG 3.1.2)."""
    language = (get_language() or "fi")[:2]
    if language == "fi" or getattr(obj, f"{field}_{language}", None):
        return language
    return "fi"
