from django.contrib import admin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    """The annual reports asked for, read only (they are asked for on the dashboard)."""

    list_display = ["year", "status", "language", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "year"]
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in AnnualReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
