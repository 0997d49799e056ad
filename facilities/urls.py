from django.urls import path

from .views import bookings, feeds, meetings, reports, rooms

app_name = "facilities"

urlpatterns = [
    # Rooms, week view and booking pages (facilities/views/rooms.py, bookings.py)
    path("tilat/", rooms.room_list, name="room_list"),
    path("tilat/<int:pk>/", rooms.room_detail, name="room_detail"),
    path("tilat/<int:pk>/varaa/", bookings.booking_create, name="booking_create"),
    path("varaukset/", bookings.my_bookings, name="my_bookings"),
    path("varaukset/kasittely/", bookings.booking_queue, name="booking_queue"),
    path("varaukset/<int:pk>/", bookings.booking_detail, name="booking_detail"),
    path("varaukset/<int:pk>/peru/", bookings.booking_cancel, name="booking_cancel"),
    path("varaukset/<int:pk>/kalenteriin.ics", bookings.booking_ics, name="booking_ics"),
    path("varaukset/<int:pk>/hyvaksy/", bookings.booking_approve, name="booking_approve"),
    path("varaukset/<int:pk>/hylkaa/", bookings.booking_reject, name="booking_reject"),
    # Private iCal feed (facilities/views/feeds.py)
    path("varaukset/kalenteri/<str:token>.ics", feeds.organisation_feed, name="booking_feed"),
    # PDF reports (facilities/views/reports.py)
    path("raportit/", reports.report_list, name="reports"),
    path("raportit/<int:pk>/", reports.report_detail, name="report_detail"),
    path("raportit/<int:pk>/lataa/", reports.report_download, name="report_download"),
    # A cooperation group's meeting in a room of the centre (facilities/views/meetings.py)
    path(
        "verkosto/ryhmat/<int:pk>/uusi-kokous/",
        meetings.meeting_schedule,
        name="meeting_schedule",
    ),
]
