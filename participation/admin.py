"""Staff back office of consultations: a consultation with its sections, polls and
options, workshops and the theme vocabulary. Comments are moderated on the staff pages
(participation.services), where hiding requires a reason and closing freezes them; here
they are read only."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Action,
    Comment,
    Consultation,
    FeedbackForm,
    FeedbackStatement,
    Goal,
    Indicator,
    Measurement,
    Poll,
    PollOption,
    Section,
    StrategyItem,
    Theme,
    Workshop,
)


class SectionInline(TranslationTabularInline):
    model = Section
    extra = 1


class ThemeInline(TranslationTabularInline):
    model = Theme
    extra = 1


@admin.register(Consultation)
class ConsultationAdmin(TranslationAdmin):
    list_display = ["title", "opens_at", "closes_at", "commenters", "is_published"]
    inlines = [SectionInline, ThemeInline]


class PollOptionInline(TranslationTabularInline):
    model = PollOption
    extra = 2


@admin.register(Poll)
class PollAdmin(TranslationAdmin):
    list_display = ["question", "section", "kind"]
    inlines = [PollOptionInline]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["place", "municipality", "held_on", "participants", "consultation"]
    list_filter = ["consultation"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "municipality", "workshop", "created_at", "hidden_at"]
    list_filter = ["section__consultation", "workshop"]
    readonly_fields = [f.name for f in Comment._meta.fields]
    filter_horizontal = ["themes"]

    def has_add_permission(self, request):
        return False


@admin.register(StrategyItem)
class StrategyItemAdmin(TranslationAdmin):
    list_display = ["title", "order"]
    filter_horizontal = ["themes"]


class IndicatorInline(TranslationTabularInline):
    model = Indicator
    extra = 1


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "progress_source", "order"]
    filter_horizontal = ["strategy_items", "themes"]
    raw_id_fields = ["comments"]
    inlines = [IndicatorInline]


@admin.register(Action)
class ActionAdmin(TranslationAdmin):
    list_display = ["title", "status", "progress", "weight", "starts_on", "ends_on"]
    list_filter = ["status", "goals"]
    filter_horizontal = ["goals"]
    raw_id_fields = ["organisation"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "goal", "baseline", "target", "unit", "frequency"]
    list_filter = ["goal"]
    inlines = [MeasurementInline]


class FeedbackStatementInline(TranslationTabularInline):
    model = FeedbackStatement
    extra = 1
    raw_id_fields = ["indicator"]


@admin.register(FeedbackForm)
class FeedbackFormAdmin(TranslationAdmin):
    list_display = ["title", "service", "place", "event", "code", "is_active"]
    raw_id_fields = ["event", "place"]
    readonly_fields = ["code"]
    inlines = [FeedbackStatementInline]
