"""Staff back office of office leases and key hand-overs, through facilities.office_services."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core import clock
from core.errors import add_error_to_form

from . import office_services
from .admin_support import dry_run, error_text
from .errors import BookingError
from .models import (
    KeyHandover,
    OfficeLease,
    Room,
)

# Office leases and keys ---------------------------------------------------------------


class ServiceFormMixin:
    """A ModelForm whose clean() asks a service (in a dry run) and shows its errors next
    to the fields. The admin sets ``actor`` to the signed-in user."""

    actor = None
    field_map: dict[str, str] = {}

    def check(self, data):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.check(data)
            except BookingError as error:
                add_error_to_form(self, error, self.field_map)
        return data


class LeaseAddForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = OfficeLease
        fields = ("room", "organisation", "starts_on", "ends_on", "monthly_rent", "notes")

    def check(self, data):
        dry_run(office_services.lease_create, actor=self.actor, **data)


class LeaseChangeForm(ServiceFormMixin, forms.ModelForm):
    # An overlap met by moving the end is about the end date.
    field_map = {"starts_on": "ends_on"}

    class Meta:
        model = OfficeLease
        fields = ("ends_on", "notes")

    def check(self, data):
        if "ends_on" in self.changed_data:
            dry_run(
                office_services.lease_end,
                actor=self.actor,
                lease=self.instance,
                ends_on=data.get("ends_on"),
            )


class CurrentLeaseFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("In force today")), ("no", _("Ended or not yet started"))]

    def queryset(self, request, queryset):
        today = clock.today()
        current = queryset.filter(starts_on__lte=today).exclude(ends_on__lt=today)
        if self.value() == "yes":
            return current
        if self.value() == "no":
            return queryset.exclude(pk__in=current.values("pk"))
        return queryset


class BoundActorMixin:
    """Hands the signed-in user to the service forms."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})


@admin.register(OfficeLease)
class OfficeLeaseAdmin(BoundActorMixin, admin.ModelAdmin):
    list_display = ("room", "organisation", "starts_on", "ends_on", "monthly_rent", "in_force")
    list_filter = (CurrentLeaseFilter, "room__kind", "room__site")
    list_select_related = ("room", "organisation")
    search_fields = ("organisation__name_fi", "organisation__name_sv", "room__name_fi")
    autocomplete_fields = ("organisation",)
    date_hierarchy = "starts_on"
    actions = ("end_today",)

    @admin.display(boolean=True, description=_("in force"))
    def in_force(self, obj):
        today = clock.today()
        return obj.starts_on <= today and (obj.ends_on is None or obj.ends_on >= today)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = LeaseChangeForm if obj is not None else LeaseAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ("room", "organisation", "starts_on", "ends_on", "monthly_rent", "notes")

    def get_readonly_fields(self, request, obj=None):
        # The room, tenant, start and rent of a lease are its terms: a new lease changes them.
        return () if obj is None else ("room", "organisation", "starts_on", "monthly_rent")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "room":
            kwargs["queryset"] = Room.objects.filter(kind__in=office_services.OFFICE_KINDS)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            lease = office_services.lease_create(actor=request.user, **form.cleaned_data)
            obj.pk = lease.pk
            obj._state.adding = False
            return
        if "ends_on" in form.changed_data:
            office_services.lease_end(
                actor=request.user, lease=obj, ends_on=form.cleaned_data["ends_on"]
            )
        if "notes" in form.changed_data:
            obj.save(update_fields=["notes"])

    @admin.action(description=_("End the selected leases today"), permissions=["change"])
    def end_today(self, request, queryset):
        for lease in queryset.select_related("room", "organisation"):
            try:
                office_services.lease_end(actor=request.user, lease=lease, ends_on=clock.today())
            except BookingError as error:
                messages.error(request, f"{lease}: {error_text(error)}")
            else:
                messages.success(request, _("Lease ended today: %(lease)s.") % {"lease": lease})


class KeyAddForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = KeyHandover
        fields = (
            "organisation",
            "lease",
            "key_label",
            "holder_name",
            "handed_over_on",
            "deposit",
            "notes",
        )

    def check(self, data):
        dry_run(office_services.key_handover, actor=self.actor, **data)


class KeyChangeForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = KeyHandover
        fields = ("returned_on", "notes")

    def check(self, data):
        if "returned_on" in self.changed_data:
            dry_run(
                office_services.key_return,
                actor=self.actor,
                handover=self.instance,
                returned_on=data.get("returned_on"),
            )


class KeyOutFilter(admin.SimpleListFilter):
    title = _("returned")
    parameter_name = "returned"

    def lookups(self, request, model_admin):
        return [("no", _("Out")), ("yes", _("Returned"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(returned_on__isnull=self.value() == "no")
        return queryset


@admin.register(KeyHandover)
class KeyHandoverAdmin(BoundActorMixin, admin.ModelAdmin):
    list_display = (
        "key_label",
        "holder_name",
        "organisation",
        "room",
        "handed_over_on",
        "returned_on",
        "deposit",
    )
    list_filter = (KeyOutFilter,)
    list_select_related = ("organisation", "lease__room")
    search_fields = ("key_label", "holder_name", "organisation__name_fi")
    autocomplete_fields = ("organisation",)
    date_hierarchy = "handed_over_on"
    actions = ("mark_returned",)

    @admin.display(description=_("room"), ordering="lease__room__name")
    def room(self, obj):
        return obj.lease.room if obj.lease else "–"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = KeyChangeForm if obj is not None else KeyAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return KeyAddForm._meta.fields
        return (*KeyAddForm._meta.fields[:-1], "handed_over_by", "returned_on", "notes")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = (*KeyAddForm._meta.fields[:-1], "handed_over_by")
        # A return is recorded once; a mistake is corrected by a new hand-over record.
        return (*readonly, "returned_on") if obj.returned_on else readonly

    def get_changeform_initial_data(self, request):
        return {"handed_over_on": clock.today(), **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lease":
            # A lease is labelled by its room and organisation: load them with it.
            kwargs["queryset"] = OfficeLease.objects.select_related("room", "organisation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            handover = office_services.key_handover(actor=request.user, **form.cleaned_data)
            obj.pk = handover.pk
            obj._state.adding = False
            return
        if "returned_on" in form.changed_data:
            office_services.key_return(
                actor=request.user, handover=obj, returned_on=form.cleaned_data["returned_on"]
            )
        if "notes" in form.changed_data:
            obj.save(update_fields=["notes"])

    @admin.action(description=_("Mark the selected keys returned today"), permissions=["change"])
    def mark_returned(self, request, queryset):
        for handover in queryset:
            try:
                office_services.key_return(
                    actor=request.user, handover=handover, returned_on=clock.today()
                )
            except BookingError as error:
                messages.error(request, f"{handover}: {error_text(error)}")
            else:
                messages.success(request, _("Key returned today: %(key)s.") % {"key": handover})
