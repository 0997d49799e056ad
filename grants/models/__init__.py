"""Grant rounds: calls with their criteria sets, applications with budgets, blind review
by assigned reviewers, decisions of a call in one act, payments in instalments, change
requests, interim and final reports, the applicants' notifications (outbox) and the
decision letters (PDF report jobs).

The models are split by aggregate; everything is importable from ``grants.models``."""

from .applications import (
    COSTS,
    INCOME,
    SELF_FINANCING,
    Application,
    Attachment,
    BudgetLine,
    C,
    ConflictOfInterest,
    attachment_path,
)
from .base import MONEY, ZERO
from .calls import Call, CriteriaSet, Criterion, ReviewerAssignment
from .decisions import BudgetMove, ChangeRequest, Decision, GrantReport, Payment
from .messages import DecisionLetter, DecisionSummary, GrantNotice
from .review import Review, Score

__all__ = [
    "MONEY",
    "ZERO",
    "Call",
    "CriteriaSet",
    "Criterion",
    "ReviewerAssignment",
    "Application",
    "BudgetLine",
    "Attachment",
    "ConflictOfInterest",
    "C",
    "COSTS",
    "INCOME",
    "SELF_FINANCING",
    "attachment_path",
    "Review",
    "Score",
    "Decision",
    "Payment",
    "ChangeRequest",
    "BudgetMove",
    "GrantReport",
    "GrantNotice",
    "DecisionLetter",
    "DecisionSummary",
]
