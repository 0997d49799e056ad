import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Read the messages in English (they are lazy: translated when read)."""
    translation.activate("en")
    yield
    translation.activate("fi")
