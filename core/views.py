"""The centre's colours as a stylesheet: the Content-Security-Policy allows no inline
style, so base.html links this after site.css, with the colours in the address so that
a browser keeps it until they change."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from . import centre
from .models import HEX_COLOUR


@require_GET
def centre_css(request):
    settings = centre.current()
    colours = {"--brand": settings.brand_colour, "--brand-dark": settings.brand_dark_colour}
    rules = "".join(
        f"{name}: {value}; " for name, value in colours.items() if HEX_COLOUR.regex.match(value)
    )
    response = HttpResponse(f":root {{ {rules}}}\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
