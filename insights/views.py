"""The public municipality pages (the followed indicators with their latest values and
trend, the comparison of municipalities side by side, both as CSV too) and the staff
catalogue where the followed indicators are chosen."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff, staff_required
from core.pagination import paginate
from organisations.models import Municipality

from . import downloads, selectors
from .comparison import MAX_MUNICIPALITIES, MIN_MUNICIPALITIES, compare
from .forms import CatalogueFilter, ComparisonForm, FollowForm
from .models import Indicator, Theme

PAGE_SIZE = 50


def municipality_list(request):
    municipalities = Municipality.objects.select_related("region").order_by("name")
    return render(request, "insights/municipality_list.html", {"municipalities": municipalities})


def _municipality(code):
    return get_object_or_404(
        Municipality.objects.select_related("region", "wellbeing_county"), code=code
    )


def municipality_detail(request, code):
    municipality = _municipality(code)
    return render(
        request,
        "insights/municipality_detail.html",
        {
            **selectors.municipality_page(municipality),
            "staff": is_staff(request.user),
            "may_propose": selectors.may_propose_interpretations(request.user),
        },
    )


def municipality_csv(request, code):
    """Every figure of the municipality page as CSV (insights.downloads)."""
    municipality = _municipality(code)
    page = selectors.municipality_page(municipality)
    return downloads.csv_response(
        downloads.municipality_rows(page),
        page["attributions"],
        {item.indicator.source for item in page["series"]},
        f"{municipality.name}-{_('figures')}",
    )


def _comparison_form(request):
    municipalities = Municipality.objects.select_related("region", "wellbeing_county").order_by(
        "region__code", "name"
    )
    return ComparisonForm(request.GET, municipalities=municipalities, maximum=MAX_MUNICIPALITIES)


def _comparison_page(request, form, comparison, status=200, *, asked=False):
    """The comparison page; ``asked``: a comparison was asked for (the CSV, or
    municipalities given), so too few chosen is said."""
    regions = {}
    for municipality in form.municipalities.values():
        regions.setdefault(municipality.region, []).append(municipality)
    checked = form.checked
    return render(
        request,
        "insights/comparison.html",
        {
            "form": form,
            "regions": [
                (region, items, sum(m.code in checked for m in items))
                for region, items in regions.items()
            ],
            "checked": checked,
            "comparison": comparison,
            "query": urlencode([("kunta", m.code) for m in form.chosen]),
            "chosen": form.chosen,
            "too_few": form.is_valid()
            and len(form.chosen) < MIN_MUNICIPALITIES
            and (asked or bool(checked)),
            "minimum": MIN_MUNICIPALITIES,
            "maximum": MAX_MUNICIPALITIES,
        },
        status=status,
    )


def comparison(request):
    """Two to six municipalities side by side (?kunta=609&kunta=684): a GET form that
    works without JavaScript; an unknown number or too many answer 400 with the reason."""
    form = _comparison_form(request)
    if not form.is_valid():
        return _comparison_page(request, form, None, status=400)
    chosen = form.chosen
    result = compare(chosen) if len(chosen) >= MIN_MUNICIPALITIES else None
    return _comparison_page(request, form, result)


def comparison_csv(request):
    """The comparison's every figure as CSV; without a valid choice of two or more
    municipalities, the comparison page with the reason (400)."""
    form = _comparison_form(request)
    if not form.is_valid() or len(form.chosen) < MIN_MUNICIPALITIES:
        return _comparison_page(request, form, None, status=400, asked=True)
    result = compare(form.chosen)
    return downloads.csv_response(
        downloads.comparison_rows(result),
        result.attributions,
        result.sources,
        f"{_('comparison')}-{'-'.join(m.code for m in result.municipalities)}",
    )


@staff_required
def catalogue(request):
    form = CatalogueFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = selectors.catalogue(
        search=filters.get("q", ""),
        source=filters.get("source", ""),
        followed_only=filters.get("followed", False),
    )
    return render(
        request,
        "insights/catalogue.html",
        {
            "form": form,
            "themes": Theme.choices,
            "import_runs": selectors.last_import_runs(),
            "changes": selectors.recent_changes(),
            "drafts": selectors.draft_interpretations(),
            **paginate(request, indicators, PAGE_SIZE),
        },
    )


@staff_required
@require_POST
def follow(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = FollowForm(request.POST, instance=indicator)
    if not form.is_valid():
        return render(
            request,
            "insights/follow_error.html",
            {"indicator": indicator, "form": form},
            status=400,
        )
    form.save()
    if indicator.followed:
        messages.success(
            request, _("The centre now follows %(title)s.") % {"title": indicator.title}
        )
    else:
        messages.success(
            request, _("The centre no longer follows %(title)s.") % {"title": indicator.title}
        )
    return redirect(request.POST.get("next") or "insights:catalogue")
