from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.access import staff_required

from .health import broker_answers


class HomeView(TemplateView):
    template_name = "home.html"


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
    """200 only when both the database and the broker answer; 503 otherwise."""
    checks = {"database": _database_answers(), "broker": broker_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def page_not_found(request, exception=None):
    """404 for every unknown address; under /api/ in the API's JSON error form."""
    if request.path.startswith("/api/"):
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
