"""Residents' feedback: a rating and plain text by the form's short link, refused when
bad or too frequent; the printable poster carries the short link as a QR code."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participation import feedback
from participation.errors import ParticipationError
from participation.models import FeedbackAnswer
from participation.services import RATE_LIMIT_COMMENTS
from tests.factories.organisations import StaffFactory
from tests.factories.participation import FeedbackFormFactory

pytestmark = pytest.mark.django_db


def test_a_resident_answers_and_markup_is_kept_as_text(client):
    form = FeedbackFormFactory()
    url = reverse("participation:feedback", args=[form.code])
    response = client.post(url, {"text": "ei arvosanaa"})
    assert response.status_code == 400
    assert "Valitse arvio väliltä 1–5." in response.content.decode()
    assert not FeedbackAnswer.objects.exists()
    response = client.post(url, {"rating": "4", "text": "<b>Hyvä</b> kahvi & <3"})
    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get()
    assert (answer.rating, answer.text) == (4, "Hyvä kahvi & <3")
    assert answer.author_key.startswith("s")


def test_the_rate_limit_and_a_closed_form_refuse_answers():
    form = FeedbackFormFactory()
    for _ in range(RATE_LIMIT_COMMENTS):
        feedback.feedback_answer(actor=None, session_key="same", form=form, rating=5)
    with pytest.raises(ParticipationError):
        feedback.feedback_answer(actor=None, session_key="same", form=form, rating=5)
    closed = FeedbackFormFactory(is_active=False)
    with pytest.raises(ParticipationError):
        feedback.feedback_answer(actor=None, session_key="other", form=closed, rating=3)
    assert FeedbackAnswer.objects.count() == RATE_LIMIT_COMMENTS


def test_the_poster_is_a_pdf_with_the_short_link(client, settings):
    settings.SITE_URL = "https://yhteisokeskus.example"
    form = FeedbackFormFactory(title_fi="Avoin kohtaamispaikka")
    client.force_login(StaffFactory())
    response = client.get(reverse("participation:feedback_poster", args=[form.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Avoin kohtaamispaikka" in text
    assert f"https://yhteisokeskus.example/palaute/{form.code}/" in text
    page = client.get(reverse("participation:feedback_answers", args=[form.pk]))
    assert page.status_code == 200
