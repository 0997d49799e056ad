"""Staff back office of the register. Decisions go through the services, so the admin,
the pages and the commands follow the same rules."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .errors import RegisterError
from .models import (
    FieldOfActivity,
    Membership,
    MembershipFee,
    Municipality,
    Organisation,
    Region,
    Representative,
    WellbeingCounty,
)
from .services import csv_import
from .validators import normalise_business_id


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


@admin.register(WellbeingCounty)
class WellbeingCountyAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ("code", "name", "region", "wellbeing_county", "language_status")
    list_filter = ("region", "wellbeing_county", "language_status")
    list_select_related = ("region", "wellbeing_county")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


@admin.register(FieldOfActivity)
class FieldOfActivityAdmin(TranslationAdmin):
    list_display = ("name", "code", "order")
    list_editable = ("order",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")


# Organisations ----------------------------------------------------------------------------


class MemberFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "member"

    def lookups(self, request, model_admin):
        return [("yes", _("Member")), ("no", _("Not a member"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.members()
        if self.value() == "no":
            return queryset.non_members()
        return queryset


class OrganisationAdminForm(forms.ModelForm):
    """The admin builds the fields; this only normalises the Business ID first."""

    def clean_business_id(self):
        return normalise_business_id(self.cleaned_data.get("business_id") or "") or None


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    fields = ("user", "role", "status", "requested_at", "decided_by", "decided_at")
    readonly_fields = ("requested_at", "decided_by", "decided_at")
    raw_id_fields = ("user",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("status", "applied_at", "member_since", "ended_on", "decline_reason")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, separated by semicolons or commas, with a header row: name_fi, name_sv, "
            "name_en, kind, business_id, register_number, municipality_code, fields "
            "(codes separated by |), email, phone, website, is_public."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file but import nothing"), required=False, initial=True
    )


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    form = OrganisationAdminForm
    list_display = (
        "name",
        "kind",
        "business_id",
        "municipality",
        "is_member",
        "is_public",
        "status",
    )
    list_filter = (
        MemberFilter,
        "kind",
        "status",
        "is_public",
        "municipality__region",
        "municipality__wellbeing_county",
        "fields_of_activity",
    )
    list_select_related = ("municipality",)
    search_fields = ("name_fi", "name_sv", "name_en", "business_id", "register_number", "email")
    autocomplete_fields = ("municipality",)
    filter_horizontal = ("fields_of_activity",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (MembershipInline, RepresentativeInline)

    def get_queryset(self, request):
        return super().get_queryset(request).with_is_member()

    @admin.display(boolean=True, description=_("member"), ordering="is_member")
    def is_member(self, obj):
        return obj.is_member

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_csv_view),
                name="organisations_organisation_import",
            ),
            *super().get_urls(),
        ]

    def import_csv_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        result = None
        form = CsvImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = csv_import.organisation_import_csv(
                file=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
                actor=request.user,
            )
            if result.ok and result.dry_run:
                messages.success(
                    request,
                    ngettext(
                        "The file is valid: %(count)d organisation can be imported.",
                        "The file is valid: %(count)d organisations can be imported.",
                        result.rows,
                    )
                    % {"count": result.rows},
                )
            elif result.ok:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d organisation imported.",
                        "%(count)d organisations imported.",
                        result.imported,
                    )
                    % {"count": result.imported},
                )
                return redirect("admin:organisations_organisation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import organisations from CSV"),
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/organisations/organisation/import.html", context)


# Memberships ------------------------------------------------------------------------------


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Shown to the applicant."),
    )


class MembershipFeeInline(admin.TabularInline):
    model = MembershipFee
    extra = 0
    fields = ("year", "amount", "due_date", "reference_number", "paid_on")
    readonly_fields = ("year", "amount", "due_date", "reference_number")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # fees are invoiced through the fee admin, which numbers them


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = (
        "organisation",
        "status",
        "applied_at",
        "applied_by",
        "member_since",
        "ended_on",
    )
    list_filter = ("status", "organisation__municipality__region", "member_since")
    list_select_related = ("organisation", "applied_by")
    search_fields = ("organisation__name_fi", "organisation__business_id", "applied_by__email")
    raw_id_fields = ("organisation", "applied_by", "decided_by")
    readonly_fields = ("applied_at", "decided_by", "decided_at")
    date_hierarchy = "applied_at"
    inlines = (MembershipFeeInline,)
    actions = ("approve", "decline", "end")

    @admin.action(description=_("End the selected memberships today"))
    def end(self, request, queryset):
        for membership in queryset:
            try:
                services.membership_end(membership=membership, actor=request.user)
            except RegisterError as error:
                messages.error(request, f"{membership}: {' '.join(error.messages)}")
            else:
                messages.success(
                    request,
                    _("The membership of %(organisation)s has ended.")
                    % {"organisation": membership.organisation},
                )

    @admin.action(description=_("Approve the selected applications"))
    def approve(self, request, queryset):
        for membership in queryset:
            try:
                services.membership_approve(membership=membership, actor=request.user)
            except RegisterError as error:
                messages.error(request, f"{membership}: {' '.join(error.messages)}")
            else:
                messages.success(
                    request,
                    _("%(organisation)s is now a member.")
                    % {"organisation": membership.organisation},
                )

    @admin.action(description=_("Decline the selected applications…"))
    def decline(self, request, queryset):
        form = DeclineForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            for membership in queryset:
                try:
                    services.membership_decline(
                        membership=membership,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                except RegisterError as error:
                    messages.error(request, f"{membership}: {' '.join(error.messages)}")
                else:
                    messages.success(
                        request,
                        _("The application of %(organisation)s was declined.")
                        % {"organisation": membership.organisation},
                    )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Decline applications"),
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/organisations/membership/decline.html", context)


class MembershipFeeAddForm(forms.ModelForm):
    class Meta:
        model = MembershipFee
        fields = ("membership", "year", "amount", "due_date")

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("membership"):
            return data
        try:
            services.membership_fee_check(
                membership=data["membership"], year=data["year"], amount=data["amount"]
            )
        except RegisterError as error:
            for field, messages_ in error.errors_by_field.items():
                self.add_error(field if field in self.fields else None, messages_)
        return data


class PaidFilter(admin.SimpleListFilter):
    title = _("paid")
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return [("yes", _("Paid")), ("no", _("Not paid"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(paid_on__isnull=self.value() == "no")
        return queryset


@admin.register(MembershipFee)
class MembershipFeeAdmin(admin.ModelAdmin):
    list_display = (
        "membership",
        "year",
        "amount",
        "due_date",
        "reference_number",
        "paid_on",
    )
    list_filter = (PaidFilter, "year")
    list_select_related = ("membership__organisation",)
    search_fields = (
        "reference_number",
        "membership__organisation__name_fi",
        "membership__organisation__business_id",
    )
    raw_id_fields = ("membership",)
    actions = ("mark_paid",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MembershipFeeAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("membership", "year", "amount", "due_date")
        return ("membership", "year", "amount", "due_date", "reference_number", "paid_on")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("membership", "year", "reference_number")

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        fee = services.membership_fee_create(
            membership=form.cleaned_data["membership"],
            year=form.cleaned_data["year"],
            amount=form.cleaned_data["amount"],
            due_date=form.cleaned_data["due_date"],
            actor=request.user,
        )
        obj.pk = fee.pk
        obj.reference_number = fee.reference_number

    @admin.action(description=_("Mark the selected fees paid today"))
    def mark_paid(self, request, queryset):
        done = 0
        for fee in queryset:
            try:
                services.membership_fee_mark_paid(fee=fee, actor=request.user)
            except RegisterError as error:
                messages.warning(request, f"{fee}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext("%(count)d fee marked paid.", "%(count)d fees marked paid.", done)
                % {"count": done},
            )


# Representatives --------------------------------------------------------------------------


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "status", "requested_at", "decided_at")
    list_filter = ("status", "role")
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__first_name", "user__last_name", "organisation__name_fi")
    raw_id_fields = ("user", "organisation", "decided_by")
    readonly_fields = ("requested_at", "decided_by", "decided_at")
    actions = ("approve", "decline")

    def _decide(self, request, queryset, service, message):
        done = 0
        for representative in queryset.select_related("user", "organisation"):
            try:
                service(representative=representative, actor=request.user)
            except RegisterError as error:
                messages.warning(request, f"{representative}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            messages.success(request, message(done) % {"count": done})

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.representative_approve,
            lambda n: ngettext("%(count)d request approved.", "%(count)d requests approved.", n),
        )

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.representative_decline,
            lambda n: ngettext("%(count)d request declined.", "%(count)d requests declined.", n),
        )


from . import admin_network  # noqa: E402, F401  (the partnership network's admin)
