import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "broker": True}}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_down(client):
    # Port 9 (discard) on loopback has no Redis: the connection is refused at once.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:9/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "broker": False}


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from yhteisokeskus import views

    monkeypatch.setattr(views, "_database_answers", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
