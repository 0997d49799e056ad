"""Background work of grants. Tasks take primary keys and call services; each is safe to
run twice."""

from celery import shared_task


@shared_task
def send_notices():
    from .mail import send_pending

    return send_pending()
