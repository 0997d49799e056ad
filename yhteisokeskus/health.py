import logging

import redis
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def broker_answers(timeout: float = 1.0) -> bool:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=timeout, socket_timeout=timeout
        )
        return bool(client.ping())
    except Exception:
        return False


def cache_answers() -> bool:
    """Whether the shared cache itself answers (the fail-soft backend never fails a
    call, so ask it; any other backend is asked with a write and a read)."""
    try:
        if hasattr(cache, "redis_answers"):
            return cache.redis_answers()
        cache.set("readyz", "ok", 10)
        return cache.get("readyz") == "ok"
    except Exception:
        return False


def insights_sources() -> dict:
    """The last refresh of each external statistics source (insights), as information:
    {"sotkanet": "ok" | "failing: …" | "not imported yet", …}. Never fails readiness:
    a statistics source that is down must not take the portal out of service, and a
    problem reading it here only leaves the entry out."""
    try:
        from insights.selectors import source_health

        return source_health()
    except Exception:
        logger.exception("the insights sources' health could not be read")
        return {}
