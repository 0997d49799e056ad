"""Response headers that every page carries, and the answer while the database is away."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY on every response that has none yet.

    The policy allows nothing inline (no 'unsafe-inline'): templates keep scripts and
    styles in static files, so an injected <script> or style attribute does not run."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


# SQLSTATEs that mean the server is away rather than that the query is wrong: connection
# exceptions (08…), the server shutting down or restarting (57P01 admin shutdown, 57P02
# crash shutdown, 57P03 starting up or shutting down) and no free connection slot.
_OUTAGE_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53300")

# How long a visitor or API client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def is_database_outage(exc: BaseException) -> bool:
    """Whether a database error means that the server cannot be reached (refused, closed,
    starting up, shutting down), not that a query failed on a working server."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    driver_error = exc.__cause__
    # psycopg names the server's SQLSTATE; an error of the client's own (the connection
    # refused, lost or closed) has none. A timeout, a deadlock or a lock not granted has
    # one of its own and stays a server error.
    sqlstate = getattr(driver_error, "sqlstate", None) or getattr(driver_error, "pgcode", None)
    if sqlstate is None:
        return True
    return sqlstate.startswith(_OUTAGE_SQLSTATE_PREFIXES)


def database_unavailable_response(request) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, otherwise a page in the current language
    that needs no database (no user, no session, no messages)."""
    if request.path.startswith("/api/"):
        detail = gettext("The service is temporarily unavailable. Please try again in a moment.")
        response = JsonResponse({"detail": detail}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 instead of a server error while the database cannot be reached.

    Placed right after AuthenticationMiddleware. The signed-in user is read lazily, and
    the middleware after this one (the audit actor) reads it on every request: it is
    resolved here, where the error can still be turned into a 503, since Django turns an
    exception raised in a later middleware into a 500 before it gets back here. Errors
    raised by views and templates arrive through process_exception.

    The broken connection is not reused: Django closes a connection that had an error
    when the request finishes, and CONN_HEALTH_CHECKS tests a persistent one before the
    next request uses it, so the process reconnects by itself once the server is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            user = getattr(request, "user", None)
            if user is not None:
                user.is_authenticated  # noqa: B018 - evaluates the lazy user here
        except (OperationalError, InterfaceError) as exc:
            if not is_database_outage(exc):
                raise
            return self._unavailable(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) and is_database_outage(
            exception
        ):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc):
        # A known outage: one line, no stack trace.
        logger.warning(
            "Database unavailable, answered 503: %s %s (%s: %s)",
            request.method,
            request.path,
            type(exc).__name__,
            str(exc).strip().splitlines()[0] if str(exc).strip() else "",
        )
        response = database_unavailable_response(request)
        # Logged above, once and without the stack; Django's request log would add a
        # second line at error level.
        response._has_been_logged = True
        return response
