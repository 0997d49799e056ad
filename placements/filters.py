"""Filters of the staff list of placements (django-filter; the chosen ones show as chips)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Authority, Host, Placement


def _hosts(request):
    return Host.objects.select_related("organisation").order_by("organisation__name")


class PlacementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Participant or reference"), method="filter_q", max_length=100
    )
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=Placement.Kind.choices, empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Placement.Status.choices, empty_label=_("All statuses")
    )
    host = django_filters.ModelChoiceFilter(
        label=_("host"), queryset=_hosts, empty_label=_("All hosts")
    )
    authority = django_filters.ModelChoiceFilter(
        label=_("referring authority"),
        queryset=Authority.objects.order_by("name"),
        empty_label=_("All referring authorities"),
    )

    class Meta:
        model = Placement
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(participant__name__icontains=value) | Q(referrer_reference__icontains=value)
        )
