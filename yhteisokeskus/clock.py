"""The one place that asks what time it is, so that tests can move time."""

from django.utils import timezone


def now():
    return timezone.now()


def today():
    return timezone.localdate(now())
