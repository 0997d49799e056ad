"""Staff page for scheduling a meeting of a cooperation group, in a room of the centre
(booked through facilities.meeting_bookings) or at another place. A taken room shows
the booking conflict message next to the time and saves nothing."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.access import staff_required
from core.errors import DomainError, add_error_to_form
from facilities import selectors
from facilities.forms import MEETING_FIELD_MAP, MeetingScheduleForm
from facilities.meeting_bookings import meeting_room_book
from organisations.models import CooperationGroup
from organisations.services.network import meeting_create


@staff_required
def meeting_schedule(request, pk):
    group = get_object_or_404(CooperationGroup.objects.select_related("convener"), pk=pk)
    rooms = selectors.public_rooms().order_by("site__name_fi", "name_fi")
    form = MeetingScheduleForm(request.POST or None, request.FILES or None, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "group": group,
            "title": data["title"],
            "start": form.start,
            "end": form.end,
            "agenda": data["agenda"],
            "agenda_file": data["agenda_file"],
        }
        try:
            if data["room"]:
                meeting_room_book(
                    **common,
                    room=data["room"],
                    attendees=data["attendees"],
                    language=get_language(),
                )
            else:
                meeting_create(**common, place=data["place"])
        except DomainError as error:  # BookingError and BookingConflict included
            add_error_to_form(form, error, MEETING_FIELD_MAP)
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect("organisations:group_detail", pk=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "facilities/meeting_form.html", {"form": form, "group": group}, status=status
    )
