"""Staff back office of grants. Calls and draft criteria are edited here; approval,
publication and new versions of criteria, review, decisions and payments go through the
staff pages (grants.services), so that every rule applies. A criteria set that is no
longer a draft cannot be edited here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Application,
    Call,
    CriteriaSet,
    Criterion,
    Decision,
    GrantNotice,
    ReviewerAssignment,
)


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 1
    fields = ["order", "name", "guidance", "weight", "scale_min", "scale_max", "allow_na"]

    def _editable(self, obj):
        return obj is None or obj.status == CriteriaSet.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["call", "version", "status", "approved_at", "frozen_at"]
    list_filter = ["status"]
    fields = [
        "call",
        "version",
        "status",
        "approved_by",
        "approved_at",
        "published_at",
        "frozen_at",
    ]
    readonly_fields = [
        "version",
        "status",
        "approved_by",
        "approved_at",
        "published_at",
        "frozen_at",
    ]
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "call"]
        return self.readonly_fields


class ReviewerInline(admin.TabularInline):
    model = ReviewerAssignment
    extra = 0
    fields = ["user", "assigned_by", "assigned_at"]
    readonly_fields = ["assigned_by", "assigned_at"]
    autocomplete_fields = ["user"]


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    list_display = [
        "name",
        "funder",
        "opens_at",
        "closes_at",
        "budget",
        "is_published",
        "staff_page",
    ]
    list_filter = ["is_published"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    autocomplete_fields = ["funder"]
    filter_horizontal = ["municipalities", "wellbeing_counties"]
    inlines = [ReviewerInline]

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("grants:staff_call", args=[obj.pk]), _("open")
        )


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["project_name", "organisation", "call", "status", "requested_amount"]
    list_filter = ["status", "call"]
    search_fields = ["project_name", "organisation__name_fi"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "outcome", "amount", "decided_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GrantNotice)
class GrantNoticeAdmin(admin.ModelAdmin):
    list_display = ["application", "kind", "created_at", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
