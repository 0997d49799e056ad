"""The limits the law sets on placements, in one place. Each default cites its source;
each can be changed with the setting ``PLACEMENT_LIMITS`` (a dict of the same keys),
because the rules are being reformed.

Rehabilitative work activity (kuntouttava työtoiminta): the Act on Rehabilitative Work
Activity (laki kuntouttavasta työtoiminnasta 189/2001) section 13, whose second
paragraph was rewritten by 142/2015 (in force 1.7.2015) and the whole section again by
702/2020 (in force 1.1.2021), keeping the figures: periods of 3–24 months at a time; in
each period at least four hours a day on at least one and at most four days a calendar
week. The act sets no daily maximum; eight hours, a full working day, is the portal's
default ceiling (the public guidance of the municipalities says 4–8 hours).

Work trial (työkokeilu): the Act on Organising Employment Services (laki
työvoimapalvelujen järjestämisestä 380/2023, in force 1.1.2025), which replaced the Act
on Public Employment and Business Services (916/2012) and kept its work trial rules
(916/2012 chapter 4 section 6): at most 12 months in all, of which at most six months
with the same host (when a municipality hosts, six months in the same tasks); one to
five days a week and four to eight hours a day. The act sets no separate limit for one
agreement; one agreement is capped at six months because that is the most with one
host.

A period of N months is counted in calendar months: it ends the day before the same
date N months later (1.9.–28.2. is six months). Several agreements are counted in days
against the days of N calendar months from the first of them (six months from 1.7. are
184 days, from 1.1. 181 days), so that one agreement alone is held to exactly the same
limit as a single period.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings

RWA = "rehabilitative"
TRIAL = "work_trial"

DEFAULTS = {
    RWA: {
        "min_months": 3,
        "max_months": 24,
        "min_days_per_week": 1,
        "max_days_per_week": 4,
        "min_hours_per_day": 4,
        "max_hours_per_day": 8,
        "max_total_months": None,
        "max_months_per_host": None,
    },
    TRIAL: {
        "min_months": None,
        "max_months": 6,
        "min_days_per_week": 1,
        "max_days_per_week": 5,
        "min_hours_per_day": 4,
        "max_hours_per_day": 8,
        "max_total_months": 12,
        "max_months_per_host": 6,
    },
}


@dataclass(frozen=True)
class Limits:
    min_months: int | None
    max_months: int | None
    min_days_per_week: int
    max_days_per_week: int
    min_hours_per_day: int
    max_hours_per_day: int
    max_total_months: int | None
    max_months_per_host: int | None


def limits_for(kind: str) -> Limits:
    """The limits of a kind of placement: the defaults above, overridden key by key by
    ``settings.PLACEMENT_LIMITS[kind]``."""
    values = dict(DEFAULTS[kind])
    values.update(getattr(settings, "PLACEMENT_LIMITS", {}).get(kind, {}))
    return Limits(**values)


def months_in_days(months: int, start: date) -> int:
    """The days in ``months`` calendar months from ``start``."""
    return (start + relativedelta(months=months) - start).days
