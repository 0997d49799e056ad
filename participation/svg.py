"""Server-rendered SVG charts of the participation model: an indicator's measurements
as a line between its baseline and target. The numbers are always in a table next to
the chart too; the chart is an image with a text alternative."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 320, 120, 12


def progress_chart(indicator) -> str:
    """An SVG of the indicator's measurements, or "" when it has none. Reads
    ``indicator.measurements.all()``."""
    points = list(indicator.measurements.all())
    if not points:
        return ""
    values = [float(m.value) for m in points] + [float(indicator.baseline), float(indicator.target)]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def y(value) -> float:
        return round(HEIGHT - PAD - (float(value) - low) / span * (HEIGHT - 2 * PAD), 1)

    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)
    coords = [(round(PAD + i * step, 1), y(m.value)) for i, m in enumerate(points)]
    line = " ".join(f"{x},{yy}" for x, yy in coords)
    dots = "".join(f'<circle cx="{x}" cy="{yy}" r="3"/>' for x, yy in coords)
    latest = points[-1]
    label = _("%(name)s: baseline %(baseline)s, target %(target)s, latest %(value)s (%(date)s)") % {
        "name": indicator.name,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "value": latest.value,
        "date": latest.measured_on.strftime("%d.%m.%Y"),
    }
    target_y, baseline_y = y(indicator.target), y(indicator.baseline)
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{baseline_y}" y2="{baseline_y}" '
        'stroke="#6b6b6b" stroke-dasharray="2 3"/>'
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{target_y}" y2="{target_y}" '
        'stroke="#1a6b3a" stroke-dasharray="6 3"/>'
        f'<polyline points="{line}" fill="none" stroke="#003a70" stroke-width="2"/>'
        f'<g fill="#003a70">{dots}</g></svg>'
    )
