from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from core import audit

        from .models import (
            Action,
            Consultation,
            FeedbackForm,
            FeedbackStatement,
            Goal,
            Indicator,
            Measurement,
            Poll,
            PollOption,
            Section,
            StrategyItem,
            Theme,
            Workshop,
        )

        # Comments and votes are people's own words and clicks; moderation is recorded on
        # the comment itself (who hid it, when and why).
        for model in (
            Consultation,
            Section,
            Poll,
            PollOption,
            Workshop,
            Theme,
            StrategyItem,
            Goal,
            Indicator,
            Measurement,
            Action,
            FeedbackForm,
            FeedbackStatement,
        ):
            audit.register(model)
