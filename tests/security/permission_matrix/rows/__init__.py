"""One row per URL: how to build it from the world, the method, and what each role gets
(the tokens are explained in base.py). One module per part of the portal; ROWS is all of
them in order."""

from . import (
    accounts,
    admin,
    api,
    dashboard,
    events,
    facilities,
    grants,
    insights,
    newsletters,
    organisations,
    participation,
    pilots,
    placements,
    site,
    trainings,
    volunteering,
)
from .base import LOGIN_ANY, PUBLIC, STAFF_ADMIN, Row, r, staff

ROWS = [
    row
    for module in (
        site,
        api,
        organisations,
        facilities,
        pilots,
        placements,
        dashboard,
        events,
        trainings,
        grants,
        newsletters,
        volunteering,
        participation,
        accounts,
        admin,
        insights,
    )
    for row in module.ROWS
]

__all__ = ["LOGIN_ANY", "PUBLIC", "ROWS", "STAFF_ADMIN", "Row", "r", "staff"]
