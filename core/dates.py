"""The years a date or time typed into the portal may fall in, for every form, filter,
feed and API parameter alike.

Python accepts dates up to 9999 and PostgreSQL from 4713 BC, but arithmetic near the
ends overflows (``date(9999, 12, 31) + timedelta(days=1)``) and a time zone shift of a
date at the edge leaves Python's range: such a value typed into a field used to answer
500. Nothing the portal keeps or looks for lies outside these years, so a value outside
them is refused with one translated message wherever it is typed.

``install()`` (run by ``core.apps``) adds the check to Django's own date and date-time
form fields, so that every form of every app (the admin's, model forms, filters) has
it without each declaring it."""

from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def out_of_range_error() -> ValidationError:
    return ValidationError(
        _("Give a date between the years %(first)s and %(last)s."),
        code="date_out_of_range",
        params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
    )


def validate_date_in_range(value) -> None:
    """A validator for dates and date-times: the year within the portal's limits."""
    if value is None or value == "":
        return
    if isinstance(value, datetime | date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise out_of_range_error()


def sane_moment(moment: datetime) -> datetime:
    """An aware time in UTC within the portal's years, or the same clear error."""
    if timezone.is_naive(moment):
        try:
            moment = timezone.make_aware(moment)
        except (OverflowError, ValueError):
            raise out_of_range_error() from None
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise out_of_range_error() from None
    validate_date_in_range(moment)
    return moment


def sane_date(day: date) -> date:
    """The date itself when it is within the portal's years, or the same clear error."""
    validate_date_in_range(day)
    return day


def install() -> None:
    """Every DateField, DateTimeField and SplitDateTimeField of every form checks the
    year (their subclasses too: django-filter's fields, the admin's widgets' fields)."""
    for field_class in (forms.DateField, forms.DateTimeField):
        if validate_date_in_range not in field_class.default_validators:
            field_class.default_validators = [
                *field_class.default_validators,
                validate_date_in_range,
            ]
