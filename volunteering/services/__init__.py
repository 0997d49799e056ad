"""Use cases of volunteering that write. Pages, the API, admin and tasks all call these;
every error a person can cause is a VolunteeringError with a translated message naming
its field, and an assignment that meets another of the person's is an
AssignmentConflict.

A person's overlapping assignments are refused by the database (the exclusion
constraint on Slot), not by checking first: of two coordinators assigning the same
person to overlapping tasks at once, exactly one insert succeeds.

The use cases are split by aggregate; every one is importable from
``volunteering.services``."""

from .assignments import (
    DEADLOCK_DETECTED,
    INSERT_ATTEMPTS,
    assignment_cancel,
    assignment_create,
    may_cancel,
    offer_create,
    offer_respond,
    offers_expire,
)
from .base import CENTS, TIME_TAKEN
from .hours import (
    fee_for,
    fee_tier_create,
    hours_confirm,
    hours_decide,
    hours_report,
    is_trained,
    travel_rule_set,
)
from .profiles import (
    ANONYMISED,
    coming_assignments,
    experience_save,
    experience_withdraw,
    profile_anonymise,
    profile_save,
    profile_set_status,
    training_record_add,
    training_records_sync,
)
from .requests import MAX_DATES, expand_dates, interest_add, request_close, request_create

__all__ = [
    "TIME_TAKEN",
    "CENTS",
    "MAX_DATES",
    "ANONYMISED",
    "DEADLOCK_DETECTED",
    "INSERT_ATTEMPTS",
    "profile_save",
    "experience_save",
    "experience_withdraw",
    "profile_set_status",
    "training_records_sync",
    "training_record_add",
    "coming_assignments",
    "profile_anonymise",
    "expand_dates",
    "request_create",
    "interest_add",
    "request_close",
    "offer_create",
    "offer_respond",
    "offers_expire",
    "assignment_create",
    "may_cancel",
    "assignment_cancel",
    "hours_report",
    "hours_confirm",
    "is_trained",
    "fee_for",
    "hours_decide",
    "fee_tier_create",
    "travel_rule_set",
]
