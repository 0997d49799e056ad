import pytest
from django.utils import translation

from .sources import source  # noqa: F401


@pytest.fixture
def english():
    """Error messages are matched in English."""
    with translation.override("en"):
        yield
