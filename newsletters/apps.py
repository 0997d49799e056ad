from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("News and newsletters")

    def ready(self):
        from core import audit

        from . import signals, tasks  # noqa: F401
        from .models import Issue, NewsItem

        audit.register(Issue)
        audit.register(NewsItem)
