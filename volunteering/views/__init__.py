"""Volunteering pages: the person's own (profile, experience areas with consent, open
tasks, offers, tasks and hours), the requester's (asking for people, their requests,
confirming hours, the fee statement) and the coordinators' (staff: approving profiles,
suggestions and offers, approving hours, fees, the payment list, the funder figures).
Another organisation's request, task or hours answers 404.

The pages are split by who uses them; every view is importable from
``volunteering.views``."""

from .coordination import (
    coordination,
    fees,
    figures,
    hours_decide,
    payment_list,
    staff_profile,
    staff_request,
    staff_request_close,
)
from .person import (
    assignment_cancel,
    certificate_request,
    experience_edit,
    experience_withdraw,
    home,
    hours_log,
    interest,
    offer_respond,
    open_requests,
    profile_edit,
)
from .requesters import (
    hours_confirm,
    my_requests,
    report_detail,
    report_download,
    request_cancel,
    request_create,
    request_detail,
    statement_request,
)

__all__ = [
    "home",
    "profile_edit",
    "experience_edit",
    "experience_withdraw",
    "open_requests",
    "interest",
    "offer_respond",
    "hours_log",
    "assignment_cancel",
    "certificate_request",
    "request_create",
    "my_requests",
    "request_detail",
    "request_cancel",
    "hours_confirm",
    "statement_request",
    "report_detail",
    "report_download",
    "coordination",
    "staff_profile",
    "staff_request",
    "staff_request_close",
    "hours_decide",
    "fees",
    "payment_list",
    "figures",
]
