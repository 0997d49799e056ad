from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        # The tasks are registered as the app loads, so that the beat schedule names
        # only known tasks in every process.
        from core import audit

        from . import tasks  # noqa: F401
        from .models import Assignment, FeeTier, HourEntry, Offer, Profile, Request

        for model in (Profile, Request, Offer, Assignment, HourEntry, FeeTier):
            audit.register(model)
