"""JSON API of grants:

- /api/v1/grants/calls/: the public list and detail of published calls with their
  current criteria; /api/v1/grants/calls/{id}/ranking/ (staff): each application with
  `score`, `reviews` and per criterion `{criterion, weight, mean, count}`;
- /api/v1/grants/applications/: the applicant's own (their organisations'; staff: all);
  create and update drafts with the fields of the form and `budget_lines`;
  /api/v1/grants/applications/{id}/reviews/ (staff who do not review the call, or a
  reviewer after their own review): each review's scores per criterion, `null` for
  "not applicable";
- /api/v1/grants/applications/{id}/attachments/: list the application's attachments,
  upload one (multipart: `file`, `title`) while the application is a draft, with the
  same type sniffing and size limit as the page; .../attachments/{attachment_id}/
  downloads the file. Listing and downloading as on the pages: the applicant's
  organisation, staff, and the call's reviewers without a conflict.

The same services as the pages: a GrantError answers 400 with the translated message
under its field ("non_field_errors" when it names none); another organisation's
application answers 404."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from core.access import IsStaff
from core.api import TranslatedField
from core.links import absolute_url
from organisations.models import Municipality, Organisation

from . import selectors, services
from .errors import GrantError
from .models import Application, Attachment, BudgetLine, Call, Criterion

HELSINKI = timezone.get_default_timezone()


def _time(**kwargs):
    return serializers.DateTimeField(default_timezone=HELSINKI, read_only=True, **kwargs)


def _money(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class CriterionSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    guidance = TranslatedField()

    class Meta:
        model = Criterion
        fields = ["id", "name", "guidance", "weight", "scale_min", "scale_max", "allow_na"]


class CallSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    funder = serializers.IntegerField(source="funder_id", read_only=True)
    funder_name = TranslatedField(source="funder", base="name")
    opens_at = _time()
    closes_at = _time()
    is_open = serializers.BooleanField(read_only=True)
    criteria_version = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "name",
            "description",
            "funder",
            "funder_name",
            "budget",
            "min_grant",
            "max_grant",
            "opens_at",
            "closes_at",
            "is_open",
            "eligible",
            "self_financing_percent",
            "first_instalment_percent",
            "report_due",
            "criteria_version",
            "criteria",
        ]

    def get_criteria_version(self, call) -> int | None:
        current = getattr(call, "current_set", None)
        return current.version if current else None

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, call):
        current = getattr(call, "current_set", None)
        return CriterionSerializer(current.criteria.all() if current else [], many=True).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_id_url(self, obj):
        return reverse("grant-call-detail", args=[obj.pk], request=self.context.get("request"))

    def get_fields(self):
        fields = super().get_fields()
        return {"@id": serializers.SerializerMethodField(method_name="get_id_url"), **fields}


class CriterionResultSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion.pk")
    weight = serializers.DecimalField(source="criterion.weight", max_digits=5, decimal_places=2)
    mean = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    count = serializers.IntegerField()


class RankingSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    organisation = serializers.CharField(source="application.organisation.name")
    project_name = serializers.CharField(source="application.project_name")
    requested_amount = _money(source="application.requested_amount")
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    weighted_mean = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    reviews = serializers.IntegerField()
    criteria = CriterionResultSerializer(many=True)


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Published grant calls, newest first, with their current criteria and weights."""

    serializer_class = CallSerializer
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"[0-9]+"
    queryset = Call.objects.none()

    def get_queryset(self):
        return selectors.public_calls().order_by("-opens_at", "pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.calls_with_criteria(page) if page is not None else page

    def get_object(self):
        [call] = selectors.calls_with_criteria([super().get_object()])
        return call

    @extend_schema(responses={200: RankingSerializer(many=True)}, filters=False)
    @action(detail=True, permission_classes=[IsStaff], filter_backends=[], pagination_class=None)
    def ranking(self, request, pk=None):
        """Staff: the call's applications ranked by their score (a percentage of the
        scales' maximum), with the number of reviews and each criterion's mean."""
        call = Call.objects.filter(pk=pk).first()
        if call is None:
            raise exceptions.NotFound
        return Response(RankingSerializer(selectors.ranking(call), many=True).data)


class BudgetLineSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=BudgetLine.Category.choices)
    description = serializers.CharField(max_length=300, allow_blank=True, default="")
    amount = _money(min_value=0)


class ApplicationSerializer(serializers.ModelSerializer):
    organisation_name = TranslatedField(source="organisation", base="name")
    budget_lines = BudgetLineSerializer(many=True, required=False)
    municipalities = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Municipality.objects.all(), required=False
    )
    requested_amount = _money(min_value=0, required=False)
    submitted_at = _time(allow_null=True)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "organisation",
            "organisation_name",
            "status",
            "language",
            "project_name",
            "goals",
            "target_group",
            "municipalities",
            "starts_on",
            "ends_on",
            "requested_amount",
            "budget_lines",
            "submitted_at",
            "decision",
        ]
        read_only_fields = ["status", "submitted_at"]
        extra_kwargs = {
            "call": {"queryset": Call.objects.published()},
            "organisation": {"queryset": Organisation.objects.all()},
            "language": {"required": False},
            "project_name": {"required": False},
        }

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["call"].read_only = True
            fields["organisation"].read_only = True
        return fields

    def get_decision(self, application) -> dict | None:
        decision = getattr(application, "decision", None)
        if decision is None:
            return None
        return {"outcome": decision.outcome, "amount": str(decision.amount)}


def _by_field(error: GrantError) -> dict:
    return {
        field or api_settings.NON_FIELD_ERRORS_KEY: messages
        for field, messages in error.errors_by_field.items()
    }


ERRORS_BY_FIELD = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="The translated messages by field: {field: [message, …]}.",
)


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    score = serializers.IntegerField(source="value", allow_null=True)
    comment = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = serializers.CharField(source="reviewer.email")
    submitted_at = _time()
    comment = serializers.CharField()
    scores = ScoreSerializer(many=True)


class AttachmentSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="report_id", allow_null=True, read_only=True)
    uploaded_at = _time()
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "title", "content_type", "size", "report", "uploaded_at", "download"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, attachment) -> str:
        return absolute_url(
            django_reverse(
                "grant-application-attachment", args=[attachment.application_id, attachment.pk]
            )
        )


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG.")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


def _attachment_application(user, pk):
    """The application, for its organisation's people, staff, and the call's reviewers
    without a conflict; anyone else gets 404, as on the pages."""
    application = (
        selectors.applications_for(user).filter(pk=pk).first()
        or selectors.reviewable_applications(user).filter(pk=pk).first()
    )
    if application is None:
        raise exceptions.NotFound
    return application


class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Grant applications: the person's organisations' (staff: all). Create a draft
    with `call`, `organisation` (one you represent) and the fields; update a draft (or
    one returned for completion). Submitting is done on the application's page."""

    serializer_class = ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"[0-9]+"
    queryset = Application.objects.none()

    def get_queryset(self):
        return (
            selectors.applications_for(self.request.user)
            .prefetch_related("municipalities")
            .order_by("-created_at", "pk")
        )

    def _fields(self, data):
        fields = {
            k: data[k]
            for k in (
                "project_name",
                "goals",
                "target_group",
                "starts_on",
                "ends_on",
                "requested_amount",
                "language",
                "municipalities",
            )
            if k in data
        }
        if "budget_lines" in data:
            fields["budget_lines"] = [services.Line(**line) for line in data["budget_lines"]]
        return fields

    @extend_schema(responses={201: ApplicationSerializer, 400: ERRORS_BY_FIELD})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        fields = self._fields(data)
        fields.setdefault("language", get_language())
        try:
            with transaction.atomic():
                application = services.application_create(
                    actor=request.user,
                    call=data["call"],
                    organisation=data["organisation"],
                    **fields,
                )
        except PermissionDenied:
            raise exceptions.ValidationError(
                {"organisation": [_("You do not represent this organisation.")]}
            ) from None
        except GrantError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        application = self.get_queryset().get(pk=application.pk)
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ApplicationSerializer, 400: ERRORS_BY_FIELD})
    def update(self, request, *args, **kwargs):
        application = self.get_object()
        serializer = self.get_serializer(
            application, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        try:
            services.application_update(
                actor=request.user,
                application=application,
                **self._fields(serializer.validated_data),
            )
        except PermissionDenied:
            raise exceptions.NotFound from None
        except GrantError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(responses={200: ReviewSerializer(many=True)}, filters=False)
    @action(detail=True, filter_backends=[], pagination_class=None)
    def reviews(self, request, pk=None):
        """Staff who do not review the call, or a reviewer of the call after submitting
        their own review: every review's scores per criterion (`score` null for "not
        applicable"). Anyone else: 404."""
        application = Application.objects.select_related("call").filter(pk=pk).first()
        if application is None or not selectors.may_see_reviews(request.user, application):
            raise exceptions.NotFound
        return Response(ReviewSerializer(selectors.reviews_of(application), many=True).data)

    @extend_schema(
        methods=["GET"],
        responses={200: AttachmentSerializer(many=True)},
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, 400: ERRORS_BY_FIELD},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        pagination_class=None,
        parser_classes=[MultiPartParser, FormParser],
    )
    def attachments(self, request, pk=None):
        """The application's attachments (its reports' too). POST uploads one while the
        application is a draft or returned for completion: `file` (typed by its bytes,
        size-limited) and an optional `title`; only the applicant's organisation."""
        application = _attachment_application(request.user, pk)
        if request.method == "POST":
            upload = AttachmentUploadSerializer(data=request.data)
            upload.is_valid(raise_exception=True)
            try:
                attachment = services.attachment_add(
                    actor=request.user,
                    application=application,
                    title=upload.validated_data["title"],
                    file=upload.validated_data["file"],
                )
            except PermissionDenied:
                raise exceptions.NotFound from None
            except GrantError as error:
                raise exceptions.ValidationError(_by_field(error)) from None
            return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)
        attachments = application.attachments.order_by("pk")
        return Response(AttachmentSerializer(attachments, many=True).data)

    @extend_schema(
        responses={
            (200, content_type): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The file, as it was uploaded."
            )
            for content_type in sorted(services.ATTACHMENT_TYPES) + ["application/octet-stream"]
        },
        filters=False,
    )
    @action(
        detail=True,
        url_path=r"attachments/(?P<attachment_pk>[0-9]+)",
        url_name="attachment",
        filter_backends=[],
        pagination_class=None,
    )
    def attachment(self, request, pk=None, attachment_pk=None):
        """Download an attachment: the file with its sniffed content type."""
        application = _attachment_application(request.user, pk)
        attachment = Attachment.objects.filter(application=application, pk=attachment_pk).first()
        if attachment is None:
            raise exceptions.NotFound
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise exceptions.NotFound from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.file.name.rsplit("/", 1)[-1],
            content_type=attachment.content_type or "application/octet-stream",
        )
