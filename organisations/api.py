"""JSON API of the public association directory: /api/v1/organisations/.

Public organisations and public fields only, with the directory's filters, translated
fields as {"fi": …, "sv": …, "en": …} (null where a language is missing) and the list
envelope of core.api.EnvelopePagination."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.reverse import reverse

from core.api import TranslatedField
from core.links import absolute_url

from .filters import OrganisationFilter, directory_queryset
from .models import FieldOfActivity, Municipality, Organisation


class MunicipalitySerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Municipality
        fields = ["code", "name"]


class FieldOfActivitySerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = FieldOfActivity
        fields = ["code", "name"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    municipality = MunicipalitySerializer(read_only=True, allow_null=True)
    region = serializers.CharField(
        source="municipality.region.code", read_only=True, allow_null=True, default=None
    )
    wellbeing_county = serializers.CharField(
        source="municipality.wellbeing_county.code",
        read_only=True,
        allow_null=True,
        default=None,
    )
    fields_of_activity = FieldOfActivitySerializer(many=True, read_only=True)
    is_member = serializers.BooleanField(read_only=True)
    member_since = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "description",
            "kind",
            "business_id",
            "register_number",
            "municipality",
            "region",
            "wellbeing_county",
            "fields_of_activity",
            "website",
            "email",
            "is_member",
            "member_since",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_id_url(self, obj):
        return absolute_url(reverse("organisation-detail", args=[obj.pk]))

    def get_fields(self):
        # "@id" is no Python identifier, so it cannot be declared as an attribute.
        fields = super().get_fields()
        return {"@id": serializers.SerializerMethodField(method_name="get_id_url"), **fields}


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Public organisations of the directory. Filters: `q` (search in names and the
    description; word beginnings match), `municipality`, `region`,
    `wellbeing_county` (codes), `field` (field of activity code), `member` (yes/no).
    With `q`, the best matches come first; otherwise by name."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return directory_queryset()
