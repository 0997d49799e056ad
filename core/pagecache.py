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
visitors), and the security headers are added by the middleware on every answer."""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified")


def bump(area: str) -> None:
    """Every page of the area is built again on its next request."""
    cache.set(f"pagecache:version:{area}", uuid.uuid4().hex, None)


def bump_on_commit(area: str) -> None:
    """Bump the area once the current transaction commits: for writes that signals do
    not see (``QuerySet.update()``, ``bulk_create``)."""
    transaction.on_commit(lambda: bump(area))


def version(area: str) -> str:
    """The area's current version, for other cached things that follow its changes."""
    key = f"pagecache:version:{area}"
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


def public_page(area: str):
    """Serve the view's answer from the cache for anonymous visitors (see above)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            language = translation.get_language()
            key = f"pagecache:{area}:{version(area)}:{version('centre')}:{language}:{address}"
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse, rendered once for the copy
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
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
