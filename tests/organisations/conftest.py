import pytest


@pytest.fixture
def _private_media(settings):
    """The folder uploaded network files go to (a temporary one: tests/support/fixtures)."""
    return settings.PRIVATE_MEDIA_ROOT
