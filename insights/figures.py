"""The centre's own figures for a municipality, beside the indicators.

What the centre does in a municipality (member associations, events, room bookings,
training participants, volunteering, grants, placements) is held by apps on floors
above insights, which may import only organisations and core. So insights keeps a
registry, and the top floor (yhteisokeskus, which may read every app) registers the
provider that computes those figures when it starts (yhteisokeskus.apps). The
municipality page, the comparison and the knowledge summary only ask the registry.

A provider is a callable ``provider(municipalities, period) -> {municipality pk:
[CentreFigure]}`` that computes every figure in SQL with a fixed number of queries,
whatever the number of municipalities, and says that number in ``provider.queries``."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.clock import today

_providers = []


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @classmethod
    def last_twelve_months(cls) -> "Period":
        end = today()
        return cls(first=end - timedelta(days=365), last=end)


@dataclass(frozen=True)
class CentreFigure:
    key: str  # stable, for the CSV and tests
    label: str
    value: int | Decimal
    unit: str = ""
    # Rows under the figure, e.g. member associations by field: [(label, value)]
    breakdown: tuple = ()


def register(provider):
    """Add a provider (see the module's docstring); registering one twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider):
    if provider in _providers:
        _providers.remove(provider)


def expected_queries() -> int:
    """How many queries centre_figures takes: the providers' declared numbers."""
    return sum(getattr(provider, "queries", 0) for provider in _providers)


def centre_figures(municipalities, period: Period | None = None) -> dict:
    """{municipality pk: [CentreFigure]} from every provider, for the period (the last
    twelve months by default)."""
    period = period or Period.last_twelve_months()
    municipalities = list(municipalities)
    result = {m.pk: [] for m in municipalities}
    for provider in _providers:
        for pk, figures in provider(municipalities, period).items():
            result.setdefault(pk, []).extend(figures)
    return result
