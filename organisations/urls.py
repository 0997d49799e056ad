from django.urls import path

from .views import directory, membership

app_name = "organisations"

urlpatterns = [
    # Public directory
    path("yhdistykset/", directory.OrganisationListView.as_view(), name="directory"),
    path("yhdistykset/vienti.csv", directory.organisation_export_csv, name="export_csv"),
    path("yhdistykset/<int:pk>/", directory.OrganisationDetailView.as_view(), name="detail"),
    # Membership and representatives (logged-in people)
    path("jasenyys/hae/", membership.membership_apply, name="membership_apply"),
    path("edustajuus/pyyda/", membership.representative_request, name="representative_request"),
    path("omat-yhdistykset/", membership.my_organisations, name="my_organisations"),
    path(
        "omat-yhdistykset/<int:pk>/muokkaa/",
        membership.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "edustajat/<int:pk>/hyvaksy/",
        membership.representative_approve,
        name="representative_approve",
    ),
    path(
        "edustajat/<int:pk>/hylkaa/",
        membership.representative_decline,
        name="representative_decline",
    ),
]
