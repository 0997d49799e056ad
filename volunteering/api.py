"""JSON API of volunteering under /api/v1/volunteering/:

- requests/: the requests of the organisations the person asks for (all for staff);
  create by representatives, partners' contacts and staff;
- requests/{id}/suggestions/ (staff): the ranked people with their reasons;
- assignments/: the person's own and their organisations' tasks (all for staff); create
  by staff (`request`, `person`), an overlap answers 409;
- hours/: the person's own entries; create `{assignment, date, hours, note}`.

Experience areas appear in no answer here except the suggestions, which only staff see.
Another organisation's request, assignment or hours answers 404. The rules and their
translated messages are the services'."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.access import IsStaff
from organisations.models import Municipality, Organisation

from . import matching, selectors, services
from .errors import AssignmentConflict, VolunteeringError
from .models import (
    Assignment,
    ExperienceArea,
    HourEntry,
    Language,
    Profile,
    Request,
    Role,
    Skill,
)

HELSINKI = timezone.get_default_timezone()


def _dt(**kwargs):
    return serializers.DateTimeField(default_timezone=HELSINKI, **kwargs)


def _by_field(error: VolunteeringError) -> dict:
    return {
        field or api_settings.NON_FIELD_ERRORS_KEY: messages
        for field, messages in error.errors_by_field.items()
    }


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.TIME_TAKEN
    default_code = "conflict"


ERRORS_BY_FIELD = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="The translated messages by field: {field: [message, …]}.",
)


class DateSerializer(serializers.Serializer):
    start = _dt(help_text="Without an offset, Helsinki time.")
    end = _dt(help_text="Without an offset, Helsinki time.")


class RequestSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    dates = DateSerializer(many=True, read_only=True)
    skills = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    municipality = serializers.PrimaryKeyRelatedField(read_only=True)
    created_at = _dt(read_only=True)

    class Meta:
        model = Request
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "title",
            "description",
            "dates",
            "place",
            "address",
            "municipality",
            "people_needed",
            "roles",
            "skills",
            "languages",
            "fee_paid",
            "answer_by",
            "is_public",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer):
    # An organisation that does not exist answers like one the person may not ask for.
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        error_messages={"does_not_exist": _("You cannot ask for people for this organisation.")},
    )
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(max_length=5000, allow_blank=True)
    dates = DateSerializer(many=True, allow_empty=True)
    people_needed = serializers.IntegerField(min_value=1, max_value=50)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.all(), required=False, default=list
    )
    experience_areas = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=ExperienceArea.objects.all(),
        required=False,
        default=list,
        help_text="The experience areas the task calls for (ids of the vocabulary).",
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), required=False, default=list
    )
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="With an address the task is there; without one, online.",
    )
    address = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    fee_paid = serializers.BooleanField(default=False)
    answer_by = serializers.DateField()
    is_public = serializers.BooleanField(default=True)


class SuggestionSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="profile.pk")
    name = serializers.CharField(source="profile.name")
    score = serializers.IntegerField()
    recent_assignments = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class RequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests for volunteers of the organisations the person asks for (all for staff)."""

    serializer_class = RequestSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            selectors.requests_for_user(self.request.user)
            .select_related("organisation")
            .prefetch_related("dates", "skills")
            .order_by("-created_at", "pk")
        )

    @extend_schema(
        request=RequestCreateSerializer,
        responses={201: RequestSerializer, 400: ERRORS_BY_FIELD},
    )
    def create(self, request, *args, **kwargs):
        """Ask for people: `dates` as a list of `{start, end}`; with `address` and
        `municipality` the task is at that address, otherwise online."""
        data = RequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["dates"] = [(d["start"], d["end"]) for d in values["dates"]]
        values["place"] = Request.Place.ADDRESS if values["address"] else Request.Place.ONLINE
        try:
            created = services.request_create(actor=request.user, **values)
        except PermissionDenied:
            raise exceptions.ValidationError(
                {"organisation": [_("You cannot ask for people for this organisation.")]}
            ) from None
        except VolunteeringError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(
            self.get_serializer(self.get_queryset().get(pk=created.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={200: SuggestionSerializer(many=True)})
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[IsStaff],
        pagination_class=None,
        filter_backends=[],
    )
    def suggestions(self, request, pk=None):
        """The ranked people for the request, with the reasons (staff only)."""
        target = self.get_object()
        rows = matching.suggestions(target)
        return Response(SuggestionSerializer(rows, many=True).data)


class AssignmentSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="profile_id", read_only=True)
    person_name = serializers.CharField(source="profile.name", read_only=True)
    title = serializers.CharField(source="request.title", read_only=True)
    created_at = _dt(read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "request", "title", "person", "person_name", "status", "created_at"]
        read_only_fields = fields


class AssignmentCreateSerializer(serializers.Serializer):
    request = serializers.PrimaryKeyRelatedField(queryset=Request.objects.all())
    person = serializers.PrimaryKeyRelatedField(queryset=Profile.objects.all())


class AssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Tasks the person holds or their organisations' (all for staff); staff create."""

    serializer_class = AssignmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_permissions(self):
        if self.action == "create":
            return [IsStaff()]
        return super().get_permissions()

    def get_queryset(self):
        return (
            selectors.assignments_for_user(self.request.user)
            .select_related("profile", "request")
            .order_by("-created_at", "pk")
        )

    @extend_schema(
        request=AssignmentCreateSerializer,
        responses={201: AssignmentSerializer, 400: ERRORS_BY_FIELD, 409: ERRORS_BY_FIELD},
    )
    def create(self, request, *args, **kwargs):
        """Assign a person to a request (staff). 409 when a date meets another of the
        person's tasks."""
        data = AssignmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assignment = services.assignment_create(
                actor=request.user,
                request=data.validated_data["request"],
                profile=data.validated_data["person"],
            )
        except AssignmentConflict as error:
            raise Conflict(_by_field(error)) from None
        except VolunteeringError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(self.get_serializer(assignment).data, status=status.HTTP_201_CREATED)


class HourEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = HourEntry
        fields = [
            "id",
            "assignment",
            "date",
            "hours",
            "note",
            "status",
            "reject_reason",
            "fee",
            "travel",
        ]
        read_only_fields = fields


class HourEntryCreateSerializer(serializers.Serializer):
    assignment = serializers.IntegerField()
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class HourEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The person's own hour entries; create one for a date of a task they hold."""

    serializer_class = HourEntrySerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.own_hours(self.request.user).order_by("-date", "pk")

    @extend_schema(
        request=HourEntryCreateSerializer,
        responses={201: HourEntrySerializer, 400: ERRORS_BY_FIELD},
    )
    def create(self, request, *args, **kwargs):
        data = HourEntryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # Another's task answers like one that does not exist: the person does not hold it.
        assignment = (
            Assignment.objects.filter(pk=values["assignment"], profile__user=request.user)
            .select_related("profile", "request")
            .first()
        )
        try:
            entry = services.hours_report(
                actor=request.user,
                assignment=assignment,
                date=values["date"],
                hours=values["hours"],
                note=values["note"],
            )
        except VolunteeringError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)
