from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Knowledge-based management")

    def ready(self):
        from core import audit

        from .models import Interpretation

        audit.register(Interpretation)
