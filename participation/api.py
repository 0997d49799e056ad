"""JSON API of participation, public and read-only: /api/v1/participation/ consultations
(with their sections and polls), sections, the shown comments of a consultation, themes
and the participation model's goals with their indicators and progress.

No personal data leaves here: a comment shows its text, the name only when the
consultation shows names, the municipality, the language and the workshop; never the
account, the voter key or an email. Hidden comments and unpublished consultations are
not listed at all."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action

from core.api import TranslatedField

from . import selectors
from .models import (
    Action,
    Comment,
    Consultation,
    Goal,
    Indicator,
    Poll,
    PollOption,
    Section,
    Theme,
)

HELSINKI = timezone.get_default_timezone()


def _time():
    return serializers.DateTimeField(default_timezone=HELSINKI, read_only=True)


class PollOptionSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    answer_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PollOption
        fields = ["id", "text", "answer_count"]


class PollSerializer(serializers.ModelSerializer):
    question = TranslatedField()
    options = PollOptionSerializer(many=True, read_only=True)

    class Meta:
        model = Poll
        fields = ["id", "question", "kind", "options"]


class SectionSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    body = TranslatedField()
    polls = PollSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "consultation", "order", "title", "body", "polls"]


class ConsultationSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    introduction = TranslatedField()
    opens_at = _time()
    closes_at = _time()
    comment_count = serializers.IntegerField(read_only=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "title",
            "introduction",
            "opens_at",
            "closes_at",
            "commenters",
            "show_names",
            "comment_count",
            "sections",
        ]


class CommentSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    municipality = serializers.CharField(
        source="municipality.name", read_only=True, allow_null=True, default=None
    )
    workshop = serializers.CharField(
        source="workshop.place", read_only=True, allow_null=True, default=None
    )
    created_at = _time()
    vote_count = serializers.IntegerField(read_only=True)
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    goals = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "section",
            "parent",
            "text",
            "name",
            "municipality",
            "language",
            "workshop",
            "created_at",
            "vote_count",
            "is_pinned",
            "themes",
            "goals",
        ]

    def get_name(self, comment) -> str | None:
        shown = comment.section.consultation.show_names
        return (comment.name or None) if shown else None

    def get_goals(self, comment) -> list[int]:
        """The goals the comment led to, directly or through its themes."""
        return [goal.pk for goal in comment.led_to_goals]


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    comment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "consultation", "name", "comment_count"]


class MeasurementSerializer(serializers.Serializer):
    measured_on = serializers.DateField(read_only=True)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    note = serializers.CharField(read_only=True)


class GoalIndicatorSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    progress = serializers.FloatField(read_only=True, allow_null=True)
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "unit",
            "baseline",
            "target",
            "frequency",
            "progress",
            "measurements",
        ]


class GoalActionSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    description = TranslatedField()
    responsible = serializers.CharField(source="responsible_display", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "responsible",
            "starts_on",
            "ends_on",
            "status",
            "progress",
            "weight",
        ]


class GoalSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    description = TranslatedField()
    progress = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="0…1: the mean of the measured indicators, or (progress_source "
        "'actions') the weighted progress of the actions that are not cancelled.",
    )
    indicators = GoalIndicatorSerializer(many=True, read_only=True)
    actions = GoalActionSerializer(many=True, read_only=True)
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    strategy_items = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "progress_source",
            "progress",
            "indicators",
            "actions",
            "themes",
            "strategy_items",
        ]

    def get_strategy_items(self, goal) -> list[dict]:
        return [
            {"id": item.pk, "title": TranslatedField(base="title").to_representation(item)}
            for item in goal.strategy_items.all()
        ]


def _sections():
    return Section.objects.prefetch_related(
        Prefetch(
            "polls",
            queryset=Poll.objects.prefetch_related(
                Prefetch(
                    "options", queryset=PollOption.objects.annotate(answer_count=Count("answers"))
                )
            ),
        )
    )


class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    """Published consultations with their sections and polls (answer counts per option).
    `comments` lists a consultation's shown comments."""

    serializer_class = ConsultationSerializer
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return (
            selectors.public_consultations()
            .prefetch_related(Prefetch("sections", queryset=_sections()))
            .order_by("-opens_at", "pk")
        )

    @extend_schema(responses={200: CommentSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], serializer_class=CommentSerializer, filter_backends=[])
    def comments(self, request, pk=None):
        """The consultation's shown comments and replies, oldest first (hidden ones are
        left out; no email or account is ever shown)."""
        consultation = get_object_or_404(Consultation, pk=pk, is_published=True)
        comments = (
            selectors._comments()
            .filter(section__consultation=consultation, hidden_at__isnull=True)
            .select_related("section__consultation")
            .order_by("created_at", "pk")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)


class SectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sections of the published consultations, with their polls."""

    serializer_class = SectionSerializer
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return _sections().filter(consultation__is_published=True).order_by("pk")


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The themes of the published consultations with their counts of shown comments."""

    serializer_class = ThemeSerializer
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return (
            Theme.objects.filter(consultation__is_published=True)
            .annotate(comment_count=Count("comments", filter=Q(comments__hidden_at=None)))
            .order_by("consultation_id", "pk")
        )


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The participation model's goals with their indicators, measurements, actions,
    progress and the themes and strategy items they answer."""

    serializer_class = GoalSerializer
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.goals_with_progress().order_by("order", "pk")
