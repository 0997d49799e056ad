"""The indicator chart's geometry: values map onto the plot, the baseline and target
lines sit where their values are, and edge cases draw without dividing by zero."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from pilots.charts import LEFT, PLOT_H, PLOT_W, TOP, indicator_chart, number, with_charts
from tests.factories.pilots import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

BOTTOM = TOP + PLOT_H


def ys(chart):
    return [float(p.y) for p in chart.points]


def test_an_increasing_indicator_climbs_towards_the_target_line():
    indicator = IndicatorFactory(baseline=0, target=100)
    for month, value in ((1, 0), (2, 50), (3, 100)):
        MeasurementFactory(
            indicator=indicator, measured_on=datetime.date(2026, month, 1), value=value
        )
    chart = indicator_chart(indicator)
    assert ys(chart) == [BOTTOM, TOP + PLOT_H / 2, TOP]
    assert float(chart.baseline.y) == BOTTOM and float(chart.target.y) == TOP
    # Time runs left to right in proportion to the days between measurements.
    xs = [float(p.x) for p in chart.points]
    assert xs[0] == LEFT and xs[-1] == LEFT + PLOT_W
    assert xs[1] == pytest.approx(LEFT + 31 / 59 * PLOT_W, abs=0.1)
    assert [t.label for t in chart.ticks] == ["0", "25", "50", "75", "100"]


def test_a_decreasing_indicator_has_its_target_below_the_baseline():
    indicator = IndicatorFactory(baseline=40, target=10, direction="decrease")
    MeasurementFactory(indicator=indicator, value=Decimal("22.5"))
    chart = indicator_chart(indicator)
    assert float(chart.target.y) > float(chart.baseline.y)
    # One measurement stands in the middle.
    assert float(chart.points[0].x) == LEFT + PLOT_W / 2
    assert chart.points[0].label == "1.2.2026: 22,5"


def test_baseline_equal_to_target_without_measurements_still_draws():
    indicator = IndicatorFactory(baseline=5, target=5)
    chart = indicator_chart(indicator)
    assert chart.points == [] and chart.polyline == ""
    assert chart.ticks and chart.baseline.y == chart.target.y
    # The labels of the two lines are kept apart.
    assert abs(float(chart.baseline.text_y) - float(chart.target.text_y)) >= 14


def test_numbers_are_written_the_finnish_way():
    assert number(Decimal("1250.50")) == "1\xa0250,5"  # grouped with a no-break space
    assert number(Decimal("12.00")) == "12"
    assert number(None) == "–"


def test_the_chart_template_is_an_accessible_svg():
    indicator = with_charts([IndicatorFactory(name_fi="Kävijät", unit="hlöä")], prefix="x")[0]
    svg = render_to_string(
        "pilots/includes/indicator_chart.html",
        {"indicator": indicator, "chart": indicator.chart, "chart_id": indicator.chart_id},
    )
    assert 'role="img"' in svg
    assert f'<title id="x-{indicator.pk}-title">Kävijät (hlöä)' in svg
    assert f'<desc id="x-{indicator.pk}-desc">' in svg
