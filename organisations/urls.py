from django.urls import path

from .views import directory, membership, network

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
    # Partnership network: staff pages (organisations/views/network.py)
    path("verkosto/kumppanuudet/", network.partnership_list, name="partnership_list"),
    path(
        "verkosto/kumppanuudet/vienti.csv",
        network.partnership_export_csv,
        name="partnership_export_csv",
    ),
    path("verkosto/kumppanuudet/uusi/", network.partnership_create, name="partnership_create"),
    path("verkosto/kumppanuudet/<int:pk>/", network.partnership_detail, name="partnership_detail"),
    path("verkosto/asiakirjat/<int:pk>/", network.document_download, name="document_download"),
    path("verkosto/ryhmat/", network.group_list, name="group_list"),
    path("verkosto/ryhmat/<int:pk>/", network.group_detail, name="group_detail"),
    path("verkosto/kokoukset/<int:pk>/kutsu/", network.meeting_invite, name="meeting_invite"),
    # Partnership network: a representative's groups and the meetings' files
    path("omat-ryhmat/", network.my_groups, name="my_groups"),
    path(
        "omat-ryhmat/kokoukset/<int:pk>/<str:which>/",
        network.meeting_file,
        name="meeting_file",
    ),
]
