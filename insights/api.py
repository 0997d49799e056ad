"""JSON API of insights (read-only, public): /api/v1/insights/indicators/ (the followed
indicators with their metadata) and /api/v1/insights/observations/ (their values per
municipality and year, with the source and the source's region id), in core's list
envelope, filtered with django-filter."""

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from .models import Indicator, Observation, Source

TRILINGUAL_SCHEMA = {
    "type": "object",
    "properties": {code: {"type": "string", "nullable": True} for code in ("fi", "sv", "en")},
    "required": ["fi"],
}


@extend_schema_field(TRILINGUAL_SCHEMA)
class TrilingualField(serializers.Field):
    """An indicator's title or description as {"fi": …, "sv": …, "en": …}, null where
    the source gives none (the indicators keep their own columns, not modeltranslation's)."""

    def __init__(self, base, **kwargs):
        self.base = base
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return {
            code: getattr(instance, f"{self.base}_{code}") or None for code in ("fi", "sv", "en")
        }


class IndicatorSerializer(serializers.ModelSerializer):
    title = TrilingualField("title")
    description = TrilingualField("description")
    attribution = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "source",
            "source_id",
            "content_code",
            "title",
            "description",
            "unit",
            "decimals",
            "organisation",
            "theme",
            "source_updated",
            "attribution",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    value = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, allow_null=True, read_only=True
    )
    absolute_value = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, allow_null=True, read_only=True
    )

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "municipality",
            "year",
            "gender",
            "value",
            "absolute_value",
            "withheld",
            "source",
            "source_id",
            "source_region",
            "read_at",
        ]


class IndicatorFilter(django_filters.FilterSet):
    source = django_filters.ChoiceFilter(choices=Source.choices)
    theme = django_filters.CharFilter()

    class Meta:
        model = Indicator
        fields = ["source", "theme"]


class ObservationFilter(django_filters.FilterSet):
    indicator = django_filters.NumberFilter(field_name="indicator_id")
    municipality = django_filters.CharFilter(
        field_name="municipality__code", help_text="The municipality's number, e.g. 609."
    )
    year = django_filters.NumberFilter()
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = Observation
        fields = ["indicator", "municipality", "year", "year_from", "year_to"]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicators the centre follows, with their metadata. Filters: `source`
    (sotkanet, pxweb, own), `theme`."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return Indicator.objects.filter(followed=True).order_by("theme", "title_fi", "pk")


class ObservationViewSet(viewsets.ReadOnlyModelViewSet):
    """The followed indicators' values per municipality and year (withheld values have
    `value` null and `withheld` true). Filters: `indicator` (id), `municipality`
    (number), `year`, `year_from`, `year_to`."""

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return (
            Observation.objects.filter(indicator__followed=True)
            .select_related("municipality")
            .order_by("indicator_id", "municipality__code", "year", "gender", "pk")
        )
