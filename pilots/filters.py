"""Filters of the pilot lists (the public page and the staff page)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from organisations.models import Municipality

from .models import PilotStatus, Theme


def _municipalities_of(pilots):
    return Municipality.objects.filter(pk__in=pilots.values("municipalities")).order_by(
        localized("name"), "code"
    )


def _municipalities_with_pilots(request):
    from .models import Pilot

    return _municipalities_of(Pilot.objects.all())


class PilotFilter(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PilotStatus.choices, empty_label=_("All statuses")
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipalities",
        queryset=_municipalities_with_pilots,
        empty_label=_("All municipalities"),
        distinct=False,
        method="filter_municipality",
    )

    def filter_municipality(self, queryset, name, value):
        # A subquery rather than a join, so that a pilot never appears twice.
        from .models import Pilot

        return queryset.filter(pk__in=Pilot.objects.filter(municipalities=value).values("pk"))


class PublicPilotFilter(PilotFilter):
    """The public list offers only the municipalities of public pilots."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Pilot

        self.filters["municipality"].queryset = _municipalities_of(Pilot.objects.public())
