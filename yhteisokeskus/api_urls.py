"""Every app's API routes under /api/v1/."""

from rest_framework.routers import DefaultRouter

from events.api import EventViewSet
from facilities.api import BookingViewSet, RoomViewSet
from grants.api import ApplicationViewSet as GrantApplicationViewSet
from grants.api import CallViewSet as GrantCallViewSet
from organisations.api import OrganisationViewSet
from trainings.api import TrainingViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("rooms", RoomViewSet, basename="room")
router.register("bookings", BookingViewSet, basename="booking")
router.register("events", EventViewSet, basename="event")
router.register("trainings", TrainingViewSet, basename="training")
router.register("grants/calls", GrantCallViewSet, basename="grant-call")
router.register("grants/applications", GrantApplicationViewSet, basename="grant-application")

urlpatterns = router.urls
