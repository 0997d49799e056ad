from django.urls import path

from .views import participant, public, staff

app_name = "trainings"

urlpatterns = [
    # Public catalogue and enrolment (trainings/views/public.py)
    path("koulutukset/", public.catalogue, name="catalogue"),
    path("koulutukset/<int:pk>/", public.detail, name="detail"),
    path("koulutukset/<int:pk>/ilmoittaudu/", public.enrol, name="enrol"),
    # The participant's own pages (trainings/views/participant.py)
    path("koulutukset/ilmoittautumiset/", participant.my_enrolments, name="my_enrolments"),
    path(
        "koulutukset/ilmoittautumiset/<int:pk>/peru/",
        participant.enrolment_cancel,
        name="enrolment_cancel",
    ),
    path(
        "koulutukset/ilmoittautumiset/<int:pk>/vastaanota/",
        participant.offer_accept,
        name="offer_accept",
    ),
    path("koulutukset/ilmoittautumiset/<int:pk>/palaute/", participant.feedback, name="feedback"),
    path(
        "koulutukset/ilmoittautumiset/<int:pk>/todistus.pdf",
        participant.certificate,
        name="certificate",
    ),
    # Staff and trainers (trainings/views/staff.py)
    path("koulutukset/hallinta/", staff.staff_list, name="staff_list"),
    path("koulutukset/<int:pk>/hallinta/", staff.manage, name="manage"),
    path("koulutukset/<int:pk>/hallinta/istunto/", staff.session_add, name="session_add"),
    path("koulutukset/<int:pk>/hallinta/tila/", staff.training_action, name="training_action"),
    path("koulutukset/<int:pk>/palautteet/", staff.feedback_summary, name="feedback_summary"),
    path(
        "koulutukset/<int:pk>/raportit/<str:kind>.<str:extension>",
        staff.report,
        name="report",
    ),
    path(
        "koulutukset/ilmoittautumiset/<int:pk>/todistus/",
        staff.certificate_issue,
        name="certificate_issue",
    ),
    path("koulutukset/istunnot/<int:pk>/lasnaolo/", staff.attendance, name="attendance"),
    path(
        "koulutukset/istunnot/<int:pk>/lasnaolo/tulosta/",
        staff.attendance_print,
        name="attendance_print",
    ),
]
