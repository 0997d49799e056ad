"""Staff back office of rooms, offices and bookings. Decisions and every write with rules
go through the services (facilities.services, facilities.office_services), so the admin,
the staff pages and the commands follow the same rules. Bookings are made on the staff
pages; here staff approve, reject and cancel them."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core import clock
from core.reports import report_file_response

from . import (
    admin_offices,  # noqa: F401  (registers the office admin)
    services,
)
from .admin_support import ReadOnlyAdmin, booking_label, error_text, time_span
from .errors import BookingError
from .models import (
    Booking,
    BookingNotification,
    BookingSeries,
    CalendarFeed,
    OpeningException,
    OpeningHours,
    Report,
    Room,
    Site,
    Weekday,
)


class OpeningTimesForm(forms.ModelForm):
    """The database refuses these too; here they get messages staff understand."""

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        missing = (opens is None) != (closes is None)
        if missing and not (self.has_error("opens") or self.has_error("closes")):
            self.add_error(
                "closes" if closes is None else "opens",
                _("Give both times, or neither for a day closed all day."),
            )
        elif opens is not None and opens >= closes:
            self.add_error("closes", _("The closing time must be after the opening time."))
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The period must not end before it begins."))
        return data


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    form = OpeningTimesForm
    extra = 0
    fields = ("weekday", "opens", "closes", "valid_from", "valid_until")


class OpeningExceptionInline(TranslationTabularInline):
    model = OpeningException
    form = OpeningTimesForm
    extra = 0
    fields = ("date", "opens", "closes", "reason")

    def get_queryset(self, request):
        # Older exceptions are history and would only lengthen the page year by year.
        since = clock.today() - timedelta(days=31)
        return super().get_queryset(request).filter(date__gte=since)


@admin.register(Site)
class SiteAdmin(TranslationAdmin):
    list_display = (
        "name",
        "street_address",
        "postal_code",
        "post_office",
        "rooms",
        "holidays_closed",
    )
    search_fields = ("name_fi", "name_sv", "name_en", "street_address")
    autocomplete_fields = ("municipality",)
    inlines = (OpeningHoursInline, OpeningExceptionInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(room_count=Count("rooms"))

    @admin.display(description=_("rooms"), ordering="room_count")
    def rooms(self, obj):
        return obj.room_count


class RoomAdminForm(forms.ModelForm):
    """The database refuses these too; here they get messages staff understand."""

    def clean(self):
        data = super().clean()
        for name in ("hourly_price_member", "hourly_price_non_member"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("A price cannot be negative."))
        if data.get("capacity") is not None and data["capacity"] < 1:
            self.add_error("capacity", _("The room must hold at least one person."))
        shortest, longest = data.get("min_duration_minutes"), data.get("max_duration_minutes")
        if shortest is not None and shortest < 1:
            self.add_error("min_duration_minutes", _("The minimum duration must be positive."))
        elif shortest is not None and longest is not None and shortest > longest:
            self.add_error(
                "max_duration_minutes",
                _("The maximum duration must not be shorter than the minimum."),
            )
        # WCAG 2.1 (1.1.1): a photo needs a text alternative.
        if data.get("photo") and not (data.get("photo_alt_fi") or "").strip():
            self.add_error("photo_alt_fi", _("Describe the photo for people who cannot see it."))
        return data


@admin.register(Room)
class RoomAdmin(TranslationAdmin):
    form = RoomAdminForm
    list_display = (
        "name",
        "site",
        "kind",
        "capacity",
        "is_bookable",
        "requires_approval",
        "hourly_price_member",
        "hourly_price_non_member",
    )
    list_filter = ("site", "kind", "is_bookable", "requires_approval")
    list_select_related = ("site",)
    search_fields = ("name_fi", "name_sv", "name_en")
    fieldsets = (
        (None, {"fields": ("site", "kind", "name", "description", "capacity")}),
        (
            _("Equipment and accessibility"),
            {"fields": ("equipment", "accessibility", "photo", "photo_alt")},
        ),
        (
            _("Booking rules and prices"),
            {
                "fields": (
                    "is_bookable",
                    "requires_approval",
                    "hourly_price_member",
                    "hourly_price_non_member",
                    "buffer_minutes",
                    "min_duration_minutes",
                    "max_duration_minutes",
                    "booking_horizon_days",
                    "cancellation_deadline_hours",
                )
            },
        ),
    )


# Bookings -----------------------------------------------------------------------------


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Sent to the organisation with the decision."),
    )


BOOKING_FIELDS = (
    "room",
    "organisation",
    "series",
    "start",
    "end",
    "held_until",
    "status",
    "purpose",
    "attendees",
    "requests",
    "price",
    "member_price",
    "language",
    "created_by",
    "created_at",
    "decided_by",
    "decided_at",
    "rejection_reason",
    "cancelled_by",
    "cancelled_at",
)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = (
        "when",
        "room",
        "site",
        "organisation",
        "purpose",
        "status",
        "attendees",
        "price",
        "member_price",
    )
    list_filter = ("status", "room", "room__site")
    list_select_related = ("room__site", "organisation")
    search_fields = (
        "organisation__name_fi",
        "organisation__name_sv",
        "organisation__name_en",
        "purpose",
    )
    date_hierarchy = "start"
    ordering = ("-start",)
    # Times, rooms and prices change only through the services (the staff pages and the
    # actions below); nothing here is edited directly.
    fields = BOOKING_FIELDS
    readonly_fields = BOOKING_FIELDS
    actions = ("approve", "reject", "cancel")

    def has_add_permission(self, request):
        return False  # bookings are made on the staff pages, which apply the rules

    def has_change_permission(self, request, obj=None):
        # The actions need the change permission; a booking's own page is view-only.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the organisation is told and the history stays

    @admin.display(description=_("time"), ordering="start")
    def when(self, obj):
        return time_span(obj.start, obj.end)

    @admin.display(description=_("site"), ordering="room__site__name")
    def site(self, obj):
        return obj.room.site

    def _each(self, request, queryset, call, done_message):
        for booking in queryset.select_related("room", "organisation"):
            label = booking_label(booking)
            try:
                call(booking)
            except BookingError as error:
                messages.error(request, f"{label}: {error_text(error)}")
            else:
                messages.success(request, done_message % {"booking": label})

    @admin.action(description=_("Approve the selected booking requests"), permissions=["change"])
    def approve(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda booking: services.booking_approve(actor=request.user, booking=booking),
            _("Approved: %(booking)s."),
        )

    @admin.action(description=_("Reject the selected booking requests…"), permissions=["change"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda booking: services.booking_reject(
                    actor=request.user, booking=booking, reason=reason
                ),
                _("Rejected: %(booking)s."),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reject booking requests"),
            "form": form,
            "bookings": [
                (booking, booking_label(booking))
                for booking in queryset.select_related("room", "organisation")
            ],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/facilities/booking/reject.html", context)

    @admin.action(description=_("Cancel the selected bookings"), permissions=["change"])
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda booking: services.booking_cancel(actor=request.user, booking=booking),
            _("Cancelled: %(booking)s."),
        )


@admin.register(BookingSeries)
class BookingSeriesAdmin(ReadOnlyAdmin):
    list_display = (
        "room",
        "organisation",
        "weekday_names",
        "first_date",
        "until",
        "times",
        "occurrences",
        "created_by",
        "created_at",
    )
    list_filter = ("room",)
    list_select_related = ("room", "organisation", "created_by")
    search_fields = ("organisation__name_fi", "organisation__name_sv", "organisation__name_en")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(occurrence_count=Count("bookings"))

    @admin.display(description=_("weekdays"))
    def weekday_names(self, obj):
        return ", ".join(str(Weekday(day).label) for day in obj.weekdays)

    @admin.display(description=_("time"))
    def times(self, obj):
        return f"{formats.time_format(obj.start_time)}–{formats.time_format(obj.end_time)}"

    @admin.display(description=_("bookings"), ordering="occurrence_count")
    def occurrences(self, obj):
        return obj.occurrence_count


class SentFilter(admin.SimpleListFilter):
    title = _("sent")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("yes", _("Sent")), ("no", _("Not sent"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(sent_at__isnull=self.value() == "no")
        return queryset


@admin.register(BookingNotification)
class BookingNotificationAdmin(ReadOnlyAdmin):
    list_display = ("booking_label", "kind", "created_at", "sent_at", "attempts", "last_error")
    list_filter = (SentFilter, "kind")
    list_select_related = ("booking__room", "booking__organisation")
    search_fields = ("booking__organisation__name_fi", "booking__purpose")
    date_hierarchy = "created_at"

    @admin.display(description=_("booking"), ordering="booking__start")
    def booking_label(self, obj):
        return booking_label(obj.booking)


# Calendar feeds and reports -----------------------------------------------------------


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    # The token is a secret that opens the feed; it is not shown here.
    list_display = ("organisation", "created_at")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name_fi", "organisation__name_sv", "organisation__name_en")
    fields = ("organisation", "created_at")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = (
        "kind",
        "period",
        "organisation",
        "language",
        "status",
        "requested_by",
        "created_at",
        "finished_at",
        "download",
    )
    list_filter = ("kind", "status")
    list_select_related = ("organisation", "requested_by")
    search_fields = ("organisation__name_fi",)
    date_hierarchy = "month"
    fields = (
        "kind",
        "month",
        "organisation",
        "language",
        "status",
        "requested_by",
        "created_at",
        "finished_at",
        "error",
        "download",
    )
    readonly_fields = fields

    @admin.display(description=_("month"), ordering="month")
    def period(self, obj):
        return f"{obj.month:%m/%Y}"

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.file_ready:
            return "–"
        url = reverse("admin:facilities_report_download", args=[obj.pk])
        return format_html('<a href="{}" download>{}</a>', url, _("Download PDF"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="facilities_report_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        # Through the admin, not a media URL, so that only staff get the file.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return report_file_response(Report.objects.all(), pk)
