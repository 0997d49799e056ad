"""Background work shared by every app. Tasks take primary keys and call services; each
is safe to run twice."""

from celery import shared_task
from django.apps import apps


@shared_task
def build_report(model_label: str, report_id: int):
    """Build a report of any ReportJob model ("facilities.Report", …)."""
    from .reports import report_build  # that module enqueues this task

    report = report_build(apps.get_model(model_label), report_id)
    return report.status if report is not None else None


@shared_task
def resume_waiting_reports(queue: str | None = None):
    """Reports still waiting a few minutes after they were asked for go to the workers
    again (their first message never reached the broker, or was lost); idempotent."""
    from .reports import resume_waiting_reports as resume  # that module enqueues build_report

    return resume(queue=queue)
