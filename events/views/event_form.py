"""The representative's event form, in steps: what, when, where, for whom and price,
and a preview of the public page before sending. Every step posts the whole event
(the fields of the other steps as hidden fields, an uploaded picture as a signed token
of the file kept for it), so that nothing is lost between steps, the back buttons work
and the form works without JavaScript. Going forward checks the step left; saving
checks everything and shows an error on the step its field belongs to. A post with
every field and an action saves at once, as the one-page form did.

Also the preview of an event that is not published yet, for staff (from the moderation
queue) and for the representatives of its organisation; 404 for anyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.errors import DomainError, add_error_to_form
from events import pending_images, selectors, services
from events.forms import (
    EVENT_FIELD_MAP,
    LOCATION_FIELDS,
    STEP_FIELDS,
    STEP_NAMES,
    STEPS,
    EventForm,
    step_of,
)
from events.models import Event
from events.services import EventInput
from facilities.selectors import bookable_organisations

ACTIONS = ("submit", "draft", "save")


@login_required
def event_create(request):
    return _stepped(request, bookable_organisations(request.user))


@login_required
def event_edit(request, pk):
    event = get_object_or_404(selectors.events_for_user(request.user), pk=pk)
    if not services.may_edit(request.user, event):
        messages.error(request, _("Only a draft can be changed."))
        return redirect("events:my_events")
    return _stepped(request, bookable_organisations(request.user), event)


def _stepped(request, organisations, event=None):
    if request.method != "POST":
        if event is None:
            initial = {"location_kind": "place", "is_free": True, "languages": ["fi"]}
        else:
            initial = EventForm.initial_for(event)
        form = EventForm(organisations=organisations, initial=initial, series_of=event)
        return _page(request, form, "what", event)
    form = EventForm(request.POST, request.FILES, organisations=organisations, series_of=event)
    form.is_valid()
    image = _picture(request, form)
    action = request.POST.get("action")
    if action in ACTIONS:
        if not form.errors and (response := _save(request, form, event, image)):
            pending_images.discard(image)
            return response
        return _page(request, form, _first_step_with_errors(form), event, image)
    current = request.POST.get("step")
    current = current if current in STEP_NAMES else "what"
    target = request.POST.get("go")
    if target == "next":
        target = STEP_NAMES[min(STEP_NAMES.index(current) + 1, len(STEP_NAMES) - 1)]
    elif target == "back":
        target = STEP_NAMES[max(STEP_NAMES.index(current) - 1, 0)]
    elif target not in STEP_NAMES:
        target = current
    if STEP_NAMES.index(target) > STEP_NAMES.index(current) or target == "preview":
        # Forward: the steps passed must be in order, the preview needs them all.
        for step in STEP_NAMES[: STEP_NAMES.index(target)]:
            if _step_has_errors(form, step, has_image=bool(image or (event and event.image))):
                return _page(request, form, step, event, image)
    if target == "preview":
        return _preview_page(request, form, event, image)
    return _page(request, form, target, event, image)


def _picture(request, form) -> str | None:
    """The picture of the event being made: a new upload (kept for the next steps),
    or the one kept from an earlier step."""
    upload = form.cleaned_data.get("image") if "image" not in form.errors else None
    if upload:
        form.pending_token = pending_images.keep(upload, request.user)
        return pending_images.name_of(form.pending_token, request.user)
    token = request.POST.get("pending_image")
    name = pending_images.name_of(token, request.user)
    form.pending_token = token if name else ""
    return name


def _step_has_errors(form, step: str, *, has_image: bool) -> bool:
    """The form's own checks of the step's fields, and the service's and the database's
    rules of the time, the place, the price and the image's alt text (the same messages
    as when saving)."""
    fields = STEP_FIELDS[step]
    if any(name in form.errors for name in fields):
        return True
    data = form.cleaned_data
    if step == "what" and (has_image or data.get("image")) and not data.get("image_alt_fi"):
        form.add_error("image_alt_fi", _("Describe the image in an alt text."))
        return True
    if step == "who" and not data.get("is_free") and not data.get("price", "").strip():
        form.add_error("price", _("Give the price, or mark the event free."))
        return True
    try:
        if step == "when":
            services.event_times(
                data.get("start_date"),
                data.get("start_time"),
                data.get("end_date"),
                data.get("end_time"),
            )
        elif step == "where":
            services.check_location(_location_input(data))
    except DomainError as error:
        add_error_to_form(form, error, EVENT_FIELD_MAP)
        return True
    return False


def _location_input(data) -> EventInput:
    new_place = None
    if data.get("location_kind") == "place" and data.get("place") is None:
        new_place = {"name": data.get("place_name"), "municipality": data.get("place_municipality")}
    return EventInput(
        name={},
        start_date=None,
        location_kind=data.get("location_kind") or "",
        room=data.get("room"),
        expected_attendees=data.get("expected_attendees"),
        place=data.get("place"),
        new_place=new_place,
        online_url=data.get("online_url") or "",
    )


def _first_step_with_errors(form) -> str:
    steps = [step_of(name) for name in form.errors]
    return min(steps, key=STEP_NAMES.index) if steps else "preview"


def _preview_page(request, form, event, image):
    if form.errors:
        return _page(request, form, _first_step_with_errors(form), event, image)
    try:
        preview = services.event_preview(
            organisation=form.cleaned_data["organisation"], data=form.to_input(), event=event
        )
    except DomainError as error:
        add_error_to_form(form, error, EVENT_FIELD_MAP)
        return _page(request, form, _first_step_with_errors(form), event, image)
    picture = None
    if image:
        url = pending_images.data_url(image)
        picture = {"url": url, "alt": preview.image_alt, "illustration": False}
    return _page(
        request,
        form,
        "preview",
        event,
        image,
        preview=preview,
        preview_keywords=form.cleaned_data.get("keywords") or [],
        preview_picture=picture,
    )


def _page(request, form, step, event=None, image=None, **extra):
    location_kind = (
        form["location_kind"].value() if form.is_bound else form.initial.get("location_kind")
    ) or "place"
    shown = set(STEP_FIELDS[step])
    return render(
        request,
        "events/event_form.html",
        {
            "form": form,
            "event": event,
            "step": step,
            "step_number": STEP_NAMES.index(step) + 1,
            "steps": [
                {"name": name, "label": label, "number": number}
                for number, (name, label) in enumerate(STEPS, start=1)
            ],
            "step_has_errors": any(name in form.errors for name in shown)
            or (step == "preview" and bool(form.errors)),
            "shown": [form[name] for name in STEP_FIELDS[step]],
            "hidden": [form[name] for name in form.fields if name not in shown and name != "image"],
            "location_kind": location_kind,
            "location_fields": LOCATION_FIELDS,
            "pending_token": getattr(form, "pending_token", ""),
            "pending_image": bool(image),
            "has_organisations": form.fields["organisation"].queryset.exists(),
            **extra,
        },
    )


def _save(request, form, event, image):
    """Call the service for a valid form; on success redirect, else show the errors."""
    # A submitted event that is changed stays in the moderation queue as it is.
    submit = request.POST.get("action") == "submit" and (
        event is None or event.publication == Event.Publication.DRAFT
    )
    data = form.to_input()
    kept = None
    if data.image is None and image:
        kept = data.image = pending_images.open_file(image)
    try:
        saved = services.event_save(
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            data=data,
            event=event,
            submit=submit,
            language=get_language(),
        )
    except PermissionDenied:
        form.add_error("organisation", _("You cannot add events for this organisation."))
        return None
    except DomainError as error:  # EventError, or the room booking's own BookingError
        add_error_to_form(form, error, EVENT_FIELD_MAP)
        return None
    finally:
        if kept is not None:
            kept.close()
    if saved.publication == Event.Publication.PUBLISHED:
        messages.success(request, _("The event is published."))
    elif saved.publication == Event.Publication.SUBMITTED:
        messages.success(request, _("The event was sent to the staff for publishing."))
    else:
        messages.success(request, _("The draft is saved."))
    return redirect("events:my_events")


@login_required
@require_safe
def event_preview(request, pk):
    """An event's public page before it is published: for staff and for the
    representatives of its organisation."""
    event = get_object_or_404(selectors.event_previews(request.user), pk=pk)
    return render(
        request,
        "events/event_preview.html",
        {"event": event, "keywords": list(event.keywords.all())},
    )
