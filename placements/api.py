"""JSON API of placements, read-only:

- /api/v1/placements/hosts/: the public host places (organisation, tasks, how many
  participants at once, place, accessibility), for anyone; filter by ``organisation``;
- /api/v1/placements/: the placements, for staff only (anybody else 404; anonymous 401
  or 403): kind, status, host, referring authority, period, days and hours, weekdays and
  the days present. No personal data of the participant: not the name, not the
  contact, not the referrer's reference. Filter by ``kind``, ``status``, ``host``,
  ``authority`` and ``active_on`` (a date the placement runs on)."""

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers, viewsets

from core.access import IsStaff

from .models import Host, Placement
from .selectors import public_hosts


class HostSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Host
        fields = ["id", "organisation", "organisation_name", "tasks", "capacity", "place"]
        fields += ["accessibility"]


class HostFilter(django_filters.FilterSet):
    class Meta:
        model = Host
        fields = ["organisation"]


class HostViewSet(viewsets.ReadOnlyModelViewSet):
    """The host places of rehabilitative work activity and work trials shown publicly."""

    serializer_class = HostSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = HostFilter
    lookup_value_regex = r"[0-9]+"
    queryset = Host.objects.none()

    def get_queryset(self):
        return public_hosts().order_by("organisation__name", "pk")


class PlacementSerializer(serializers.ModelSerializer):
    host = serializers.IntegerField(source="host_id", read_only=True)
    host_name = serializers.CharField(source="host.organisation.name", read_only=True)
    authority = serializers.IntegerField(source="authority_id", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    weekdays = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    days_present = serializers.IntegerField(read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "kind",
            "status",
            "host",
            "host_name",
            "authority",
            "authority_name",
            "start_date",
            "end_date",
            "agreed_end_date",
            "days_per_week",
            "hours_per_day",
            "weekdays",
            "days_present",
        ]


class PlacementFilter(django_filters.FilterSet):
    active_on = django_filters.DateFilter(
        label=_("Runs on the day"), method="filter_active_on", input_formats=["%Y-%m-%d"]
    )

    class Meta:
        model = Placement
        fields = ["kind", "status", "host", "authority"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(start_date__lte=value, end_date__gte=value)


class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    """Staff: the placements with their figures, without the participant's data."""

    serializer_class = PlacementSerializer
    permission_classes = [IsStaff]
    filterset_class = PlacementFilter
    lookup_value_regex = r"[0-9]+"
    queryset = Placement.objects.none()

    def get_queryset(self):
        return (
            Placement.objects.select_related("host__organisation", "authority")
            .annotate(days_present=Count("attendances", filter=Q(attendances__status="present")))
            .order_by("-start_date", "pk")
        )
