"""Use cases of grants that write, one module per part of the round: criteria,
applications, review, decisions (and payments), changes (change requests), reporting.
Pages, the API, the admin and the demo loader all call these through ``grants.services``;
every error a person can cause is a GrantError with a translated message naming its field,
and nothing is saved when one is raised.
"""

from grants import selectors
from grants.models import INCOME

from ._common import (
    ATTACHMENT_TYPES,
    CENT,
    DECISION_MAKER,
    SEND_TASK,
    is_decision_maker,
)
from .applications import (
    Line,
    application_create,
    application_return,
    application_submit,
    application_update,
    application_withdraw,
    attachment_add,
    eligibility_checks,
)
from .changes import change_request_create, change_request_decide
from .criteria import (
    CriterionInput,
    criteria_approve,
    criteria_check_editable,
    criteria_draft_create,
    criteria_new_version,
    criteria_publish,
    criterion_delete,
    criterion_save,
)
from .decisions import (
    DecisionInput,
    decisions_approve,
    letter_for,
    payment_add,
    payment_mark_paid,
)
from .reporting import grant_report_check, grant_report_submit
from .review import conflict_declare, proposal_set, review_submit, reviewer_assign

INCOME_CATEGORIES = INCOME

__all__ = [
    "ATTACHMENT_TYPES",
    "CENT",
    "DECISION_MAKER",
    "INCOME_CATEGORIES",
    "SEND_TASK",
    "selectors",
    "CriterionInput",
    "DecisionInput",
    "criteria_draft_create",
    "criterion_delete",
    "criterion_save",
    "Line",
    "application_create",
    "application_return",
    "application_submit",
    "application_update",
    "application_withdraw",
    "attachment_add",
    "change_request_create",
    "change_request_decide",
    "conflict_declare",
    "criteria_approve",
    "criteria_check_editable",
    "criteria_new_version",
    "criteria_publish",
    "decisions_approve",
    "eligibility_checks",
    "grant_report_check",
    "grant_report_submit",
    "is_decision_maker",
    "letter_for",
    "payment_add",
    "payment_mark_paid",
    "proposal_set",
    "review_submit",
    "reviewer_assign",
]
