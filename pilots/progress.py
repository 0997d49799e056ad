"""Progress of an indicator and the measurement periods, as pure functions (no
database), so that pages, the PDF, reminders and later reports compute them alike."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def progress_percent(*, baseline, target, value, direction: str) -> Decimal | None:
    """How far ``value`` has come from ``baseline`` towards ``target``, in per cent,
    clamped to 0–100 and rounded to one decimal. None when there is no value yet.

    ``direction`` is "increase" or "decrease"; a value on the wrong side of the baseline
    is 0 %, one past the target 100 %. When the baseline already is the target, the
    target is met (100 %) while the value stays on the right side of it."""
    if value is None:
        return None
    baseline, target, value = Decimal(baseline), Decimal(target), Decimal(value)
    sign = -1 if direction == "decrease" else 1
    if baseline == target:
        return HUNDRED if sign * (value - target) >= 0 else Decimal(0)
    share = (value - baseline) / (target - baseline) * HUNDRED
    share = min(max(share, Decimal(0)), HUNDRED)
    return share.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def target_reached(*, target, value, direction: str) -> bool:
    if value is None:
        return False
    if direction == "decrease":
        return Decimal(value) <= Decimal(target)
    return Decimal(value) >= Decimal(target)


# --- Measurement periods ------------------------------------------------------------


def period_of(day: date, interval: str) -> tuple[date, date]:
    """The first and last day of the period (ISO week, month, quarter, year) that
    contains ``day``."""
    if interval == "weekly":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if interval == "monthly":
        start = day.replace(day=1)
    elif interval == "quarterly":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    elif interval == "yearly":
        start = date(day.year, 1, 1)
    else:
        raise ValueError(f"unknown interval {interval!r}")
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}[interval]
    following = _add_months(start, months)
    return start, following - timedelta(days=1)


def previous_period(day: date, interval: str) -> tuple[date, date]:
    """The last whole period before the one that contains ``day``."""
    start, _end = period_of(day, interval)
    return period_of(start - timedelta(days=1), interval)


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
