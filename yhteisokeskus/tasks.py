from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task
def broker_roundtrip(token: str) -> dict:
    """Answers through the real broker and reads the database, for health and tests."""
    return {"token": token, "users": get_user_model().objects.count()}
