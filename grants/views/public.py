"""Public pages: open and past calls, a call with its criteria and weights and, once
decided, who got what."""

from django.shortcuts import get_object_or_404, render

from grants import selectors


def call_list(request):
    calls = selectors.public_calls().order_by("-closes_at", "pk")
    open_calls = selectors.calls_with_criteria(calls.open())
    past_calls = list(calls.past())
    upcoming = [c for c in calls if not c.is_open and not c.is_past]
    return render(
        request,
        "grants/call_list.html",
        {"open_calls": open_calls, "past_calls": past_calls, "upcoming_calls": upcoming},
    )


def call_detail(request, pk):
    call = get_object_or_404(
        selectors.public_calls().prefetch_related("municipalities", "wellbeing_counties"), pk=pk
    )
    [call] = selectors.calls_with_criteria([call])
    granted = list(selectors.granted_decisions(call))
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "criteria_set": call.current_set,
            "granted": granted,
            "granted_total": sum((d.amount for d in granted), 0),
            "may_apply": call.is_open
            and selectors.represented_organisations(request.user).exists(),
        },
    )
