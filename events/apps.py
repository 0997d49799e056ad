from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Event calendar")

    def ready(self):
        # The calendar's cached public pages are built again when what they show changes.
        from core import pagecache
        from organisations.models import Organisation

        from .models import Event, Keyword, Place

        pagecache.bump_on_change("events", Event, Keyword, Place, Organisation)
