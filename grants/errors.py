"""The one error type people can cause with grants, with a translated message and the
field it belongs to."""

from core.errors import DomainError


class GrantError(DomainError):
    pass
