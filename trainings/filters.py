"""One filter of the training catalogue, for the page and the API alike."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.i18n import localized
from core.widgets import plain_choices, use_cached_options

from .models import Programme, Training

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class TrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Words in the title, description, audience or trainers."),
    )
    # Not "format": the API reads that parameter as the response format.
    mode = django_filters.ChoiceFilter(
        field_name="format",
        choices=Training.Format.choices,
        label=_("Format"),
        empty_label=_("Any format"),
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.order_by("name_fi"),
        label=_("Programme"),
        empty_label=_("Any programme"),
    )
    free = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_free", label=_("Free of charge"), empty_label=_("Any price")
    )
    upcoming = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_upcoming",
        label=_("Upcoming only"),
        empty_label=_("Upcoming and past"),
    )
    starts_after = django_filters.DateFilter(
        method="filter_starts_after",
        label=_("Starting on or after"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Training
        fields = ["q", "mode", "programme", "free", "upcoming", "starts_after"]

    @property
    def form(self):
        """The programme list from the shared cache (core.widgets), not model instances
        rendered option by option on every catalogue page."""
        if not hasattr(self, "_form"):
            form = super().form
            if "programme" in form.fields:
                use_cached_options(
                    form.fields["programme"],
                    "trainings:programme",
                    "trainings",
                    lambda: plain_choices(
                        Programme.objects.order_by("name_fi"), "pk", localized("name")
                    ),
                )
        return self._form

    def filter_q(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:8]:
            word_q = Q(trainers__icontains=word)
            for lang in ("fi", "sv", "en"):
                word_q |= (
                    Q(**{f"title_{lang}__icontains": word})
                    | Q(**{f"description_{lang}__icontains": word})
                    | Q(**{f"audience_{lang}__icontains": word})
                )
            condition &= word_q
        return queryset.filter(condition)

    def filter_free(self, queryset, name, value):
        free = Q(price_member=0, price_other=0)
        return queryset.filter(free) if value == "yes" else queryset.exclude(free)

    def filter_upcoming(self, queryset, name, value):
        now = clock.now()
        if value == "yes":
            return queryset.filter(last_end__gte=now)
        return queryset.filter(last_end__lt=now)

    def filter_starts_after(self, queryset, name, value):
        return queryset.filter(first_start__date__gte=value)
