"""Staff write news items and keep the mailing lists here; issues are composed on the
staff pages (newsletters/views.py), where the services apply every rule. Subscribers,
consent records and suppressions are shown read-only."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Consent, MailingList, NewsItem, Subscriber, Suppression


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NewsItem)
class NewsItemAdmin(TranslationAdmin):
    list_display = ("title", "published_at")
    search_fields = ("title_fi", "title_sv", "title_en")
    date_hierarchy = "published_at"
    exclude = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(MailingList)
class MailingListAdmin(TranslationAdmin):
    list_display = ("name", "kind", "is_public", "order")
    filter_horizontal = ("municipalities", "fields_of_activity")


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "at", "text_version", "text", "lists", "language")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ("email", "language", "status", "created_at", "confirmed_at")
    list_filter = ("status", "language", "lists")
    search_fields = ("email",)
    inlines = (ConsentInline,)


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ("email_hash", "reason", "at")
    list_filter = ("reason",)
