"""Staff back office of the calendar: keywords, places, import sources (with "import
now"), trusted organisers, and events (read and moderated through the services: publish,
soft delete). Events are written on the event pages, which apply every rule."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.errors import DomainError

from . import services
from .import_services import source_import
from .models import Event, ImportSource, Keyword, Place, TrustedOrganiser


@admin.register(Keyword)
class KeywordAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Place)
class PlaceAdmin(TranslationAdmin):
    list_display = ["name", "street_address", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name_fi", "street_address"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(TrustedOrganiser)
class TrustedOrganiserAdmin(admin.ModelAdmin):
    list_display = ["organisation", "trusted_by", "trusted_at"]
    list_select_related = ["organisation", "trusted_by"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["trusted_by", "trusted_at"]

    def save_model(self, request, obj, form, change):
        services.trusted_organiser_set(
            actor=request.user, organisation=obj.organisation, trusted=True
        )


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url", "is_active", "last_run_at", "last_summary"]
    list_filter = ["kind", "is_active"]
    readonly_fields = ["last_run_at", "last_report"]
    autocomplete_fields = ["organisation", "municipality"]
    actions = ["import_now"]

    @admin.display(description=_("last result"))
    def last_summary(self, obj):
        from .import_services import ImportReport

        if not obj.last_report:
            return "–"
        return ImportReport(**obj.last_report).summary()

    @admin.action(description=_("Import the selected sources now"), permissions=["change"])
    def import_now(self, request, queryset):
        for source in queryset:
            report = source_import(source=source)
            level = messages.SUCCESS if report.ok else messages.ERROR
            self.message_user(request, f"{source.name}: {report.summary()}", level)


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["name", "start", "organisation", "publication", "status", "deleted_at"]
    list_filter = ["publication", "status", "kind", ("source", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_fi", "name_sv", "name_en", "organiser_name", "source_key"]
    date_hierarchy = "start"
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "room", "place", "keywords", "super_event"]
    readonly_fields = [
        "booking",
        "source",
        "source_key",
        "created_by",
        "created_at",
        "last_modified",
        "published_at",
        "deleted_at",
        "publication",
    ]
    actions = ["publish", "soft_delete"]

    def has_add_permission(self, request):
        return False  # new events through the event pages (with the booking rules)

    def has_delete_permission(self, request, obj=None):
        return False  # soft delete only, so that syncing clients learn of it

    @admin.action(description=_("Publish the selected submitted events"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.event_publish)

    @admin.action(description=_("Delete the selected events"), permissions=["change"])
    def soft_delete(self, request, queryset):
        self._each(request, queryset, services.event_delete)

    def _each(self, request, queryset, action):
        done = 0
        for event in queryset:
            try:
                action(actor=request.user, event=event)
                done += 1
            except (DomainError, PermissionDenied) as error:
                self.message_user(
                    request, f"{event}: {' '.join(getattr(error, 'messages', []))}", messages.ERROR
                )
        if done:
            self.message_user(request, _("%(count)s events done.") % {"count": done})
