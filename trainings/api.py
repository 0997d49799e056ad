"""JSON API of trainings: /api/v1/trainings/ (the public catalogue, with the catalogue's
filters) and /api/v1/trainings/{id}/enrolments/ (signed in: create; list all for staff,
and for anyone else their own and their organisations').

Enrolling calls the same service as the page, so the rules and their translated
messages are the same: a TrainingError answers 400 with the message under its field
("non_field_errors" when it names none); another organisation answers 400 on the field."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from core.api import TranslatedField
from core.links import absolute_url
from organisations.models import Organisation

from . import selectors, services
from .errors import TrainingError
from .filters import TrainingFilter
from .models import Enrolment, Programme, Session

HELSINKI = timezone.get_default_timezone()


def _time(**kwargs):
    return serializers.DateTimeField(default_timezone=HELSINKI, read_only=True, **kwargs)


class ProgrammeSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Programme
        fields = ["id", "name", "starts_on", "ends_on"]


class SessionSerializer(serializers.ModelSerializer):
    starts = _time()
    ends = _time()
    room = serializers.IntegerField(source="room_id", read_only=True, allow_null=True)
    room_name = TranslatedField(source="room", base="name", allow_null=True)
    online = serializers.SerializerMethodField(
        help_text="Met online (the link goes to participants)."
    )

    class Meta:
        model = Session
        fields = ["id", "starts", "ends", "room", "room_name", "online"]

    def get_online(self, session) -> bool:
        return bool(session.online_url)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.room_id is None:
            data["room_name"] = None
        return data


class TrainingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = TranslatedField()
    description = TranslatedField()
    audience = TranslatedField()
    format = serializers.CharField(read_only=True)
    trainers = serializers.CharField(read_only=True)
    programme = ProgrammeSerializer(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)
    capacity = serializers.IntegerField(read_only=True)
    places_left = serializers.SerializerMethodField()
    waiting_count = serializers.IntegerField(read_only=True)
    enrolment_opens = _time()
    enrolment_closes = _time()
    price_member = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    price_other = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    max_per_organisation = serializers.IntegerField(read_only=True, allow_null=True)
    certificate_rule = serializers.CharField(read_only=True)
    certificate_min_sessions = serializers.IntegerField(read_only=True, allow_null=True)
    first_start = _time(allow_null=True)
    last_end = _time(allow_null=True)
    sessions = SessionSerializer(many=True, read_only=True)

    def get_places_left(self, training) -> int:
        return max(training.capacity - training.confirmed_count, 0)

    @extend_schema_field(OpenApiTypes.URI)
    def get_id_url(self, obj):
        return absolute_url(reverse("training-detail", args=[obj.pk]))

    def get_fields(self):
        fields = super().get_fields()
        return {"@id": serializers.SerializerMethodField(method_name="get_id_url"), **fields}


class EnrolmentSerializer(serializers.ModelSerializer):
    organisation_name = TranslatedField(source="organisation", base="name", allow_null=True)
    created_at = _time()
    offer_expires_at = _time(allow_null=True)
    waiting_position = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "training",
            "name",
            "email",
            "organisation",
            "organisation_name",
            "needs",
            "status",
            "waiting_position",
            "offer_expires_at",
            "price",
            "member_price",
            "created_at",
        ]
        read_only_fields = fields

    def get_waiting_position(self, enrolment) -> int | None:
        positions = self.context.get("positions")
        if positions is None:
            return services.waiting_position(enrolment)
        return positions.get(enrolment.pk)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.organisation_id is None:
            data["organisation_name"] = None
        return data


class EnrolmentCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Enrol a person of this organisation (as its representative); "
        "leave out to enrol yourself.",
        error_messages={"does_not_exist": _("You cannot enrol people of this organisation.")},
    )
    name = serializers.CharField(max_length=200, allow_blank=True)
    email = serializers.EmailField(
        required=False, allow_blank=True, help_text="Ignored when enrolling yourself."
    )
    needs = serializers.CharField(max_length=2000, allow_blank=True, default="")


def _by_field(error: TrainingError) -> dict:
    return {
        field or api_settings.NON_FIELD_ERRORS_KEY: messages
        for field, messages in error.errors_by_field.items()
    }


ERRORS_BY_FIELD = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="The translated messages by field: {field: [message, …]}.",
)


class TrainingViewSet(viewsets.ReadOnlyModelViewSet):
    """The public training catalogue: published trainings (and cancelled or completed
    ones) with their sessions. Filters: `q` (words in the title, description, audience
    or trainers), `mode` (the format: in_person, online, hybrid), `programme` (id),
    `free` and `upcoming` (yes/no), `starts_after` (YYYY-MM-DD)."""

    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.catalogue().order_by("first_start", "pk")

    @extend_schema(methods=["GET"], responses={200: EnrolmentSerializer(many=True)}, filters=False)
    @extend_schema(
        methods=["POST"],
        request=EnrolmentCreateSerializer,
        responses={201: EnrolmentSerializer, 400: ERRORS_BY_FIELD},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        permission_classes=[permissions.IsAuthenticated],
        filter_backends=[],
        serializer_class=EnrolmentSerializer,
    )
    def enrolments(self, request, pk=None):
        """GET: the training's enrolments (every one for staff; otherwise the person's
        own and their organisations'). POST: enrol yourself, or with `organisation` a
        person of an organisation you represent; confirmed while places last, then on
        the waiting list (see `status` and `waiting_position`)."""
        training = self.get_object()
        if request.method == "POST":
            return self._enrol(request, training)
        enrolments = (
            selectors.enrolments_for_user(request.user)
            .filter(training=training)
            .order_by("created_at", "pk")
        )
        page = self.paginate_queryset(enrolments)
        context = {
            **self.get_serializer_context(),
            "positions": selectors.waiting_positions([training.pk]),
        }
        data = EnrolmentSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def _enrol(self, request, training):
        data = EnrolmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            enrolment = services.enrolment_create(
                actor=request.user,
                training=training,
                language=get_language(),
                **data.validated_data,
            )
        except PermissionDenied:
            raise exceptions.ValidationError(
                {"organisation": [_("You cannot enrol people of this organisation.")]}
            ) from None
        except TrainingError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(
            EnrolmentSerializer(enrolment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
