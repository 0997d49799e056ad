"""The one place that asks what time it is, so that tests can move time."""

from datetime import date, datetime, time

from django.utils import timezone


def now():
    return timezone.now()


def today():
    return timezone.localdate(now())


def local_datetime(day: date, at: time) -> datetime:
    """An aware datetime for a local (Helsinki) wall-clock time on a day."""
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())
