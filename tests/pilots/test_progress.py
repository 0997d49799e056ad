"""Progress towards the target and measurement periods, as pure functions and as the
indicator's property."""

import datetime
from decimal import Decimal

import pytest

from pilots.progress import period_of, previous_period, progress_percent, target_reached
from tests.factories.pilots import IndicatorFactory, MeasurementFactory


def progress(baseline, target, value, direction="increase"):
    return progress_percent(baseline=baseline, target=target, value=value, direction=direction)


def test_increase_is_the_share_of_the_way_from_baseline_to_target():
    assert progress(10, 50, 20) == Decimal("25.0")
    assert progress(10, 50, 50) == Decimal("100.0")
    assert progress(0, 3, 1) == Decimal("33.3")


def test_decrease_counts_the_way_down():
    # From 40 % dropouts towards 10 %: at 25 % half of the way is done.
    assert progress(40, 10, 25, "decrease") == Decimal("50.0")
    assert progress(40, 10, 10, "decrease") == Decimal("100.0")
    assert progress(40, 10, 40, "decrease") == Decimal("0.0")


def test_progress_is_clamped_to_0_and_100():
    assert progress(10, 50, 5) == Decimal(0)
    assert progress(10, 50, 80) == Decimal(100)
    assert progress(40, 10, 55, "decrease") == Decimal(0)
    assert progress(40, 10, 2, "decrease") == Decimal(100)


def test_baseline_equal_to_target_means_keeping_the_level():
    assert progress(5, 5, 5) == Decimal(100)
    assert progress(5, 5, 6) == Decimal(100)
    assert progress(5, 5, 4) == Decimal(0)
    assert progress(5, 5, 4, "decrease") == Decimal(100)
    assert progress(5, 5, 6, "decrease") == Decimal(0)


def test_no_value_has_no_progress():
    assert progress(10, 50, None) is None
    assert not target_reached(target=50, value=None, direction="increase")


def test_target_reached_in_each_direction():
    assert target_reached(target=50, value=50, direction="increase")
    assert not target_reached(target=50, value=49, direction="increase")
    assert target_reached(target=10, value=9, direction="decrease")


@pytest.mark.parametrize(
    ("interval", "day", "start", "end"),
    [
        ("weekly", (2026, 12, 3), (2026, 11, 30), (2026, 12, 6)),
        ("monthly", (2026, 2, 14), (2026, 2, 1), (2026, 2, 28)),
        ("quarterly", (2026, 11, 5), (2026, 10, 1), (2026, 12, 31)),
        ("yearly", (2026, 6, 1), (2026, 1, 1), (2026, 12, 31)),
    ],
)
def test_period_of(interval, day, start, end):
    assert period_of(datetime.date(*day), interval) == (
        datetime.date(*start),
        datetime.date(*end),
    )


def test_previous_period_crosses_the_year():
    assert previous_period(datetime.date(2026, 1, 10), "monthly") == (
        datetime.date(2025, 12, 1),
        datetime.date(2025, 12, 31),
    )
    assert previous_period(datetime.date(2026, 2, 10), "quarterly") == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )


@pytest.mark.django_db
def test_indicator_progress_uses_the_latest_measurement():
    indicator = IndicatorFactory(baseline=Decimal(10), target=Decimal(50))
    assert indicator.progress is None
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 1), value=40)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 2, 1), value=20)
    indicator.refresh_from_db()
    assert indicator.latest_value == Decimal(40)
    assert indicator.progress == Decimal("75.0")
    assert [row["progress"] for row in indicator.rows] == [Decimal("25.0"), Decimal("75.0")]
