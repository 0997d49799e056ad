"""Small horizontal bar charts as data for server-rendered SVG
(templates/includes/bar_chart.svg.html), for the dashboard, the annual report and the
municipal comparison. The numbers are always shown next to the bars and in text beside
the chart, so the chart is never the only place a figure is told (role="img" with a
text alternative)."""

from dataclasses import dataclass, field

from django.utils import formats

LABEL_WIDTH = 140
BAR_AREA = 220
VALUE_WIDTH = 50
ROW = 22
BAR = 14
TOP = 4
MAX_LABEL = 22


@dataclass
class Bar:
    label: str
    value: str
    y: int
    text_y: int
    # SVG attributes as plain strings: a float in a template would be localised (12,5).
    width: str
    value_x: str


@dataclass
class BarChart:
    bars: list[Bar] = field(default_factory=list)
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height: int = TOP
    label_width: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 6
    bar_height: int = BAR

    @property
    def summary(self) -> str:
        """The chart in words, for its text alternative: "Label: 3; Other: 1"."""
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars)


def bar_chart(rows, *, limit: int = 12) -> BarChart | None:
    """rows: (label, number) pairs, in the order to draw them; None when empty."""
    rows = [(str(label), value) for label, value in rows][:limit]
    if not rows:
        return None
    highest = max((value for _label, value in rows), default=0) or 1
    chart = BarChart()
    for i, (label, value) in enumerate(rows):
        width = float(value) / float(highest) * BAR_AREA
        y = TOP + i * ROW
        if len(label) > MAX_LABEL:
            label = label[: MAX_LABEL - 1] + "…"
        chart.bars.append(
            Bar(
                label=label,
                value=formats.number_format(value, use_l10n=True, force_grouping=True),
                y=y,
                text_y=y + BAR - 3,
                width=f"{width:.1f}",
                value_x=f"{LABEL_WIDTH + width + 5:.1f}",
            )
        )
    chart.height = TOP + len(rows) * ROW + TOP
    return chart
