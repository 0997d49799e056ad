"""The reviewer's pages: the calls they review, an application with its eligibility,
the score form, and the declaration of a conflict of interest. Scoring is blind: the
other reviewers' scores show only after one's own review is submitted. An application
the person does not review (or has a conflict on) answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_error_to_form
from grants import selectors, services
from grants.errors import GrantError
from grants.forms import ConflictForm, ReviewForm
from grants.models import Review


@login_required
def review_list(request):
    applications = selectors.reviewable_applications(request.user).order_by("call", "pk")
    return render(request, "grants/review_list.html", {"applications": applications})


def _page(request, application, *, form=None, conflict_form=None, status=200):
    criteria = list(application.criteria_set.criteria.order_by("order", "pk"))
    own = Review.objects.filter(application=application, reviewer=request.user).first()
    reviews = None
    results = None
    if own and selectors.may_see_reviews(request.user, application):
        reviews = list(selectors.reviews_of(application))
        results = selectors.score_application(application, criteria, reviews)
    return render(
        request,
        "grants/review_form.html",
        {
            "application": application,
            "criteria": criteria,
            "form": form or (None if own else ReviewForm(criteria=criteria)),
            "conflict_form": conflict_form or ConflictForm(),
            "own": own,
            "reviews": reviews,
            "results": results,
            "eligibility": services.eligibility_checks(application),
            "attachments": application.attachments.filter(report__isnull=True),
        },
        status=status,
    )


@login_required
def review(request, pk):
    application = get_object_or_404(selectors.reviewable_applications(request.user), pk=pk)
    if request.method != "POST":
        return _page(request, application)
    criteria = application.criteria_set.criteria.order_by("order", "pk")
    form = ReviewForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            services.review_submit(
                actor=request.user,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except GrantError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("Your review has been saved. You now see the others' scores.")
            )
            return redirect("grants:review", pk=pk)
    return _page(request, application, form=form, status=400)


@login_required
@require_POST
def conflict_declare(request, pk):
    application = get_object_or_404(selectors.reviewable_applications(request.user), pk=pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except GrantError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The conflict of interest has been recorded; the application is no longer yours to review."
                ),
            )
            return redirect("grants:review_list")
    return _page(request, application, conflict_form=form, status=400)
