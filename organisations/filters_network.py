"""Filters of the staff list of partnerships: one FilterSet for the page and its CSV."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .filters import _by_name
from .models import Municipality, Organisation, Partnership


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        help_text=_("Title, description or the partner's name."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of partnership"), choices=Partnership.Kind.choices, empty_label=_("All kinds")
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Kind of partner"),
        field_name="partner__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All partners"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="partner__municipality",
        to_field_name="code",
        queryset=_by_name(Municipality),
        empty_label=_("All municipalities"),
    )
    active_on = django_filters.DateFilter(
        label=_("Active on"),
        method="filter_active_on",
        help_text=_("Partnerships running on this date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Partnership
        fields = ["q", "kind", "partner_kind", "municipality", "active_on"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(partner__name_fi__icontains=value)
            | Q(partner__name_sv__icontains=value)
            | Q(partner__name_en__icontains=value)
        )

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("-starts_on", "pk")
