from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every app shares. It imports no app of the portal."""

    name = "core"
    verbose_name = _("Common")

    def ready(self):
        from . import dates

        dates.install()
