"""The one error type people can cause with participation, with a translated message
and the field it belongs to."""

from core.errors import DomainError


class ParticipationError(DomainError):
    pass
