from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YhteisokeskusConfig(AppConfig):
    name = "yhteisokeskus"
    verbose_name = _("Resource centre")

    def ready(self):
        # The centre's figures per municipality come from every app, which only the top
        # floor may read: insights asks its registry for them (insights.figures).
        from insights.figures import register

        from .municipality_figures import municipality_figures

        register(municipality_figures)
