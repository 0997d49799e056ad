"""The one error type people can cause with trainings, with a translated message and the
field it belongs to. A full training is not an error (the enrolment joins the waiting
list); a session whose room is taken raises facilities' BookingConflict."""

from core.errors import DomainError


class TrainingError(DomainError):
    pass
