"""Links read away from the site (emails, calendar files, feeds, JSON-LD) are absolute
and built from one setting, SITE_URL, never from the request's host."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """SITE_URL and the path (which starts with /)."""
    return settings.SITE_URL.rstrip("/") + path


def map_url(address: str) -> str:
    """A plain link to the address on OpenStreetMap's search: the page that links it
    makes no request to the map service itself."""
    from urllib.parse import urlencode

    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})
