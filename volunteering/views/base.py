"""What the volunteering pages share."""

from datetime import timedelta

from core import clock

PAGE_SIZE = 25


def _last_month():
    return clock.today().replace(day=1) - timedelta(days=1)
