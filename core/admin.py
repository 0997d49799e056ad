from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log for staff: read only, searchable by object and by who."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "changed_fields"]
    list_filter = ["action", "content_type", "at"]
    search_fields = ["object_repr", "object_id", "actor__email"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    @admin.display(description=_("fields"))
    def changed_fields(self, entry):
        return ", ".join(sorted(entry.changes))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
