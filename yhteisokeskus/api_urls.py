"""Every app's API routes under /api/v1/."""

from rest_framework.routers import DefaultRouter

from organisations.api import OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = router.urls
