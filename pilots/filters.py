"""Filters of the pilot lists (the public page and the staff page)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from organisations.filters import localized
from organisations.models import Municipality

from .models import PilotStatus, Theme


def _municipalities_with_pilots(request):
    return (
        Municipality.objects.filter(pilots__isnull=False)
        .distinct()
        .order_by(localized("name"), "code")
    )


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
