"""The one error type people can cause with pilots, with a translated message and the
field it belongs to."""

from core.errors import DomainError


class PilotError(DomainError):
    pass
