"""Volunteers and experience experts: profiles, the vocabularies staff keep (skills,
experience areas), experience areas kept only with recorded consent, experience-expert
training, requests for people with their dates, interest, offers, assignments, hours,
fee tiers, the outbox and the reports.

Rules about one row are database constraints; so is that a person never holds two
assignments whose times meet (see assignments.py).

The models are split by aggregate; everything is importable from ``volunteering.models``."""

from .assignments import Assignment, Slot, TsTzRange
from .hours import FeeTier, HourEntry, TravelRule
from .messages import Notification, NotificationKind, Report
from .profiles import ExperienceRecord, Profile, TrainingRecord
from .requests import Interest, Offer, Request, RequestDate
from .vocabulary import (
    DayPart,
    ExperienceArea,
    ExpertTrainingCourse,
    Language,
    Role,
    Skill,
    Weekday,
)

__all__ = [
    "Role",
    "Language",
    "Weekday",
    "DayPart",
    "Skill",
    "ExperienceArea",
    "ExpertTrainingCourse",
    "Profile",
    "ExperienceRecord",
    "TrainingRecord",
    "Request",
    "RequestDate",
    "Interest",
    "Offer",
    "Assignment",
    "TsTzRange",
    "Slot",
    "FeeTier",
    "TravelRule",
    "HourEntry",
    "NotificationKind",
    "Notification",
    "Report",
]
