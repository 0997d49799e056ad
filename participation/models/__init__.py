"""Participation's models by aggregate: consultations (sections, comments, votes,
polls, workshops, themes) and the participation model (strategy items, goals,
indicators, measurements). Everything is importable from ``participation.models``."""

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
from .goals import Goal, Indicator, Measurement, StrategyItem

__all__ = [
    "COMMENT_MAX_LENGTH",
    "NAME_MAX_LENGTH",
    "Comment",
    "CommentQuerySet",
    "Consultation",
    "Flag",
    "Goal",
    "Indicator",
    "Measurement",
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
