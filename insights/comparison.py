"""Two or more municipalities side by side: each followed indicator's values of one
year for every municipality chosen, with their wellbeing services counties and the
whole country for reference, and the centre's own figures per municipality.

The year compared is, per indicator, the latest year for which any of the chosen
municipalities has a value, so that every column is of the same year. Everything is
read in a fixed number of queries, whatever the number of municipalities: the
followed indicators, their values, the counties' and the country's values, and the
centre's figures (insights.figures, whose providers declare their own number)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from core.charts import bar_chart

from .figures import Period, centre_figures
from .models import AreaObservation, Observation
from .selectors import attributions_of, followed_indicators

MAX_MUNICIPALITIES = 6
MIN_MUNICIPALITIES = 2


def rounded(value, decimals):
    """A stored value with the indicator's decimals, rounded as the pages show it
    (Django's floatformat rounds half up)."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass
class ComparedIndicator:
    indicator: object
    year: int | None = None
    values: list = field(default_factory=list)  # [Observation | None], one per municipality
    counties: list = field(default_factory=list)  # [AreaObservation | None], one per county
    country: object = None  # AreaObservation | None
    chart: object = None  # core.charts.BarChart | None


@dataclass
class ComparedFigure:
    key: str
    label: str
    unit: str
    values: list  # one per municipality
    breakdown: bool = False  # a row under the figure above (members by field)


@dataclass
class Comparison:
    municipalities: list
    counties: list  # the chosen municipalities' wellbeing services counties, in order
    indicators: list[ComparedIndicator]
    figures: list[ComparedFigure]
    figures_period: Period
    attributions: list
    centre_figures: dict  # {municipality pk: [CentreFigure]}, as insights.figures gives

    @property
    def sources(self):
        return {item.indicator.source for item in self.indicators}


def _chart(item: ComparedIndicator, municipalities):
    """Bars of the municipalities' values when there are two or more and none is
    negative; None otherwise (the table says it all)."""
    decimals = item.indicator.decimals
    rows = [
        (m.name, rounded(o.value, decimals))
        for m, o in zip(municipalities, item.values, strict=True)
        if o is not None and o.value is not None
    ]
    if len(rows) < 2 or any(value < 0 for _name, value in rows):
        return None
    return bar_chart(rows)


def _figures(municipalities, by_municipality) -> list[ComparedFigure]:
    """The centre's figures as rows with one value per municipality; a figure's
    breakdown (members by field) as rows under it, 0 where a municipality has none."""
    rows = []
    first = by_municipality.get(municipalities[0].pk, [])
    for position, figure in enumerate(first):
        per_municipality = [by_municipality.get(m.pk, [])[position] for m in municipalities]
        rows.append(
            ComparedFigure(
                figure.key, str(figure.label), figure.unit, [f.value for f in per_municipality]
            )
        )
        labels = []
        for f in per_municipality:
            labels += [label for label, _value in f.breakdown if label not in labels]
        for label in labels:
            rows.append(
                ComparedFigure(
                    f"{figure.key}:{label}",
                    str(label),
                    figure.unit,
                    [dict(f.breakdown).get(label, 0) for f in per_municipality],
                    breakdown=True,
                )
            )
    return rows


def compare(municipalities) -> Comparison:
    """The comparison of the municipalities given (with their wellbeing_county
    selected), in their order."""
    municipalities = list(municipalities)
    counties = []
    for municipality in municipalities:
        if municipality.wellbeing_county not in counties:
            counties.append(municipality.wellbeing_county)
    indicators = list(followed_indicators())
    ids = [i.pk for i in indicators]
    values = {}  # (indicator, municipality, year): Observation
    latest = {}  # indicator: year
    for observation in (
        Observation.objects.filter(
            indicator_id__in=ids, municipality__in=municipalities, gender="total"
        )
        .order_by()
        .only("indicator_id", "municipality_id", "year", "value", "withheld")
    ):
        key = (observation.indicator_id, observation.municipality_id, observation.year)
        values[key] = observation
        latest[observation.indicator_id] = max(
            latest.get(observation.indicator_id, 0), observation.year
        )
    areas = {}  # (indicator, county or None, year): AreaObservation
    for area in (
        AreaObservation.objects.filter(indicator_id__in=ids, gender="total")
        .filter(Q(county__in=[c.pk for c in counties]) | Q(county__isnull=True))
        .filter(year__in=set(latest.values()))
        .order_by()
        .only("indicator_id", "county_id", "year", "value", "withheld")
    ):
        areas[(area.indicator_id, area.county_id, area.year)] = area
    compared = []
    for indicator in indicators:
        year = latest.get(indicator.pk)
        item = ComparedIndicator(indicator, year)
        item.values = [values.get((indicator.pk, m.pk, year)) for m in municipalities]
        item.counties = [areas.get((indicator.pk, c.pk, year)) for c in counties]
        item.country = areas.get((indicator.pk, None, year))
        item.chart = _chart(item, municipalities)
        compared.append(item)
    period = Period.last_twelve_months()
    figures = centre_figures(municipalities, period) if municipalities else {}
    return Comparison(
        municipalities=municipalities,
        counties=counties,
        indicators=compared,
        figures=_figures(municipalities, figures) if municipalities else [],
        figures_period=period,
        attributions=attributions_of(indicators),
        centre_figures=figures,
    )
