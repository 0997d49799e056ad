"""Every app's API routes under /api/v1/."""

from rest_framework.routers import DefaultRouter

from events.api import EventViewSet
from facilities.api import BookingViewSet, RoomViewSet
from organisations.api import OrganisationViewSet
from trainings.api import TrainingViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("rooms", RoomViewSet, basename="room")
router.register("bookings", BookingViewSet, basename="booking")
router.register("events", EventViewSet, basename="event")
router.register("trainings", TrainingViewSet, basename="training")

urlpatterns = router.urls
