"""Booking pages for representatives and staff: book a room (once or weekly), see and
cancel the organisation's bookings, and (staff) decide on requests. Another
organisation's booking answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core import clock
from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate
from facilities import ics, selectors, services
from facilities.errors import BookingConflict, BookingError
from facilities.forms import BOOKING_FIELD_MAP, BookingForm, RejectForm


def _when(booking) -> str:
    start = timezone.localtime(booking.start)
    end = timezone.localtime(booking.end)
    return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H.%M}–{end:%H.%M}"


def _initial(request, room):
    """Prefill from a free slot of the week view (?paiva=YYYY-MM-DD&alku=HH:MM)."""
    initial = {"attendees": min(room.capacity, 10)}
    day, start = request.GET.get("paiva"), request.GET.get("alku")
    if day:
        initial["date"] = day
    if start:
        initial["start_time"] = start
        try:
            hours, minutes = (int(part) for part in start.split(":"))
            end_minutes = hours * 60 + minutes + max(room.min_duration_minutes, 60)
            if end_minutes < 24 * 60:
                initial["end_time"] = f"{end_minutes // 60:02d}:{end_minutes % 60:02d}"
        except ValueError:
            pass
    return initial


@login_required
def booking_create(request, pk):
    room = get_object_or_404(selectors.public_rooms(), pk=pk)
    organisations = selectors.bookable_organisations(request.user)
    if request.method == "POST":
        form = BookingForm(request.POST, organisations=organisations)
    else:
        form = BookingForm(initial=_initial(request, room), organisations=organisations)
    plan = quote = None
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        # The price summary before booking: nothing is saved.
        data = form.cleaned_data
        if data["repeat"]:
            try:
                occurrences, total, member = services.booking_series_quote(
                    room=room,
                    organisation=data["organisation"],
                    weekdays=data["weekdays"],
                    first_date=data["date"],
                    until=data["until"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                )
            except BookingError as error:
                add_error_to_form(form, error, BOOKING_FIELD_MAP)
            else:
                quote = {
                    "price": total,
                    "member": member,
                    "occurrences": occurrences,
                    "booked": sum(1 for o in occurrences if not o.problem),
                }
        else:
            price, member = services.booking_quote(room, data["organisation"], form.start, form.end)
            quote = {"price": price, "member": member, "when": _when(form)}
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "room": room,
            "organisation": data["organisation"],
            "purpose": data["purpose"],
            "attendees": data["attendees"],
            "requests": data["requests"],
            "language": get_language(),
        }
        try:
            if data["repeat"]:
                if request.POST.get("choice") == "none":
                    messages.info(request, _("Nothing was booked."))
                    return redirect("facilities:room_detail", pk=room.pk)
                series_args = {
                    "weekdays": data["weekdays"],
                    "first_date": data["date"],
                    "until": data["until"],
                    "start_time": data["start_time"],
                    "end_time": data["end_time"],
                }
                try:
                    _series, created, skipped = services.booking_series_create(
                        **common,
                        **series_args,
                        book_free_only=request.POST.get("choice") == "free",
                    )
                except BookingConflict:
                    # Show which occurrences collide and let the person choose.
                    plan = services.booking_series_plan(room=room, **series_args)
                else:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d booking made.",
                            "%(count)d bookings made.",
                            len(created),
                        )
                        % {"count": len(created)},
                    )
                    if skipped:
                        messages.warning(
                            request,
                            ngettext(
                                "%(count)d occurrence was not booked.",
                                "%(count)d occurrences were not booked.",
                                len(skipped),
                            )
                            % {"count": len(skipped)},
                        )
                    return redirect("facilities:my_bookings")
            else:
                booking = services.booking_create(**common, start=form.start, end=form.end)
                if booking.status == booking.Status.CONFIRMED:
                    messages.success(
                        request, _("The booking is confirmed: %(when)s.") % {"when": _when(booking)}
                    )
                else:
                    messages.success(
                        request,
                        _("The booking request has been sent to the staff: %(when)s.")
                        % {"when": _when(booking)},
                    )
                return redirect("facilities:booking_detail", pk=booking.pk)
        except PermissionDenied:
            form.add_error("organisation", _("You cannot book for this organisation."))
        except BookingError as error:
            add_error_to_form(form, error, BOOKING_FIELD_MAP)
    return render(
        request,
        "facilities/booking_form.html",
        {
            "room": room,
            "form": form,
            "plan": plan,
            "quote": quote,
            "plan_free": sum(1 for o in plan if not o.problem) if plan else 0,
            "has_organisations": organisations.exists(),
        },
    )


@login_required
def my_bookings(request):
    now = clock.now()
    show = request.GET.get("nayta")
    bookings = selectors.bookings_for_user(request.user)
    if show == "menneet":
        bookings = bookings.filter(end__lt=now).order_by("-start")
    else:
        bookings = bookings.filter(end__gte=now).order_by("start")
    # "page", as the shared pagination links write it.
    paging = paginate(request, bookings, 25)
    page = paging["page_obj"]
    represented = selectors.represented_organisation_ids(request.user)
    for booking in page.object_list:
        booking.cancellable = services.may_cancel(
            request.user, booking, now=now, represented_ids=represented
        )
    return render(
        request,
        "facilities/my_bookings.html",
        {
            **paging,
            "bookings": page.object_list,
            "show_past": show == "menneet",
        },
    )


def _scoped_booking(request, pk):
    return get_object_or_404(selectors.bookings_for_user(request.user), pk=pk)


@login_required
def booking_detail(request, pk):
    booking = _scoped_booking(request, pk)
    later = 0
    if booking.series_id:
        later = booking.series.bookings.holding().filter(start__gt=booking.start).count()
    return render(
        request,
        "facilities/booking_detail.html",
        {
            "booking": booking,
            "cancellable": services.may_cancel(request.user, booking),
            "later_in_series": later,
        },
    )


@login_required
@require_safe
def booking_ics(request, pk):
    """The booking as a calendar file, to add it to one's own calendar."""
    booking = _scoped_booking(request, pk)
    response = HttpResponse(
        ics.calendar([booking], method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="varaus-{booking.pk}.ics"'
    return response


@login_required
@require_POST
def booking_cancel(request, pk):
    """Cancel one booking or the rest of its series. A form that sends ``ask`` first
    gets a page that asks for confirmation, with the same choice to post again."""
    booking = _scoped_booking(request, pk)
    if request.POST.get("ask"):
        if not services.may_cancel(request.user, booking):
            raise Http404
        return render(
            request,
            "facilities/booking_cancel_confirm.html",
            {"booking": booking, "scope": "rest" if request.POST.get("scope") == "rest" else "one"},
        )
    try:
        if request.POST.get("scope") == "rest":
            cancelled = services.booking_series_cancel_rest(actor=request.user, booking=booking)
            messages.success(
                request,
                ngettext(
                    "%(count)d booking cancelled.", "%(count)d bookings cancelled.", len(cancelled)
                )
                % {"count": len(cancelled)},
            )
        else:
            services.booking_cancel(actor=request.user, booking=booking)
            messages.success(
                request, _("The booking was cancelled: %(when)s.") % {"when": _when(booking)}
            )
    except PermissionDenied:
        raise Http404 from None
    except BookingError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("facilities:booking_detail", pk=booking.pk)


@staff_required
def booking_queue(request):
    requests = selectors.booking_requests()
    return render(
        request,
        "facilities/booking_queue.html",
        {"requests": requests, "reject_form": RejectForm()},
    )


@staff_required
@require_POST
def booking_approve(request, pk):
    booking = get_object_or_404(selectors.booking_requests(), pk=pk)
    try:
        services.booking_approve(actor=request.user, booking=booking)
    except BookingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Approved: %(organisation)s, %(room)s, %(when)s.")
            % {"organisation": booking.organisation, "room": booking.room, "when": _when(booking)},
        )
    return redirect("facilities:booking_queue")


@staff_required
@require_POST
def booking_reject(request, pk):
    booking = get_object_or_404(selectors.booking_requests(), pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.booking_reject(
                actor=request.user, booking=booking, reason=form.cleaned_data["reason"]
            )
        except BookingError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Rejected: %(organisation)s, %(room)s, %(when)s.")
                % {
                    "organisation": booking.organisation,
                    "room": booking.room,
                    "when": _when(booking),
                },
            )
            return redirect("facilities:booking_queue")
    else:
        messages.error(request, _("Give a reason for the rejection."))
    return redirect("facilities:booking_queue")
