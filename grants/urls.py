from django.urls import path

from .views import applicant, criteria, public, review, staff

app_name = "grants"

urlpatterns = [
    # Public pages: open and past calls, criteria and weights, who got what
    path("avustukset/", public.call_list, name="call_list"),
    path("avustukset/<int:pk>/", public.call_detail, name="call_detail"),
    # The applicant (a representative of the organisation)
    path("avustukset/hakemukset/", applicant.my_applications, name="my_applications"),
    path("avustukset/<int:pk>/hae/", applicant.application_create, name="application_create"),
    path(
        "avustukset/hakemukset/<int:pk>/", applicant.application_detail, name="application_detail"
    ),
    path(
        "avustukset/hakemukset/<int:pk>/laheta/",
        applicant.application_submit,
        name="application_submit",
    ),
    path(
        "avustukset/hakemukset/<int:pk>/peru/",
        applicant.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "avustukset/hakemukset/<int:pk>/liitteet/", applicant.attachment_add, name="attachment_add"
    ),
    path(
        "avustukset/hakemukset/<int:pk>/liitteet/<int:attachment_pk>/",
        applicant.attachment_download,
        name="attachment_download",
    ),
    path(
        "avustukset/hakemukset/<int:pk>/paatos/", applicant.letter_download, name="letter_download"
    ),
    path("avustukset/hakemukset/<int:pk>/raportti/", applicant.report_create, name="report_create"),
    path(
        "avustukset/hakemukset/<int:pk>/muutos/",
        applicant.change_request_create,
        name="change_request",
    ),
    # Reviewers assigned to a call
    path("avustukset/arviointi/", review.review_list, name="review_list"),
    path("avustukset/arviointi/<int:pk>/", review.review, name="review"),
    path("avustukset/arviointi/<int:pk>/jaavi/", review.conflict_declare, name="conflict"),
    # Staff
    path("henkilokunta/avustukset/", staff.call_list, name="staff_calls"),
    path("henkilokunta/avustukset/<int:pk>/", staff.call_detail, name="staff_call"),
    path(
        "henkilokunta/avustukset/<int:pk>/arvioijat/", staff.reviewer_assign, name="reviewer_assign"
    ),
    path(
        "henkilokunta/avustukset/<int:pk>/kriteerit/uusi/",
        criteria.criteria_create,
        name="criteria_create",
    ),
    path(
        "henkilokunta/avustukset/kriteeristot/<int:pk>/lisaa/",
        criteria.criterion_add,
        name="criterion_add",
    ),
    path(
        "henkilokunta/avustukset/kriteeri/<int:pk>/",
        criteria.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "henkilokunta/avustukset/kriteeri/<int:pk>/poista/",
        criteria.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "henkilokunta/avustukset/kriteerit/<int:pk>/<slug:action>/",
        staff.criteria_action,
        name="criteria_action",
    ),
    path("henkilokunta/avustukset/<int:pk>/paatokset/", staff.decisions, name="decisions"),
    path("henkilokunta/avustukset/<int:pk>/hakemukset.<slug:fmt>", staff.export, name="export"),
    path("henkilokunta/avustukset/<int:pk>/maksut.csv", staff.payment_list, name="payment_list"),
    path("henkilokunta/avustukset/<int:pk>/yhteenveto/", staff.summary_start, name="summary_start"),
    path(
        "henkilokunta/avustukset/yhteenvedot/<int:pk>/", staff.summary_detail, name="summary_detail"
    ),
    path(
        "henkilokunta/avustukset/yhteenvedot/<int:pk>/lataa/",
        staff.summary_download,
        name="summary_download",
    ),
    path(
        "henkilokunta/avustukset/hakemukset/<int:pk>/",
        staff.staff_application,
        name="staff_application",
    ),
    path(
        "henkilokunta/avustukset/hakemukset/<int:pk>/palauta/",
        staff.application_return,
        name="application_return",
    ),
    path("henkilokunta/avustukset/hakemukset/<int:pk>/ehdotus/", staff.proposal, name="proposal"),
    path(
        "henkilokunta/avustukset/hakemukset/<int:pk>/maksu/", staff.payment_add, name="payment_add"
    ),
    path(
        "henkilokunta/avustukset/maksut/<int:pk>/maksettu/", staff.payment_paid, name="payment_paid"
    ),
    path("henkilokunta/avustukset/raportit/<int:pk>/", staff.report_check, name="report_check"),
    path("henkilokunta/avustukset/muutokset/<int:pk>/", staff.change_decide, name="change_decide"),
]
