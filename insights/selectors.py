"""What the insights pages read, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Indicator, Observation

TREND_YEARS = 10


@dataclass
class IndicatorSeries:
    indicator: Indicator
    points: list = field(default_factory=list)  # [Observation] ordered by year

    @property
    def latest(self):
        return self.points[-1] if self.points else None

    @property
    def sparkline(self):
        """Points of a 120×32 polyline over the years with a value, or ''."""
        values = [(o.year, float(o.value)) for o in self.points if o.value is not None]
        if len(values) < 2:
            return ""
        low, high = min(v for _y, v in values), max(v for _y, v in values)
        span = (high - low) or 1.0
        step = 116 / (len(values) - 1)
        return " ".join(
            f"{2 + n * step:.1f},{30 - (v - low) / span * 28:.1f}"
            for n, (_y, v) in enumerate(values)
        )


def followed_indicators():
    return Indicator.objects.filter(followed=True).order_by("theme", "title_fi")


def municipality_series(municipality) -> list[IndicatorSeries]:
    """The followed indicators with the municipality's total values of the last
    TREND_YEARS years that have values: two queries whatever the numbers."""
    series = {i.pk: IndicatorSeries(i) for i in followed_indicators()}
    observations = (
        Observation.objects.filter(
            municipality=municipality, indicator_id__in=series.keys(), gender="total"
        )
        .order_by("indicator_id", "year")
        .only("indicator_id", "year", "value", "withheld", "read_at")
    )
    for observation in observations:
        series[observation.indicator_id].points.append(observation)
    for item in series.values():
        item.points = item.points[-TREND_YEARS:]
    return list(series.values())


def catalogue(*, search="", source="", followed_only=False):
    indicators = Indicator.objects.annotate(observation_count=Count("observations"))
    if search:
        indicators = indicators.filter(
            Q(title_fi__icontains=search)
            | Q(title_sv__icontains=search)
            | Q(title_en__icontains=search)
            | Q(source_id=search)
        )
    if source:
        indicators = indicators.filter(source=source)
    if followed_only:
        indicators = indicators.filter(followed=True)
    return indicators.order_by("-followed", "source", "title_fi")
