from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task
def broker_roundtrip(token: str) -> dict:
    """Answers through the real broker and reads the database, for health and tests."""
    return {"token": token, "users": get_user_model().objects.count()}


@shared_task
def apply_retention() -> dict:
    """Daily: anonymise personal data past its retention period (idempotent)."""
    from .privacy.retention import apply_retention as run

    return run()
