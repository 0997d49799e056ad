import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached fragments live in the shared cache; start each test clean."""
    cache.clear()
    yield
