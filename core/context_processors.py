from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import centre as centre_settings


def site(request):
    """What every page shows of the site: the centre's own settings (read only when a
    template uses them), its address and contacts."""
    centre = SimpleLazyObject(centre_settings.current)
    return {
        "SITE_URL": settings.SITE_URL,
        "DEBUG": settings.DEBUG,
        "centre": centre,
        "CONTACT_EMAIL": SimpleLazyObject(lambda: centre.contact_email),
        "ACCESSIBILITY_CONTACT_EMAIL": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
