from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Rooms and offices")

    def ready(self):
        from yhteisokeskus import audit

        from .models import Booking, BookingSeries, KeyHandover, OfficeLease

        for model in (Booking, BookingSeries, KeyHandover, OfficeLease):
            audit.register(model)
