"""JSON API of room booking: /api/v1/rooms/ (public) and /api/v1/bookings/ (signed in).

Rooms with their opening hours and free time are public; who booked is not. Bookings
are scoped like the booking pages (facilities.selectors): a representative sees the
organisations they represent, staff see all, another organisation's booking is 404.
Creating and cancelling call the same services as the pages, so the rules and their
translated messages are the same: a taken time answers 409, any other BookingError 400
with the message under its field ("non_field_errors" when it names none)."""

from datetime import time, timedelta

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core import clock
from core.api import TranslatedField
from core.links import absolute_url
from organisations.models import Organisation

from . import selectors, services
from .availability import SiteHours, free_periods, local_datetime
from .errors import BookingConflict, BookingError
from .models import Booking, Room, Site

# Times go out in Helsinki time with their offset, and a time without an offset in a
# request is read as Helsinki time (not as whatever zone happens to be active).
HELSINKI = timezone.get_default_timezone()

MAX_AVAILABILITY_DAYS = 31


def _helsinki_datetime(**kwargs):
    return serializers.DateTimeField(default_timezone=HELSINKI, **kwargs)


# --- Filters ---------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A primary key: a whole number (NumberFilter alone would take decimals)."""

    field_class = forms.IntegerField


class RoomFilter(django_filters.FilterSet):
    site = IdFilter(field_name="site", help_text="Site id.")
    kind = django_filters.ChoiceFilter(choices=Room.Kind.choices)
    min_capacity = django_filters.NumberFilter(
        field_name="capacity", lookup_expr="gte", help_text="Rooms for at least this many."
    )

    class Meta:
        model = Room
        fields = ["site", "kind", "min_capacity"]


class BookingFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation", help_text="Organisation id.")
    room = IdFilter(field_name="room", help_text="Room id.")
    status = django_filters.ChoiceFilter(choices=Booking.Status.choices)
    # ISO dates only: the form field would also take the active language's formats.
    start = django_filters.DateFilter(
        method="filter_start",
        input_formats=["%Y-%m-%d"],
        help_text="Bookings that end on or after this date (YYYY-MM-DD).",
    )
    end = django_filters.DateFilter(
        method="filter_end",
        input_formats=["%Y-%m-%d"],
        help_text="Bookings that start on or before this date (YYYY-MM-DD).",
    )

    class Meta:
        model = Booking
        fields = ["organisation", "room", "status", "start", "end"]

    # Dates are Helsinki days: from its midnight, to the next midnight.
    def filter_start(self, queryset, name, value):
        return queryset.filter(end__gt=local_datetime(value, time(0, 0)))

    def filter_end(self, queryset, name, value):
        return queryset.filter(start__lt=local_datetime(value + timedelta(days=1), time(0, 0)))


# --- Rooms -----------------------------------------------------------------------------


class SiteSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Site
        fields = ["id", "name", "street_address", "postal_code", "post_office"]


class RoomSerializer(serializers.ModelSerializer):
    site = SiteSerializer(read_only=True)
    name = TranslatedField()
    description = TranslatedField()
    equipment = TranslatedField()
    accessibility = TranslatedField()
    photo_alt = TranslatedField()
    # An absolute URL built from SITE_URL like every link of the API, null without a photo.
    photo = serializers.SerializerMethodField()

    class Meta:
        model = Room
        fields = [
            "id",
            "site",
            "kind",
            "name",
            "description",
            "equipment",
            "accessibility",
            "capacity",
            "photo",
            "photo_alt",
            "requires_approval",
            "hourly_price_member",
            "hourly_price_non_member",
            "buffer_minutes",
            "min_duration_minutes",
            "max_duration_minutes",
            "booking_horizon_days",
            "cancellation_deadline_hours",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, room) -> str | None:
        return absolute_url(room.photo.url) if room.photo else None


def _earliest_start():
    return clock.today() - timedelta(days=366)


def _latest_start():
    return clock.today() + timedelta(days=731)


class AvailabilityQuerySerializer(serializers.Serializer):
    # The same range as the week view of the room page, so that nobody pages forever
    # (and date arithmetic stays far from date.max).
    start = serializers.DateField(
        default=clock.today,
        validators=[MinValueValidator(_earliest_start), MaxValueValidator(_latest_start)],
        help_text="The first day (YYYY-MM-DD); today if not given.",
    )
    days = serializers.IntegerField(
        default=7,
        min_value=1,
        max_value=MAX_AVAILABILITY_DAYS,
        help_text="How many days from the start.",
    )


class PeriodSerializer(serializers.Serializer):
    start = _helsinki_datetime()
    end = _helsinki_datetime()


class AvailabilityDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    closed = serializers.BooleanField(help_text="Closed all day.")
    closure_reason = serializers.CharField(
        allow_blank=True, help_text="A holiday or the reason of a closure; empty otherwise."
    )
    open = PeriodSerializer(many=True, help_text="The opening hours of the day.")
    free = PeriodSerializer(many=True, help_text="Bookable time: open, not held, not past.")
    booked = PeriodSerializer(many=True, help_text="Booked times (not who booked them).")


def room_availability(room: Room, start, days: int) -> list[dict]:
    """Day by day: opening hours, free time and booked time. Six queries in all."""
    end = start + timedelta(days=days - 1)
    hours = SiteHours.load(room.site, start, end)
    # Free time today starts at the next whole minute, not at "now" with its seconds.
    now = clock.now()
    if now.second or now.microsecond:
        now = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    free = free_periods(room, start, days, now=now)
    # Only the times: the public may see that the room is taken, not by whom.
    booked = list(
        Booking.objects.holding()
        .filter(room=room)
        .overlapping(
            local_datetime(start, time(0, 0)),
            local_datetime(end + timedelta(days=1), time(0, 0)),
        )
        .order_by("start")
        .values_list("start", "end")
    )
    result = []
    for i in range(days):
        day = start + timedelta(days=i)
        day_start = local_datetime(day, time(0, 0))
        day_end = local_datetime(day + timedelta(days=1), time(0, 0))
        opening = hours.open_intervals(day)
        result.append(
            {
                "date": day,
                "closed": not opening,
                "closure_reason": hours.closure_reason(day),
                "open": [{"start": s, "end": e} for s, e in opening],
                "free": [{"start": s, "end": e} for s, e in free[day]],
                "booked": [
                    {"start": s, "end": e} for s, e in booked if s < day_end and e > day_start
                ],
            }
        )
    return result


class RoomViewSet(viewsets.ReadOnlyModelViewSet):
    """Rooms that can be booked, with their site, prices and booking rules. Filters:
    `site` (id), `kind`, `min_capacity`."""

    serializer_class = RoomSerializer
    filterset_class = RoomFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_rooms().order_by("site__name_fi", "kind", "name_fi", "pk")

    @extend_schema(
        parameters=[AvailabilityQuerySerializer],
        responses={
            200: AvailabilityDaySerializer(many=True),
            400: OpenApiResponse(description="A bad `start` or `days`, by field."),
        },
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def availability(self, request, pk=None):
        """Day by day from `start` (default today) for `days` days (1–31, default 7):
        opening hours, free time and booked time, in Helsinki time with the offset."""
        room = self.get_object()
        params = AvailabilityQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        days = room_availability(
            room, params.validated_data["start"], params.validated_data["days"]
        )
        return Response(AvailabilityDaySerializer(days, many=True).data)


# --- Bookings --------------------------------------------------------------------------


class BookingSerializer(serializers.ModelSerializer):
    room_name = TranslatedField(source="room", base="name")
    organisation_name = TranslatedField(source="organisation", base="name")
    start = _helsinki_datetime(read_only=True)
    end = _helsinki_datetime(read_only=True)
    created_at = _helsinki_datetime(read_only=True)
    cancellable = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "room_name",
            "organisation",
            "organisation_name",
            "start",
            "end",
            "status",
            "purpose",
            "attendees",
            "requests",
            "price",
            "member_price",
            "series",
            "created_at",
            "cancellable",
        ]
        read_only_fields = fields

    def _rule_inputs(self):
        """The moment and the user's organisations, looked up once per response (the
        context is shared by every row of a list), not once per booking."""
        context = self.context
        if "represented_ids" not in context:
            context["now"] = clock.now()
            context["represented_ids"] = selectors.represented_organisation_ids(
                context["request"].user
            )
        return context["now"], context["represented_ids"]

    def get_cancellable(self, booking) -> bool:
        now, represented_ids = self._rule_inputs()
        return services.may_cancel(
            self.context["request"].user, booking, now=now, represented_ids=represented_ids
        )


class BookingCreateSerializer(serializers.Serializer):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.select_related("site"))
    # An organisation that does not exist answers like one the person does not represent,
    # so that the API does not tell which ids exist.
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        error_messages={"does_not_exist": _("You cannot book for this organisation.")},
    )
    start = _helsinki_datetime(help_text="Without an offset, Helsinki time.")
    end = _helsinki_datetime(help_text="Without an offset, Helsinki time.")
    # Blank purpose and the attendee rules are left to the service, with its messages;
    # the lengths are the columns'.
    purpose = serializers.CharField(max_length=200, allow_blank=True)
    attendees = serializers.IntegerField()
    requests = serializers.CharField(max_length=2000, allow_blank=True, default="")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.TIME_TAKEN
    default_code = "conflict"


def _by_field(error: BookingError) -> dict:
    return {
        field or api_settings.NON_FIELD_ERRORS_KEY: messages
        for field, messages in error.errors_by_field.items()
    }


ERRORS_BY_FIELD = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="The translated messages by field: {field: [message, …]}.",
)


class BookingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bookings of the organisations the signed-in person represents (every booking for
    staff). Filters: `organisation`, `room`, `status`, `start` and `end` (dates)."""

    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.bookings_for_user(self.request.user).order_by("start", "pk")

    @extend_schema(
        request=BookingCreateSerializer,
        responses={201: BookingSerializer, 400: ERRORS_BY_FIELD, 409: ERRORS_BY_FIELD},
    )
    def create(self, request, *args, **kwargs):
        """Book a room for an organisation the person represents. Confirmed at once, or a
        request to the staff when the room needs approval. 409 when the time is taken."""
        data = BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            booking = services.booking_create(
                actor=request.user, language=get_language(), **data.validated_data
            )
        except PermissionDenied:
            # 400 on the field, not 403/404: the organisation is a value the person chose
            # in the request, and the booking page answers the same way.
            raise exceptions.ValidationError(
                {"organisation": [_("You cannot book for this organisation.")]}
            ) from None
        except BookingConflict as error:
            raise Conflict(_by_field(error)) from None
        except BookingError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        serializer = self.get_serializer(booking)
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: BookingSerializer, 400: ERRORS_BY_FIELD})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the booking: a representative until the room's cancellation deadline,
        staff at any time."""
        booking = self.get_object()
        try:
            services.booking_cancel(actor=request.user, booking=booking)
        except BookingError as error:
            raise exceptions.ValidationError(_by_field(error)) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=booking.pk)).data)
