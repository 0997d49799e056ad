"""Every app's API routes under /api/v1/."""

from rest_framework.routers import DefaultRouter

from events.api import EventViewSet
from facilities.api import BookingViewSet, RoomViewSet
from grants.api import ApplicationViewSet as GrantApplicationViewSet
from grants.api import CallViewSet as GrantCallViewSet
from insights.api import IndicatorViewSet as InsightsIndicatorViewSet
from insights.api import ObservationViewSet as InsightsObservationViewSet
from organisations.api import OrganisationViewSet
from participation import api as participation_api
from placements.api import HostViewSet as PlacementHostViewSet
from placements.api import PlacementViewSet
from trainings.api import TrainingViewSet
from volunteering.api import AssignmentViewSet, HourEntryViewSet, RequestViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("rooms", RoomViewSet, basename="room")
router.register("bookings", BookingViewSet, basename="booking")
router.register("events", EventViewSet, basename="event")
router.register("trainings", TrainingViewSet, basename="training")
router.register("grants/calls", GrantCallViewSet, basename="grant-call")
router.register("grants/applications", GrantApplicationViewSet, basename="grant-application")
router.register("volunteering/requests", RequestViewSet, basename="volunteering-request")
router.register("volunteering/assignments", AssignmentViewSet, basename="volunteering-assignment")
router.register("volunteering/hours", HourEntryViewSet, basename="volunteering-hours")
router.register("placements/hosts", PlacementHostViewSet, basename="placement-host")
router.register("placements", PlacementViewSet, basename="placement")
router.register("insights/indicators", InsightsIndicatorViewSet, basename="insights-indicator")
router.register(
    "insights/observations", InsightsObservationViewSet, basename="insights-observation"
)
router.register(
    "participation/consultations",
    participation_api.ConsultationViewSet,
    basename="participation-consultation",
)
router.register(
    "participation/sections", participation_api.SectionViewSet, basename="participation-section"
)
router.register(
    "participation/themes", participation_api.ThemeViewSet, basename="participation-theme"
)
router.register("participation/goals", participation_api.GoalViewSet, basename="participation-goal")

urlpatterns = router.urls
