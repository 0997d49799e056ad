"""Staff back office of the pilots. The pilot, its partners, goals and indicators are
edited here; the status changes through the staff page (pilots.services.pilot_transition,
which logs it and requires an evaluation before completion), and measurements are entered
on the measurement page, so that every rule applies."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Evaluation,
    Goal,
    Indicator,
    Measurement,
    Pilot,
    PilotPartner,
    PilotReminder,
    PilotReport,
    StatusChange,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnerInline(admin.TabularInline):
    model = PilotPartner
    extra = 1
    autocomplete_fields = ["organisation"]


class GoalInline(TranslationTabularInline):
    model = Goal
    extra = 1


class IndicatorInline(TranslationTabularInline):
    model = Indicator
    extra = 1
    fields = [
        "order",
        "name",
        "unit",
        "baseline",
        "target",
        "direction",
        "interval",
        "data_source",
    ]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["changed_on", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EvaluationInline(admin.StackedInline):
    model = Evaluation
    extra = 0
    max_num = 1


@admin.register(Pilot)
class PilotAdmin(TranslationAdmin):
    list_display = [
        "name",
        "kind",
        "theme",
        "status",
        "lead_organisation",
        "start_date",
        "is_public",
    ]
    list_filter = ["kind", "theme", "status", "is_public"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    date_hierarchy = "start_date"
    readonly_fields = ["status", "staff_page"]
    autocomplete_fields = ["lead_organisation"]
    filter_horizontal = ["municipalities"]
    inlines = [PartnerInline, GoalInline, IndicatorInline, EvaluationInline, StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "theme", "status", "staff_page", "is_public"]}),
        (
            _("Content"),
            {"fields": ["description", "need", "knowledge_base", "target_group", "municipalities"]},
        ),
        (
            _("Organisation"),
            {
                "fields": [
                    "lead_organisation",
                    "responsible",
                    "reminder_language",
                    "start_date",
                    "end_date",
                    "budget",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_organisation")

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("pilots:staff_detail", args=[obj.pk]),
            _("Change the status, evaluate and build the report"),
        )


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "measured_on", "value", "entered_by"]
    list_filter = ["indicator__pilot"]
    list_select_related = ["indicator", "entered_by"]
    date_hierarchy = "measured_on"


@admin.register(PilotReminder)
class PilotReminderAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "period_start", "period_end", "sent_at", "attempts"]
    list_select_related = ["indicator"]


@admin.register(PilotReport)
class PilotReportAdmin(ReadOnlyAdmin):
    list_display = ["pilot", "status", "language", "created_at", "finished_at"]
    list_select_related = ["pilot"]
