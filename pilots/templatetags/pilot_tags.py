from django import template

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
