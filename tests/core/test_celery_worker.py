"""A real Celery worker on the real Redis broker, reading the test database."""

import uuid

import pytest

from tests.factories.organisations import UserFactory
from yhteisokeskus.tasks import broker_roundtrip


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_through_redis_and_reads_the_database(celery_worker_process):
    UserFactory.create_batch(2)
    token = uuid.uuid4().hex
    result = broker_roundtrip.apply_async(args=[token], queue=celery_worker_process)
    assert result.get(timeout=60) == {"token": token, "users": 2}
