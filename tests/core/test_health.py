"""/healthz is liveness (the process answers, nothing else is asked); /readyz is
readiness (the database, the cache and the broker, each reported), with the external
statistics sources' last refresh as information (tests/insights cover its values)."""

import pytest
from django.test import override_settings

from core import cache as fail_soft

NOT_IMPORTED = {"sotkanet": "not imported yet", "pxweb": "not imported yet"}

# Port 9 (discard) on loopback has no Redis: the connection is refused at once.
NOBODY = "redis://127.0.0.1:9/0"


def test_healthz_answers_200_without_asking_the_database_or_redis(client, settings):
    # No django_db mark: a query here would fail the test.
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": NOBODY}}
    settings.CELERY_BROKER_URL = NOBODY
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
    fail_soft.forget_outages()


@pytest.mark.django_db
def test_readyz_answers_200_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "cache": True, "broker": True},
        "insights_sources": NOT_IMPORTED,
    }
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_is_degraded_but_200_when_redis_is_away(client, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": NOBODY}}
    settings.CELERY_BROKER_URL = NOBODY
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": True, "cache": False, "broker": False},
        "insights_sources": NOT_IMPORTED,
    }
    fail_soft.forget_outages()


@pytest.mark.django_db
def test_readyz_is_degraded_when_only_the_broker_is_away(client):
    with override_settings(CELERY_BROKER_URL=NOBODY):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"] == {"database": True, "cache": True, "broker": False}


def test_readyz_answers_503_when_the_database_is_away(client, monkeypatch):
    from yhteisokeskus import views

    monkeypatch.setattr(views, "_database_answers", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] is False
    assert "insights_sources" not in response.json()  # nothing more is asked of it
