from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Rooms and offices")

    def ready(self):
        from core import audit, pagecache

        from .models import (
            Booking,
            BookingSeries,
            KeyHandover,
            OfficeLease,
            OpeningException,
            OpeningHours,
            Room,
            Site,
        )

        for model in (Booking, BookingSeries, KeyHandover, OfficeLease):
            audit.register(model)
        # A room's cached week page (free and taken times) is built again on change.
        rooms = (Booking, BookingSeries, Room, Site, OpeningHours, OpeningException)
        pagecache.bump_on_change("rooms", *rooms)
