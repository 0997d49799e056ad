from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YhteisokeskusConfig(AppConfig):
    name = "yhteisokeskus"
    verbose_name = _("Resource centre")
