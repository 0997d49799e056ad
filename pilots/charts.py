"""The chart of an indicator as data for a server-rendered SVG
(templates/pilots/includes/indicator_chart.html): the measured values over time as a
line, with the baseline and the target as labelled lines of their own (told apart by
their dash pattern and label, not by colour alone). The page and the PDF render the same
template, and the numbers are also shown in a table next to it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import formats

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 86, 16, 40
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def number(value) -> str:
    """A value in the current language's format, without trailing zeros: 12,5 and
    1 250 in Finnish."""
    if value is None:
        return "–"
    value = Decimal(value)
    normal = value.normalize()
    places = max(0, -normal.as_tuple().exponent)
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass
class Point:
    x: str
    y: str
    label: str


@dataclass
class Line:
    y: str
    label: str
    text_y: str


@dataclass
class Tick:
    y: str
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_y: int = TOP + PLOT_H
    points: list[Point] = field(default_factory=list)
    polyline: str = ""
    baseline: Line | None = None
    target: Line | None = None
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[tuple[str, str, str]] = field(default_factory=list)  # x, anchor, text

    plot_width: int = PLOT_W
    plot_height: int = PLOT_H

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def empty_x(self) -> int:
        return self.left + 16

    @property
    def label_x(self) -> int:
        return self.right_edge + 6

    @property
    def x_label_y(self) -> int:
        return self.bottom_y + 18


def _nice_step(span: Decimal) -> Decimal:
    raw = span / 4
    magnitude = Decimal(10) ** (raw.adjusted())
    for step in NICE_STEPS:
        if raw <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _axis(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    lo, hi = min(values), max(values)
    if lo == hi:
        pad = abs(lo) / 10 or Decimal(1)
        lo, hi = lo - pad, hi + pad
    step = _nice_step(hi - lo)
    lo = (lo / step).to_integral_value(rounding="ROUND_FLOOR") * step
    hi = (hi / step).to_integral_value(rounding="ROUND_CEILING") * step
    return lo, hi, step


def _date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def indicator_chart(indicator) -> Chart:
    """The chart of one indicator, from its measurements (the prefetched ones if any)."""
    measurements = indicator.sorted_measurements
    values = [m.value for m in measurements] + [indicator.baseline, indicator.target]
    lo, hi, step = _axis([Decimal(v) for v in values])

    def y_of(value) -> float:
        return TOP + PLOT_H - float((Decimal(value) - lo) / (hi - lo)) * PLOT_H

    chart = Chart()
    tick = lo
    while tick <= hi:
        chart.ticks.append(Tick(y=f"{y_of(tick):.1f}", label=number(tick)))
        tick += step

    if measurements:
        first, last = measurements[0].measured_on, measurements[-1].measured_on
        days = (last - first).days

        def x_of(day: date) -> float:
            if days == 0:
                return LEFT + PLOT_W / 2
            return LEFT + (day - first).days / days * PLOT_W

        for m in measurements:
            chart.points.append(
                Point(
                    x=f"{x_of(m.measured_on):.1f}",
                    y=f"{y_of(m.value):.1f}",
                    label=f"{_date(m.measured_on)}: {number(m.value)}",
                )
            )
        chart.polyline = " ".join(f"{p.x},{p.y}" for p in chart.points)
        if days == 0:
            chart.x_labels = [(f"{LEFT + PLOT_W / 2:.1f}", "middle", _date(first))]
        else:
            chart.x_labels = [
                (str(LEFT), "start", _date(first)),
                (str(LEFT + PLOT_W), "end", _date(last)),
            ]

    base_y, target_y = y_of(indicator.baseline), y_of(indicator.target)
    # Keep the two labels apart when the lines are close together.
    base_text, target_text = base_y + 4, target_y + 4
    if abs(base_y - target_y) < 14:
        upper, lower = sorted([base_y, target_y])
        shift = (14 - (lower - upper)) / 2
        if base_y <= target_y:
            base_text, target_text = base_y + 4 - shift, target_y + 4 + shift
        else:
            base_text, target_text = base_y + 4 + shift, target_y + 4 - shift
    chart.baseline = Line(
        y=f"{base_y:.1f}", label=number(indicator.baseline), text_y=f"{base_text:.1f}"
    )
    chart.target = Line(
        y=f"{target_y:.1f}", label=number(indicator.target), text_y=f"{target_text:.1f}"
    )
    return chart


def with_charts(indicators, *, prefix: str = "chart") -> list:
    """The indicators, each with its chart and a unique id for the chart's title."""
    indicators = list(indicators)
    for indicator in indicators:
        indicator.chart = indicator_chart(indicator)
        indicator.chart_id = f"{prefix}-{indicator.pk}"
    return indicators
