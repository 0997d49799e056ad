from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Service pilots")

    def ready(self):
        from core import audit

        from .models import Evaluation, Goal, Indicator, Measurement, Pilot, PilotPartner

        # The status has its own dated log (StatusChange); the outbox and reports are
        # machinery, not records anyone edits.
        for model in (Pilot, PilotPartner, Goal, Indicator, Measurement, Evaluation):
            audit.register(model)
