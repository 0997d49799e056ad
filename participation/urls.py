from django.urls import path

from . import authoring_views, feedback_views, goal_views, model_views, report_views, views

app_name = "participation"

urlpatterns = [
    # Public pages and the forms of the public
    path("osallistu/", views.consultation_list, name="list"),
    path("osallistu/<int:pk>/", views.consultation_detail, name="detail"),
    path("osallistu/<int:pk>/tulokset/", views.results, name="results"),
    path("osallistu/osiot/<int:pk>/kommentoi/", views.comment_create, name="comment"),
    path("osallistu/kommentit/<int:pk>/kannata/", views.comment_vote, name="vote"),
    path("osallistu/kommentit/<int:pk>/ilmoita/", views.comment_flag, name="flag"),
    path("osallistu/kyselyt/<int:pk>/vastaa/", views.poll_answer, name="poll_answer"),
    path("osallisuusmalli/", goal_views.model_overview, name="model"),
    path("osallisuusmalli/tavoitteet/<int:pk>/", goal_views.goal_detail, name="goal"),
    path("palaute/<str:code>/", feedback_views.feedback_form, name="feedback"),
    # Staff pages
    path("henkilokunta/palaute/", feedback_views.feedback_list, name="feedback_list"),
    path("henkilokunta/palaute/uusi/", feedback_views.feedback_create, name="feedback_create"),
    path(
        "henkilokunta/palaute/<int:pk>/muokkaa/",
        feedback_views.feedback_edit,
        name="feedback_edit",
    ),
    path(
        "henkilokunta/palaute/<int:pk>/sulje/", feedback_views.feedback_close, name="feedback_close"
    ),
    path(
        "henkilokunta/palaute/<int:pk>/vastaukset.xlsx",
        feedback_views.feedback_xlsx,
        name="feedback_xlsx",
    ),
    path(
        "henkilokunta/palaute/vaittamat/<int:pk>/mittari/",
        feedback_views.statement_link,
        name="feedback_statement_link",
    ),
    path(
        "henkilokunta/palaute/vaittamat/<int:pk>/mittaus/",
        feedback_views.statement_measurement,
        name="feedback_statement_measurement",
    ),
    path(
        "henkilokunta/palaute/<int:pk>/", feedback_views.feedback_answers, name="feedback_answers"
    ),
    path(
        "henkilokunta/palaute/<int:pk>/juliste.pdf",
        feedback_views.feedback_poster,
        name="feedback_poster",
    ),
    path(
        "henkilokunta/osallisuusmalli/mittarit/<int:pk>/mittaus/",
        goal_views.measurement_add,
        name="measurement_add",
    ),
    path(
        "henkilokunta/osallisuusmalli/tavoitteet/<int:pk>/linkit/",
        goal_views.goal_links,
        name="goal_links",
    ),
    path("henkilokunta/osallisuusmalli/", model_views.model_staff, name="model_staff"),
    path(
        "henkilokunta/osallisuusmalli/strategia/uusi/",
        model_views.strategy_item_create,
        name="strategy_item_create",
    ),
    path(
        "henkilokunta/osallisuusmalli/strategia/<int:pk>/muokkaa/",
        model_views.strategy_item_edit,
        name="strategy_item_edit",
    ),
    path(
        "henkilokunta/osallisuusmalli/tavoitteet/uusi/",
        model_views.goal_create,
        name="goal_create",
    ),
    path(
        "henkilokunta/osallisuusmalli/tavoitteet/<int:pk>/muokkaa/",
        model_views.goal_edit,
        name="goal_edit",
    ),
    path(
        "henkilokunta/osallisuusmalli/tavoitteet/<int:pk>/mittarit/uusi/",
        model_views.indicator_create,
        name="indicator_create",
    ),
    path(
        "henkilokunta/osallisuusmalli/mittarit/<int:pk>/muokkaa/",
        model_views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "henkilokunta/osallisuusmalli/toimenpiteet/uusi/",
        model_views.action_create,
        name="action_create",
    ),
    path(
        "henkilokunta/osallisuusmalli/toimenpiteet/<int:pk>/muokkaa/",
        model_views.action_edit,
        name="action_edit",
    ),
    path("henkilokunta/osallistu/", authoring_views.consultation_admin_list, name="staff_list"),
    path("henkilokunta/osallistu/uusi/", authoring_views.consultation_create, name="create"),
    path(
        "henkilokunta/osallistu/<int:pk>/muokkaa/", authoring_views.consultation_edit, name="edit"
    ),
    path(
        "henkilokunta/osallistu/<int:pk>/osiot/uusi/",
        authoring_views.section_create,
        name="section_create",
    ),
    path(
        "henkilokunta/osallistu/osiot/<int:pk>/muokkaa/",
        authoring_views.section_edit,
        name="section_edit",
    ),
    path(
        "henkilokunta/osallistu/osiot/<int:pk>/kyselyt/uusi/",
        authoring_views.poll_create,
        name="poll_create",
    ),
    path(
        "henkilokunta/osallistu/kyselyt/<int:pk>/muokkaa/",
        authoring_views.poll_edit,
        name="poll_edit",
    ),
    path("henkilokunta/osallistu/<int:pk>/", views.moderation, name="moderation"),
    path(
        "henkilokunta/osallistu/<int:pk>/kommentit.xlsx",
        views.comments_xlsx,
        name="comments_xlsx",
    ),
    path("henkilokunta/osallistu/<int:pk>/sulje/", views.consultation_close, name="close"),
    path(
        "henkilokunta/osallistu/<int:pk>/tyopajat/uusi/",
        views.workshop_create,
        name="workshop_create",
    ),
    path(
        "henkilokunta/osallistu/tyopajat/<int:pk>/tuonti/",
        views.workshop_import,
        name="workshop_import",
    ),
    path("henkilokunta/osallistu/<int:pk>/teemat/", views.theme_coding, name="themes"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/teemat/", views.comment_code, name="code"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/piilota/", views.comment_hide, name="hide"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/palauta/", views.comment_unhide, name="unhide"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/kiinnita/", views.comment_pin, name="pin"),
    path(
        "henkilokunta/osallistu/kommentit/<int:pk>/pida/",
        views.flags_dismiss,
        name="flags_dismiss",
    ),
    # PDF reports
    path(
        "henkilokunta/osallistu/<int:pk>/raportti/",
        report_views.consultation_report_start,
        name="consultation_report_start",
    ),
    path(
        "henkilokunta/osallistu/raportit/<int:pk>/",
        report_views.consultation_report,
        name="consultation_report",
    ),
    path(
        "henkilokunta/osallistu/raportit/<int:pk>/lataa/",
        report_views.consultation_report_download,
        name="consultation_report_download",
    ),
    path(
        "henkilokunta/osallisuusmalli/raportti/",
        report_views.model_report_start,
        name="model_report_start",
    ),
    path(
        "henkilokunta/osallisuusmalli/raportit/<int:pk>/",
        report_views.model_report,
        name="model_report",
    ),
    path(
        "henkilokunta/osallisuusmalli/raportit/<int:pk>/lataa/",
        report_views.model_report_download,
        name="model_report_download",
    ),
]
