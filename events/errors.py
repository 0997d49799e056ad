"""The one error type people can cause in the calendar, with a translated message and
the field it belongs to (the register's error type, so forms and the API show it the
same way)."""

from core.errors import DomainError


class EventError(DomainError):
    pass


class ImportFailed(Exception):
    """A feed that cannot be read at all: nothing of it is saved."""
