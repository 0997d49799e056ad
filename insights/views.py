"""The public municipality page (the followed indicators with their latest values and
trend) and the staff catalogue where the followed indicators are chosen."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff, staff_required
from core.pagination import paginate
from organisations.models import Municipality

from . import selectors
from .forms import CatalogueFilter, FollowForm
from .models import Indicator, Theme

PAGE_SIZE = 50


def municipality_list(request):
    municipalities = Municipality.objects.select_related("region").order_by("name")
    return render(request, "insights/municipality_list.html", {"municipalities": municipalities})


def municipality_detail(request, code):
    municipality = get_object_or_404(
        Municipality.objects.select_related("region", "wellbeing_county"), code=code
    )
    return render(
        request,
        "insights/municipality_detail.html",
        {**selectors.municipality_page(municipality), "staff": is_staff(request.user)},
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
