from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self):
        from core import audit

        from . import models as m

        for model in (
            m.Call,
            m.CriteriaSet,
            m.Criterion,
            m.ReviewerAssignment,
            m.Application,
            m.BudgetLine,
            m.Decision,
            m.Payment,
            m.ChangeRequest,
            m.GrantReport,
        ):
            audit.register(model)
