"""Participation's models by aggregate: consultations (sections, comments, votes,
polls, workshops, themes), the participation model (strategy items, goals,
indicators, measurements, actions) and residents' feedback forms. Everything is importable from ``participation.models``."""

from .consultations import (
    COMMENT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Comment,
    CommentQuerySet,
    Consultation,
    Flag,
    OncePerVoter,
    Poll,
    PollAnswer,
    PollOption,
    Section,
    Theme,
    Vote,
    Workshop,
)
from .feedback import FEEDBACK_TEXT_MAX_LENGTH, FeedbackAnswer, FeedbackForm
from .goals import Action, Goal, Indicator, Measurement, StrategyItem
from .reports import ConsultationReport, ModelReport

__all__ = [
    "Action",
    "COMMENT_MAX_LENGTH",
    "NAME_MAX_LENGTH",
    "Comment",
    "CommentQuerySet",
    "Consultation",
    "ConsultationReport",
    "FEEDBACK_TEXT_MAX_LENGTH",
    "FeedbackAnswer",
    "FeedbackForm",
    "Flag",
    "Goal",
    "Indicator",
    "Measurement",
    "ModelReport",
    "OncePerVoter",
    "Poll",
    "PollAnswer",
    "PollOption",
    "Section",
    "StrategyItem",
    "Theme",
    "Vote",
    "Workshop",
]
