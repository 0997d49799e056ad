"""The one error type people can cause with placements, with a translated message and
the field it belongs to."""

from core.errors import DomainError


class PlacementError(DomainError):
    pass
