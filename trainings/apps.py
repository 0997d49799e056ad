from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Register the tasks with Celery as the app loads, so that the beat schedule
        # names only known tasks in every process (not only once a worker imported them).
        from . import tasks  # noqa: F401
