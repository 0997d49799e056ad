"""Residents' feedback: a rating of each statement and plain text by the form's short
link, refused when bad or too frequent; the printable poster carries the short link as a
QR code; staff keep forms and their statements, read each statement's figures, and turn
the mean rating of a period into a measurement of the indicator a statement feeds."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from participation import feedback
from participation.errors import ParticipationError
from participation.models import FeedbackAnswer, FeedbackForm, FeedbackRating, Measurement
from participation.services import RATE_LIMIT_COMMENTS
from tests.factories.organisations import StaffFactory
from tests.factories.participation import (
    FeedbackFormFactory,
    FeedbackStatementFactory,
    IndicatorFactory,
)

pytestmark = pytest.mark.django_db


def three_statements():
    form = FeedbackFormFactory()
    return form, [form.statements.get(), *FeedbackStatementFactory.create_batch(2, form=form)]


def answer(form, ratings: dict, *, at=None):
    """An answer with the given {statement: rating}, saved as it is (no rules)."""
    kwargs = {"created_at": at} if at else {}
    row = FeedbackAnswer.objects.create(form=form, author_key="s", **kwargs)
    for statement, rating in ratings.items():
        FeedbackRating.objects.create(answer=row, statement=statement, rating=rating)
    return row


def test_a_resident_rates_each_statement_and_bad_input_saves_nothing(client):
    form, (a, b, c) = three_statements()
    url = reverse("participation:feedback", args=[form.code])
    page = client.get(url).content.decode()
    assert page.count("<legend") == 3 and page.count('type="radio"') == 15
    missing = {f"rating_{a.pk}": "4", f"rating_{b.pk}": "5"}
    out_of_range = {f"rating_{a.pk}": "6", f"rating_{b.pk}": "3", f"rating_{c.pk}": "3"}
    for data in (missing, out_of_range):
        response = client.post(url, {**data, "text": "ei kelpaa"})
        assert response.status_code == 400
        assert "Valitse arvio väliltä 1–5." in response.content.decode()
    assert not FeedbackAnswer.objects.exists() and not FeedbackRating.objects.exists()

    ratings = {f"rating_{a.pk}": "4", f"rating_{b.pk}": "1", f"rating_{c.pk}": "5"}
    response = client.post(url, {**ratings, "text": "<b>Hyvä</b> kahvi & <3"})
    assert response.status_code == 302
    saved = FeedbackAnswer.objects.get()
    assert saved.text == "Hyvä kahvi & <3" and saved.author_key.startswith("s")
    assert [(r.statement_id, r.rating) for r in saved.ratings.all()] == [
        (a.pk, 4),
        (b.pk, 1),
        (c.pk, 5),
    ]


def test_the_service_refuses_a_missing_rating_the_rate_limit_and_a_closed_form():
    form, (a, b, _c) = three_statements()
    with pytest.raises(ParticipationError) as error:
        feedback.feedback_answer(actor=None, session_key="k", form=form, ratings={a.pk: 3})
    assert error.value.field == f"rating_{b.pk}"
    with pytest.raises(ParticipationError):
        feedback.feedback_answer(
            actor=None, session_key="k", form=form, ratings={s.pk: 0 for s in (a, b, _c)}
        )
    single = FeedbackFormFactory()
    statement = single.statements.get()
    for _ in range(RATE_LIMIT_COMMENTS):
        feedback.feedback_answer(
            actor=None, session_key="same", form=single, ratings={statement.pk: 5}
        )
    with pytest.raises(ParticipationError):
        feedback.feedback_answer(
            actor=None, session_key="same", form=single, ratings={statement.pk: 5}
        )
    closed = FeedbackFormFactory(is_active=False)
    with pytest.raises(ParticipationError):
        feedback.feedback_answer(
            actor=None,
            session_key="other",
            form=closed,
            ratings={closed.statements.get().pk: 3},
        )
    assert FeedbackAnswer.objects.count() == RATE_LIMIT_COMMENTS


def test_the_poster_is_a_pdf_with_the_short_link(client, settings):
    settings.SITE_URL = "https://yhteisokeskus.example"
    form, _statements = three_statements()
    form.title_fi = "Avoin kohtaamispaikka"
    form.save()
    client.force_login(StaffFactory())
    response = client.get(reverse("participation:feedback_poster", args=[form.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Avoin kohtaamispaikka" in text and "Arvioi muutama väittämä" in text
    assert f"https://yhteisokeskus.example/palaute/{form.code}/" in text


def test_staff_create_a_form_with_statements_edit_it_and_close_it(client):
    client.force_login(StaffFactory())
    data = {
        "title_fi": "Perhekahvila",
        "open_question_fi": "Mitä toivot?",
        "statements_fi": "Viihdyin hyvin.\n\nSain tietoa.\nTulen uudelleen.",
        "statements_sv": "Jag trivdes.\n\n\nJag kommer tillbaka.",
        "is_active": "on",
    }
    response = client.post(reverse("participation:feedback_create"), data)
    assert response.status_code == 400
    assert "Liitä lomake paikkaan, tapahtumaan tai palveluun." in response.content.decode()
    assert not FeedbackForm.objects.exists()

    response = client.post(reverse("participation:feedback_create"), {**data, "service": "Kahvila"})
    form = FeedbackForm.objects.get()
    assert response.status_code == 302
    assert [(s.order, s.text_fi, s.text_sv) for s in form.statements.all()] == [
        (0, "Viihdyin hyvin.", "Jag trivdes."),
        (1, "Sain tietoa.", ""),
        (2, "Tulen uudelleen.", "Jag kommer tillbaka."),
    ]
    first, second, third = form.statements.all()
    answer(form, {first: 4, second: 4, third: 5})

    edit = reverse("participation:feedback_edit", args=[form.pk])
    assert "Tulen uudelleen." in client.get(edit).content.decode()
    shorter = {
        **data,
        "service": "Kahvila",
        "statements_fi": "Viihdyin hyvin.",
        "statements_sv": "",
    }
    response = client.post(edit, shorter)
    assert response.status_code == 400
    assert "niitä ei voi enää poistaa" in response.content.decode()
    corrected = {
        **data,
        "service": "Kahvila",
        "statements_fi": "Viihdyin.\nSain tietoa.\nTulen.",
        "statements_sv": "Jag trivdes.\n\nJag kommer tillbaka.",
    }
    assert client.post(edit, corrected).status_code == 302
    assert [s.text_fi for s in form.statements.all()] == ["Viihdyin.", "Sain tietoa.", "Tulen."]
    assert [s.pk for s in form.statements.all()] == [first.pk, second.pk, third.pk]

    client.post(reverse("participation:feedback_close", args=[form.pk]))
    form.refresh_from_db()
    assert not form.is_active
    public = client.get(reverse("participation:feedback", args=[form.code])).content.decode()
    assert "Tämä palautelomake ei enää ota vastaan vastauksia." in public


def test_the_answers_page_counts_each_statement_by_hand(client, django_assert_num_queries):
    form = FeedbackFormFactory()
    first = form.statements.get()
    second = FeedbackStatementFactory(form=form)
    # first: 5, 4, 4, 2 → 4 answers, mean 15 / 4 = 3.75; second: 3, 3, 1 → 7 / 3 = 2.33
    answer(form, {first: 5, second: 3})
    answer(form, {first: 4, second: 3})
    answer(form, {first: 4, second: 1})
    answer(form, {first: 2})
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("participation:feedback_answers", args=[form.pk])
    client.get(url)  # the session and the user are read once in every request
    with django_assert_num_queries(10) as queries:
        response = client.get(url)
    statements = response.context["statements"]
    assert [(s.count, s.mean) for s in statements] == [
        (4, Decimal("3.75")),
        (3, Decimal("2.33")),
    ]
    assert [n for _rating, n, _percent in statements[0].distribution] == [0, 1, 0, 2, 1]
    assert [p for _rating, _n, p in statements[0].distribution] == [0, 25, 0, 50, 25]
    assert [n for _rating, n, _percent in statements[1].distribution] == [1, 0, 2, 0, 0]
    # Twice the answers, a third statement, an indicator linked: the same queries.
    IndicatorFactory()
    third = FeedbackStatementFactory(form=form)
    for _ in range(4):
        answer(form, {first: 3, second: 3, third: 4})
    with django_assert_num_queries(len(queries)):
        client.get(url)

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("participation:feedback_xlsx", args=[form.pk])).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:] == (first.text, second.text, third.text, form.open_question)
    assert [row[3:6] for row in rows[1:6]] == [
        (5, 3, None),
        (4, 3, None),
        (4, 1, None),
        (2, None, None),
        (3, 3, 4),
    ]


def test_a_statements_mean_in_a_period_becomes_a_measurement(client):
    indicator = IndicatorFactory(
        goal__starts_on=datetime.date(2026, 1, 1), goal__ends_on=datetime.date(2026, 12, 31)
    )
    form = FeedbackFormFactory()
    statement = form.statements.get()
    utc = datetime.UTC
    # In the first quarter (Helsinki time): 5, 4 and 2 → 11 / 3 = 3.67 from 3 answers.
    answer(form, {statement: 5}, at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=utc))
    answer(form, {statement: 4}, at=datetime.datetime(2026, 2, 10, 12, tzinfo=utc))
    answer(form, {statement: 2}, at=datetime.datetime(2026, 3, 31, 20, 30, tzinfo=utc))
    # Already 1 April in Helsinki (UTC+3), and one from the year before: left out.
    answer(form, {statement: 1}, at=datetime.datetime(2026, 3, 31, 21, 30, tzinfo=utc))
    answer(form, {statement: 1}, at=datetime.datetime(2025, 12, 30, 12, tzinfo=utc))
    client.force_login(StaffFactory())
    measure = reverse("participation:feedback_statement_measurement", args=[statement.pk])

    def post(starts, ends):
        key = f"m{statement.pk}"
        return client.post(measure, {f"{key}-starts_on": starts, f"{key}-ends_on": ends})

    response = post("2026-01-01", "2026-03-31")
    assert response.status_code == 400
    assert "Liitä väittämä ensin indikaattoriin." in response.content.decode()
    link = reverse("participation:feedback_statement_link", args=[statement.pk])
    assert client.post(link, {f"s{statement.pk}-indicator": indicator.pk}).status_code == 302

    response = post("2026-05-01", "2026-05-31")
    assert response.status_code == 400
    assert "Kukaan ei arvioinut väittämää" in response.content.decode()
    response = post("2025-12-01", "2025-12-31")
    assert response.status_code == 400
    assert "Päivämäärän on oltava tavoitteen kauden sisällä" in response.content.decode()
    response = post("2026-03-31", "2026-01-01")
    assert response.status_code == 400
    assert "Jakso ei voi päättyä ennen kuin se alkaa." in response.content.decode()
    assert not Measurement.objects.exists()

    assert post("2026-01-01", "2026-03-31").status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.indicator, measurement.measured_on, measurement.value) == (
        indicator,
        datetime.date(2026, 3, 31),
        Decimal("3.67"),
    )
    assert "vastauksia 3" in measurement.note


def test_the_staff_list_of_forms_takes_the_same_queries_for_one_or_many(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(StaffFactory())
    FeedbackFormFactory()
    page = reverse("participation:feedback_list")
    with django_assert_max_num_queries(50) as few:
        assert client.get(page).status_code == 200
    FeedbackFormFactory.create_batch(4)
    with django_assert_num_queries(len(few)):
        body = client.get(page).content.decode()
    assert body.count('juliste.pdf"') == 5


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        ([{"fi": "", "sv": "Jag trivdes."}], "needs a Finnish text (line 1)"),
        ([{"fi": "x" * 301}], "at most 300 characters"),
        ([{"fi": ""}, {"sv": ""}], "at least one statement"),
        ([{"fi": f"Väite {n}"} for n in range(11)], "at most 10 statements"),
        ([{"fi": "Viihdyin."}], "Attach the form"),  # nothing to attach it to
    ],
)
def test_a_form_with_bad_statements_is_refused_with_its_message_and_nothing_saved(
    statements, message
):
    from django.utils import translation

    from participation.feedback_authoring import feedback_form_save

    service = "" if message == "Attach the form" else "Avoin kohtaamispaikka"
    with translation.override("en"):
        with pytest.raises(ParticipationError) as refused:
            feedback_form_save(
                actor=StaffFactory(),
                statements=statements,
                title_fi="Kahvila",
                open_question_fi="Mitä toivot?",
                service=service,
            )
        assert message in str(refused.value)
    assert not FeedbackForm.objects.exists()


def test_a_form_without_statements_takes_no_answers():
    form = FeedbackFormFactory()
    form.statements.all().delete()
    with pytest.raises(ParticipationError, match="ei ole vielä väittämiä"):
        feedback.feedback_answer(actor=None, session_key="k", form=form, ratings={})
    assert not FeedbackAnswer.objects.exists()


def test_the_database_refuses_a_form_attached_to_nothing():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match="feedback_form_attached"), transaction.atomic():
        FeedbackForm.objects.create(title_fi="Kahvila", open_question_fi="Mitä toivot?")
