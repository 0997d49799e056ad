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


@register.simple_tag
def centre_settings():
    """The centre's settings where no request's context has them (emails, PDFs)."""
    from core import centre

    return centre.current()


@register.simple_tag
def site_url():
    """The portal's address (SITE_URL), for links read away from the site."""
    return settings.SITE_URL


@register.simple_tag
def site_domain():
    """The portal's host, as people read it."""
    from core import centre

    return centre.site_domain()


@register.simple_tag
def centre_logo_url():
    """The absolute address of the centre's logo ('' without one), for emails: read
    away from the site, they load it from SITE_URL."""
    from urllib.parse import urljoin

    from core import centre

    logo = centre.current().logo
    return urljoin(settings.SITE_URL.rstrip("/") + "/", logo.url) if logo else ""


@register.simple_tag
def centre_logo_data_uri():
    """The centre's logo inside the document (PDFs fetch nothing outside static/)."""
    import base64

    from core import centre
    from core.uploads import sniff_image_type

    logo = centre.current().logo
    if not logo:
        return ""
    try:
        with logo.open("rb") as file:
            data = file.read()
    except OSError:
        return ""
    kind = sniff_image_type(data[:64]) or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


@register.filter
def map_url(address):
    """A plain link to the address on OpenStreetMap (the page requests nothing there)."""
    from core.links import map_url as build

    return build(str(address))


@register.inclusion_tag("includes/filter_chips.html", takes_context=True)
def filter_chips(context, form, clear_url, ignore=""):
    """The active filters of a list page as removable chips (core/filter_chips.py)."""
    ignored = tuple(name for name in ignore.split(",") if name)
    return {"chips": active_filters(form, context["request"].GET, ignored), "clear_url": clear_url}
