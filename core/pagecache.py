"""The whole-page cache of public pages for anonymous visitors: the calendar list, its
month view and feed, the training catalogue, the association directory and a room's
week.

A page is kept in the shared cache for PAGE_CACHE_SECONDS under its full address, its
language and its area's version. Each app names the models its pages show in its
`AppConfig.ready` (`bump_on_change`), and saving one of them bumps the area's version
once the change is committed, so an edit shows at once; the
time limit covers what signals do not see (time passing); a bulk update
(``QuerySet.update()``) of such a model calls `bump_on_commit` itself.

Only requests without a session or messages cookie are served from it: a signed-in
person, or one with a message waiting, always gets the page built for them. Nothing
a cached page holds is personal (these pages carry no CSRF token for anonymous
visitors), and the security headers are added by the middleware on every answer.

A hit costs one round trip to the cache: the page is kept under its address alone,
with the two versions it was built under, and read in one ``get_many`` with the
current versions; a page built under an older version is a miss. The copy also keeps
its ETag, and for the interfaces (the feeds, the API) its gzip body once a client has
asked for one, so a hit neither hashes nor compresses the answer again."""

import functools
import hashlib
import time
import uuid
from hashlib import md5

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag
from django.utils.text import compress_string

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified")


def _version_key(area: str) -> str:
    return f"pagecache:version:{area}"


def bump(area: str) -> None:
    """Every page of the area is built again on its next request."""
    cache.set(_version_key(area), uuid.uuid4().hex, None)


def bump_on_commit(area: str) -> None:
    """Bump the area once the current transaction commits: for writes that signals do
    not see (``QuerySet.update()``, ``bulk_create``)."""
    transaction.on_commit(lambda: bump(area))


def version(area: str) -> str:
    """The area's current version, for other cached things that follow its changes."""
    key = _version_key(area)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(key, version, None):
            version = cache.get(key, version)
    return version


def is_anonymous_request(request) -> bool:
    """No session and no message waiting: the answer is the same for everyone."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and is_anonymous_request(request)
    )


def _wants_gzip(request) -> bool:
    """Whether ``InterfaceGZipMiddleware`` would compress this request's answer."""
    from .interfaces import is_interface  # that module imports this one

    return is_interface(request) and bool(
        re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    )


def _read(area: str, key: str) -> tuple[tuple[str, str], dict | None]:
    """The versions now and the kept copy, in one round trip; the versions are made
    when they are missing (after a flush of the cache)."""
    area_key, centre_key = _version_key(area), _version_key("centre")
    found = cache.get_many([area_key, centre_key, key])
    versions = (found.get(area_key), found.get(centre_key))
    if None in versions:
        versions = (version(area), version("centre"))
    kept = found.get(key)
    if kept is None or kept["versions"] != versions:
        return versions, None
    return versions, kept


def _keep_gzip(key: str, kept: dict) -> dict:
    """The gzip copy beside the plain one, kept no longer than the plain one. Compressed
    once for every later client: a public copy holds no secret, so the random padding
    against BREACH is not needed. Django does not compress under 200 bytes; neither
    does this."""
    if len(kept["content"]) >= 200:
        kept = {**kept, "content": compress_string(kept["content"]), "encoding": "gzip"}
    left = kept["expires"] - time.time()
    if left >= 1:
        cache.set(f"{key}:gzip", kept, left)
    return kept


def _answer(request, kept: dict) -> HttpResponse:
    from .interfaces import is_interface

    response = HttpResponse(kept["content"])
    for name, value in kept["headers"].items():
        response[name] = value
    if kept.get("encoding") == "gzip":
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{kept['etag']}"
        patch_vary_headers(response, ("Accept-Encoding",))
    elif is_interface(request):
        response["ETag"] = kept["etag"]  # InterfaceCachingMiddleware would hash it again
    return response


def public_page(area: str):
    """Serve the view's answer from the cache for anonymous visitors (see above)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"pagecache:{area}:{translation.get_language()}:{address}"
            gzip = _wants_gzip(request)
            versions, kept = _read(area, f"{key}:gzip" if gzip else key)
            if kept is None and gzip:
                plain = cache.get(key)
                if plain is not None and plain["versions"] == versions:
                    kept = _keep_gzip(key, plain)
            if kept is not None:
                return _answer(request, kept)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse, rendered once for the copy
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            kept = {
                "versions": versions,
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
                "etag": quote_etag(md5(response.content, usedforsecurity=False).hexdigest()),
                "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            }
            cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
            if gzip:
                packed = _answer(request, _keep_gzip(key, kept))
                for name, value in response.items():  # what the view said beyond the kept
                    if name not in packed and name != "Content-Length":
                        packed[name] = value
                return packed
            return response

        return wrapped

    return decorator


def bump_on_change(area: str, *models) -> None:
    """Bump the area's version after any save or delete of these models (and changes
    of their many-to-many links) is committed: bumped before the commit, a request in
    between would cache the old page under the new version."""

    def changed(sender, **kwargs):
        transaction.on_commit(lambda: bump(area))

    for model in models:
        uid = f"pagecache:{area}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                changed, sender=field.remote_field.through, weak=False, dispatch_uid=uid
            )
