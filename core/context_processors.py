from django.conf import settings


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "DEBUG": settings.DEBUG,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "ACCESSIBILITY_CONTACT_EMAIL": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
