"""Links read away from the site (emails, calendar files, feeds, JSON-LD) are absolute
and built from one setting, SITE_URL, never from the request's host."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """SITE_URL and the path (which starts with /)."""
    return settings.SITE_URL.rstrip("/") + path
