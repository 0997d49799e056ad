"""HTTP of the public interfaces (the API, the Linked Events node, the calendar's feeds
and the schema) as their clients expect it. Which addresses these are is one setting,
``PUBLIC_INTERFACE_PATHS`` (a regular expression), read by each middleware here:

- ``InterfaceLanguageMiddleware``: API errors in the language of ``Accept-Language``
  (fi, sv or en; English when the header names none of them; Finnish, the portal's
  own language, without the header or for ``*``, which accept any), said by
  ``Content-Language``.
- ``InterfaceGZipMiddleware``: gzip for these answers only. HTML pages are not
  compressed: a page that holds a CSRF token is open to BREACH when compressed.
- ``InterfaceCachingMiddleware``: an ``ETag`` on every successful GET (a ``Last-Modified``
  where the view knows it), 304 to a conditional GET that matches, and for anonymous
  requests ``Cache-Control: public, max-age=PAGE_CACHE_SECONDS`` (the page cache's
  time; what the client keeps is never older than what the server keeps).

CORS (django-cors-headers) uses the same expression: any origin may read these
answers, without credentials."""

import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

from .pagecache import is_anonymous_request

INTERFACE_LANGUAGES = ("fi", "sv", "en")
DEFAULT_INTERFACE_LANGUAGE = "en"
_ACCEPT = re.compile(r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?")


def is_interface(request) -> bool:
    return bool(re.match(settings.PUBLIC_INTERFACE_PATHS, request.path_info))


def is_api(request) -> bool:
    """The JSON interfaces (not the feeds, whose language is in their address)."""
    return request.path_info.startswith(("/api/", "/linkedevents/"))


def accepted_language(header: str) -> str:
    """The first of fi, sv, en that ``Accept-Language`` accepts, by its q-values (RFC
    9110 12.5.4: ``sv-FI`` is Swedish); English when it names none of them; the
    portal's own language when it accepts any (no header, or ``*``)."""
    if not (header or "").strip():
        return settings.LANGUAGE_CODE
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        match = _ACCEPT.fullmatch(part.strip()) if part.strip() else None
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if quality > 0:
            ranked.append((-quality, position, match.group(1).lower()))
    for _quality, _position, tag in sorted(ranked):
        primary = tag.split("-")[0]
        if primary in INTERFACE_LANGUAGES:
            return primary
        if tag == "*":
            return settings.LANGUAGE_CODE
    return DEFAULT_INTERFACE_LANGUAGE


class InterfaceLanguageMiddleware:
    """After LocaleMiddleware: the JSON interfaces speak the client's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        language = accepted_language(request.headers.get("Accept-Language", ""))
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response


class InterfaceGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_interface(request):
            return response
        return super().process_response(request, response)


class InterfaceCachingMiddleware:
    """ETag, Last-Modified, 304 and Cache-Control for the interfaces (see above). Placed
    below the gzip middleware, so that the ETag is of the uncompressed answer and gzip
    marks it weak."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or not is_interface(request):
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if is_anonymous_request(request) and "Authorization" not in request.headers:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        if not response.has_header("ETag"):
            from django.utils.cache import set_response_etag

            set_response_etag(response)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
