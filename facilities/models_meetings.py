"""The room of the centre booked for a meeting of a cooperation group (organisations).
A link of its own, so that a booking stays a booking and a meeting knows nothing of
facilities. Imported by models.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingRoomBooking(models.Model):
    meeting = models.OneToOneField(
        "organisations.Meeting",
        on_delete=models.CASCADE,
        related_name="room_booking",
        verbose_name=_("meeting"),
    )
    booking = models.OneToOneField(
        "facilities.Booking",
        on_delete=models.PROTECT,
        related_name="meeting_link",
        verbose_name=_("booking"),
    )

    class Meta:
        verbose_name = _("room booking of a meeting")
        verbose_name_plural = _("room bookings of meetings")

    def __str__(self):
        return f"{self.meeting} – {self.booking}"
