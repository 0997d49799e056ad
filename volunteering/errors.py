"""The one error type people can cause with volunteering, with a translated message and
the field it belongs to; an assignment whose times meet another of the person's is an
AssignmentConflict (the API answers it with 409)."""

from core.errors import DomainError


class VolunteeringError(DomainError):
    pass


class AssignmentConflict(VolunteeringError):
    pass
