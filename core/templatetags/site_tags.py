import copy

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from core.filter_chips import active_filters

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language, so switching works without JavaScript."""
    request = context["request"]
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            native = translation.get_language_info(code)["name_local"]
        url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": native.capitalize(), "url": url, "current": code == current}
        )
    return links


@register.simple_tag(takes_context=True)
def querystring_page(context, page):
    """The current query string with another page number."""
    query = context["request"].GET.copy()
    query["page"] = page
    return "?" + query.urlencode()


@register.filter
def widget_without_placeholder(bound_field):
    """The field's control without a placeholder: the visible label says it already, and
    placeholder text disappears while typing. Required, aria-invalid and
    aria-describedby (help text, errors) are still added by Django."""
    widget = copy.copy(bound_field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "placeholder"}
    return bound_field.as_widget(widget=widget)


@register.inclusion_tag("includes/filter_chips.html", takes_context=True)
def filter_chips(context, form, clear_url, ignore=""):
    """The active filters of a list page as removable chips (core/filter_chips.py)."""
    ignored = tuple(name for name in ignore.split(",") if name)
    return {"chips": active_filters(form, context["request"].GET, ignored), "clear_url": clear_url}
