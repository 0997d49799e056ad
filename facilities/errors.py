"""The one error type people can cause when booking, with a translated message and the
field it belongs to. A conflict (the time is taken) is its own subclass, so that the API
can answer 409 to it and 400 to the rest."""

from core.errors import DomainError


class BookingError(DomainError):
    pass


class BookingConflict(BookingError):
    pass
