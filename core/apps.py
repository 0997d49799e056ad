from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every app shares. It imports no app of the portal."""

    name = "core"
    verbose_name = _("Common")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import centre
        from .models import CentreSettings

        post_save.connect(centre.changed, sender=CentreSettings, dispatch_uid="centre-saved")
        post_delete.connect(centre.changed, sender=CentreSettings, dispatch_uid="centre-deleted")
        from . import dates

        dates.install()
