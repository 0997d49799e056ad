from django import template

from pilots.charts import number

register = template.Library()


@register.filter
def num(value):
    """A measured value in the current language's format (12,5; 1 250)."""
    return number(value)
