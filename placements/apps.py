from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Work activity and work trials")

    def ready(self):
        from core import audit

        from .models import Attendance, Authority, Host, Participant, Placement

        for model in (Authority, Host, Participant, Placement, Attendance):
            audit.register(model)
