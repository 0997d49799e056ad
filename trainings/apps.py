from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Register the tasks with Celery as the app loads, so that the beat schedule
        # names only known tasks in every process (not only once a worker imported them).
        # Enrolments are in the audit log (who enrolled, cancelled or was promoted, when).
        from core import audit, pagecache

        from . import tasks  # noqa: F401
        from .models import Enrolment, Programme, Session, Training

        audit.register(Enrolment)
        # The catalogue's cached page shows places left: built again on every change.
        pagecache.bump_on_change("trainings", Programme, Training, Session, Enrolment)
