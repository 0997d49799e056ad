"""Filters of the association directory: one FilterSet for the public page, the JSON
API and the staff CSV export."""

import django_filters
from django import forms
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from core.widgets import plain_choices, use_cached_options

from .models import FieldOfActivity, Membership, Municipality, Organisation, Region, WellbeingCounty
from .search import search_organisations


def _by_name(model):
    """Choices ordered by their name in the current language."""

    def queryset(request):
        return model.objects.order_by(localized("name"), "code")

    return queryset


def with_directory_details(queryset: QuerySet) -> QuerySet:
    """Everything a directory card, detail page, API item or CSV row shows, in a
    constant number of queries: the municipality with its region and county joined,
    fields of activity prefetched, membership annotated."""
    member_since = (
        Membership.objects.filter(organisation=OuterRef("pk"), status=Membership.Status.ACTIVE)
        .order_by("-member_since")
        .values("member_since")[:1]
    )
    return (
        queryset.with_is_member()
        .annotate(member_since=Subquery(member_since))
        .select_related("municipality__region", "municipality__wellbeing_county")
        .prefetch_related(
            Prefetch(
                "fields_of_activity",
                queryset=FieldOfActivity.objects.order_by("order", "code"),
            )
        )
    )


def directory_queryset() -> QuerySet:
    """Organisations the public may see, with their details."""
    return with_directory_details(Organisation.objects.public())


def staff_queryset() -> QuerySet:
    """Every organisation, public or not, active or dissolved (staff only)."""
    return with_directory_details(Organisation.objects.all())


# The filter form's select lists (300 municipalities and the rest) are the same for
# everyone: read as plain rows and rendered once per language, kept in the shared cache
# (core.widgets.cached_options) instead of built as model instances and rendered option
# by option through templates on every page.
CACHED_CHOICES = {
    "municipality": lambda: plain_choices(_by_name(Municipality)(None), "code", localized("name")),
    "region": lambda: plain_choices(_by_name(Region)(None), "code", localized("name")),
    "wellbeing_county": lambda: plain_choices(
        _by_name(WellbeingCounty)(None), "code", localized("name")
    ),
    "field": lambda: plain_choices(
        FieldOfActivity.objects.order_by("order", "code"), "code", localized("name")
    ),
}


class OrganisationFilter(django_filters.FilterSet):
    MEMBER_CHOICES = (("yes", _("Members")), ("no", _("Not members")))

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        help_text=_("Name or description. The beginning of a word is enough."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipality",
        to_field_name="code",
        queryset=_by_name(Municipality),
        empty_label=_("All municipalities"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="municipality__region",
        to_field_name="code",
        queryset=_by_name(Region),
        empty_label=_("All regions"),
    )
    wellbeing_county = django_filters.ModelChoiceFilter(
        label=_("Wellbeing services county"),
        field_name="municipality__wellbeing_county",
        to_field_name="code",
        queryset=_by_name(WellbeingCounty),
        empty_label=_("All wellbeing services counties"),
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field of activity"),
        field_name="fields_of_activity",
        to_field_name="code",
        queryset=lambda request: FieldOfActivity.objects.order_by("order", "code"),
        empty_label=_("All fields"),
    )
    member = django_filters.ChoiceFilter(
        label=_("Membership in the centre"),
        choices=MEMBER_CHOICES,
        method="filter_member",
        empty_label=_("Members and others"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "municipality", "region", "wellbeing_county", "field", "member"]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, choices in CACHED_CHOICES.items():
                if name in form.fields:
                    use_cached_options(
                        form.fields[name], f"organisations:{name}", "organisations", choices
                    )
        return self._form

    def filter_search(self, queryset, name, value):
        return search_organisations(queryset, value)

    def filter_member(self, queryset, name, value):
        return queryset.members() if value == "yes" else queryset.non_members()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        name = localized("name")
        if self.form.cleaned_data.get("q") and "search_rank" in queryset.query.annotations:
            return queryset.order_by("-search_rank", name, "pk")
        return queryset.order_by(name, "pk")
