"""What the insights pages read, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from core.access import is_staff
from organisations.selectors import represented_organisation_ids

from .figures import Period, centre_figures
from .models import (
    ATTRIBUTION,
    AreaObservation,
    ImportRun,
    Indicator,
    Interpretation,
    Observation,
    ObservationChange,
    Source,
    Theme,
)

TREND_YEARS = 10


@dataclass
class IndicatorSeries:
    indicator: Indicator
    points: list = field(default_factory=list)  # [Observation] ordered by year
    # {year: AreaObservation} of the municipality's wellbeing services county and of
    # the whole country
    county: dict = field(default_factory=dict)
    country: dict = field(default_factory=dict)
    interpretations: list = field(default_factory=list)

    @property
    def latest(self):
        return self.points[-1] if self.points else None

    @property
    def county_latest(self):
        """The county's value of the municipality's latest year (None without one)."""
        return self.county.get(self.latest.year) if self.latest else None

    @property
    def country_latest(self):
        return self.country.get(self.latest.year) if self.latest else None

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


def municipality_series(municipality, *, interpretations=()) -> list[IndicatorSeries]:
    """The followed indicators with the municipality's total values of the last
    TREND_YEARS years that have values, and the same years of its wellbeing services
    county and of the whole country: three queries whatever the numbers. The published
    interpretations given (published_interpretations) go with their indicator."""
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
    areas = (
        AreaObservation.objects.filter(indicator_id__in=series.keys(), gender="total")
        .filter(Q(county_id=municipality.wellbeing_county_id) | Q(county__isnull=True))
        .order_by()
        .only("indicator_id", "county_id", "year", "value", "withheld")
    )
    for area in areas:
        item = series[area.indicator_id]
        (item.country if area.county_id is None else item.county)[area.year] = area
    for interpretation in interpretations:
        if interpretation.indicator_id in series:
            series[interpretation.indicator_id].interpretations.append(interpretation)
    for item in series.values():
        item.points = item.points[-TREND_YEARS:]
    return list(series.values())


def municipality_page(municipality) -> dict:
    """Everything the municipality page and its knowledge summary show: the followed
    indicators with the county and the country, the published interpretations (of an
    indicator beside it, of a theme under the theme), the centre's own figures from the
    top floor (insights.figures) and the attributions of the sources shown."""
    interpretations = published_interpretations(municipality)
    series = municipality_series(municipality, interpretations=interpretations)
    attributions = attributions_of([item.indicator for item in series])
    themes = dict(Theme.choices)
    return {
        "municipality": municipality,
        "series": series,
        "theme_interpretations": [
            (themes[i.theme], i) for i in interpretations if i.indicator_id is None
        ],
        "interpretation_count": len(interpretations),
        "centre_figures": centre_figures([municipality]).get(municipality.pk, []),
        "figures_period": Period.last_twelve_months(),
        "attributions": attributions,
    }


def attributions_of(indicators) -> list:
    """The attribution lines of the sources of the indicators shown: Sotkanet's and
    Statistics Finland's (with the licence), then the uploaded ones' organisations."""
    sources = sorted({indicator.source for indicator in indicators})
    attributions = [ATTRIBUTION[s] for s in sources if s != Source.OWN]
    attributions += sorted({str(i.attribution) for i in indicators if i.source == Source.OWN})
    return attributions


def may_propose_interpretations(user) -> bool:
    """Staff, and an approved representative of an organisation (any role), who writes
    interpretations as drafts for staff to publish."""
    if not (user and user.is_authenticated):
        return False
    if is_staff(user):
        return True
    return represented_organisation_ids(user).exists()


def own_interpretations(user):
    """The interpretations the person wrote, newest first: their drafts and those staff
    have published. Never anybody else's."""
    if not (user and user.is_authenticated):
        return Interpretation.objects.none()
    return (
        Interpretation.objects.filter(author=user)
        .select_related("municipality", "indicator")
        .order_by("-updated_at", "-pk")
    )


def own_drafts(user):
    """What a representative may still edit: their own unpublished interpretations."""
    return own_interpretations(user).filter(published=False)


def draft_interpretations():
    """Unpublished interpretations of every municipality, for staff to read and
    publish, oldest first: one query."""
    return list(
        Interpretation.objects.filter(published=False)
        .select_related("municipality", "indicator", "author")
        .order_by("created_at", "pk")
    )


def published_interpretations(municipality):
    """The municipality's published interpretations, newest first, with their
    indicator and author: one query."""
    return list(
        Interpretation.objects.filter(municipality=municipality, published=True)
        .select_related("indicator", "author")
        .order_by("-written_on", "-pk")
    )


def last_import_runs():
    """The last refresh of each fetched source, [(source, ImportRun or None)]: one query."""
    runs = {
        run.source: run
        for run in ImportRun.objects.order_by("source", "-finished_at").distinct("source")
    }
    return [(Source(s), runs.get(s)) for s in (Source.SOTKANET, Source.PXWEB)]


CHANGES_SHOWN = 50


def recent_changes(limit=CHANGES_SHOWN):
    """The values imports changed last, newest first, with their indicator,
    municipality or area and refresh: one query."""
    return list(
        ObservationChange.objects.select_related(
            "observation__indicator",
            "observation__municipality",
            "area_observation__indicator",
            "area_observation__county",
            "run",
        ).order_by("-changed_at", "-pk")[:limit]
    )


def source_health() -> dict:
    """{source: "ok" | "failing: …" | "not imported yet"} from the last refresh of each
    fetched source, for /readyz: information only, a source being down never makes the
    portal unready. One query."""
    health = {}
    for source, run in last_import_runs():
        if run is None:
            health[source.value] = "not imported yet"
        elif run.status == ImportRun.Status.OK:
            health[source.value] = "ok"
        else:
            lines = run.error_lines
            detail = lines[0] if lines else run.get_status_display()
            more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
            health[source.value] = (
                f"failing: {run.failed} of {run.succeeded + run.failed} indicators, "
                f"{run.finished_at:%Y-%m-%dT%H:%MZ}: {detail}{more}"
            )
    return health


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
