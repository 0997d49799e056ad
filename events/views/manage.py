"""Event pages for representatives (my events; the event form is in event_form.py) and
staff (the moderation queue: publish, return with a comment, mark an organisation
trusted). Another organisation's event answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import DomainError
from core.pagination import paginate
from events import selectors, services
from events.errors import EventError
from events.forms import ReturnForm
from events.models import Event, TrustedOrganiser
from organisations.models import Organisation


@login_required
def my_events(request):
    events = selectors.events_for_user(request.user).order_by("-start", "-pk")
    paging = paginate(request, events, 30)
    return render(
        request,
        "events/my_events.html",
        {**paging, "events": paging["page_obj"].object_list},
    )


@login_required
@require_POST
def event_unsubmit(request, pk):
    """A representative takes an event waiting for moderation back to a draft."""
    event = get_object_or_404(selectors.events_for_user(request.user), pk=pk)
    try:
        services.event_unsubmit(actor=request.user, event=event)
    except PermissionDenied:
        raise Http404 from None
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event was taken back from moderation: it is a draft."))
    return redirect("events:my_events")


@login_required
@require_POST
def event_submit(request, pk):
    event = get_object_or_404(selectors.events_for_user(request.user), pk=pk)
    try:
        services.event_submit(actor=request.user, event=event, language=get_language())
    except PermissionDenied:
        messages.error(request, _("You cannot submit events for this organisation."))
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event was submitted."))
    return redirect("events:my_events")


@login_required
@require_POST
def event_delete(request, pk):
    event = get_object_or_404(selectors.events_for_user(request.user), pk=pk)
    try:
        services.event_delete(actor=request.user, event=event)
    except PermissionDenied:
        messages.error(request, _("Only a draft can be deleted. Ask the staff."))
    except EventError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event was deleted."))
    return redirect("events:my_events")


@staff_required
def moderation_queue(request):
    events = list(selectors.moderation_queue())
    trusted = set(
        TrustedOrganiser.objects.filter(
            organisation_id__in={e.organisation_id for e in events}
        ).values_list("organisation_id", flat=True)
    )
    return render(
        request,
        "events/moderation_queue.html",
        {
            "events": events,
            "trusted": trusted,
            "return_form": ReturnForm(),
            "trusted_organisers": TrustedOrganiser.objects.select_related("organisation").order_by(
                "organisation__name_fi"
            ),
        },
    )


@staff_required
@require_POST
def event_publish(request, pk):
    event = get_object_or_404(Event.objects.submitted(), pk=pk)
    try:
        services.event_publish(actor=request.user, event=event)
    except EventError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published: %(name)s") % {"name": event.name})
    return redirect("events:moderation_queue")


@staff_required
@require_POST
def event_publish_many(request):
    """Publish the events ticked in the queue, all or none."""
    ids = [int(pk) for pk in request.POST.getlist("event") if pk.isdigit()]
    chosen = list(Event.objects.filter(pk__in=ids).order_by("last_modified", "pk"))
    if len(chosen) != len(set(ids)):
        messages.error(request, _("Nothing was published: an event chosen is no longer here."))
        return redirect("events:moderation_queue")
    try:
        published = services.event_publish_many(actor=request.user, events=chosen)
    except EventError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d event published.", "%(count)d events published.", len(published))
            % {"count": len(published)},
        )
    return redirect("events:moderation_queue")


@staff_required
@require_POST
def event_return(request, pk):
    event = get_object_or_404(Event.objects.submitted(), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the organiser what to change."))
        return redirect("events:moderation_queue")
    try:
        services.event_return(actor=request.user, event=event, comment=form.cleaned_data["comment"])
    except EventError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Returned to the organiser: %(name)s") % {"name": event.name})
    return redirect("events:moderation_queue")


@staff_required
@require_POST
def organisation_trust(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    trusted = request.POST.get("trusted") == "1"
    services.trusted_organiser_set(actor=request.user, organisation=organisation, trusted=trusted)
    if trusted:
        message = _("The events of %(organisation)s now publish at once.")
    else:
        message = _("The events of %(organisation)s now need moderation.")
    messages.success(request, message % {"organisation": organisation.name})
    return redirect("events:moderation_queue")
