from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.access import staff_required

from .health import broker_answers, cache_answers, insights_sources


class HomeView(TemplateView):
    """The region's front door (yhteisokeskus.home)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        from .home import front_page

        return {**super().get_context_data(**kwargs), **front_page(self.request.user)}


class LegalTextView(TemplateView):
    """A long legal text written separately in each language: `<stem>_<lang>.html`,
    falling back to the Finnish original."""

    template_stem = ""
    languages = ("fi", "sv", "en")

    def get_template_names(self):
        language = (translation.get_language() or "fi").split("-")[0]
        if language not in self.languages:
            language = "fi"
        return [f"{self.template_stem}_{language}.html"]


class AccessibilityStatementView(LegalTextView):
    template_stem = "pages/accessibility"


class PrivacyNoticeView(LegalTextView):
    template_stem = "pages/privacy"


@never_cache
def healthz(request):
    """Liveness: the process answers. It asks neither the database nor Redis, so that
    an outage of either never makes an orchestrator restart web processes that cannot
    fix it."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: the database, the cache and the broker, each reported. 503 only when
    the database is away (no page can be built); the cache or the broker away is
    "degraded" with 200, since pages are still served (core/cache.py). The external
    statistics sources' last refresh (insights) is told beside the checks, as
    information only: it never changes the status."""
    checks = {"database": _database_answers(), "cache": cache_answers(), "broker": broker_answers()}
    if not checks["database"]:
        status = "unavailable"
    elif all(checks.values()):
        status = "ok"
    else:
        status = "degraded"
    body = {"status": status, "checks": checks}
    if checks["database"]:
        body["insights_sources"] = insights_sources()
    return JsonResponse(body, status=503 if status == "unavailable" else 200)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def page_not_found(request, exception=None):
    """404 for every unknown address; under /api/ and /linkedevents/ in the API's JSON
    error form."""
    if request.path.startswith(("/api/", "/linkedevents/")):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


@staff_required
def network_view(request, pk):
    """Staff: one organisation's memberships, partnerships, groups and bookings; 404 for
    anybody else."""
    from organisations.models import Organisation

    from .network import network_of

    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    return render(
        request,
        "network/organisation.html",
        {"organisation": organisation, "sections": network_of(organisation)},
    )
