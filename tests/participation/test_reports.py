"""Participation's PDF reports (a consultation's and the participation model's) through
core's report pipeline, and the participation model's figures in the annual report."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from participation.models import (
    Action,
    ConsultationReport,
    FeedbackAnswer,
    FeedbackRating,
    Measurement,
    PollAnswer,
)
from participation.reports import QUERIES, annual_figures
from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import (
    ActionFactory,
    CommentFactory,
    FeedbackFormFactory,
    GoalFactory,
    IndicatorFactory,
    PollOptionFactory,
    SectionFactory,
    StrategyItemFactory,
    ThemeFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def traced():
    """A consultation with a poll and a workshop's comments coded with a theme that a
    goal answers; the goal's indicator is half-way to its target."""
    rauma = MunicipalityFactory(code="684", name_fi="Rauma", name_sv="Raumo")
    section = SectionFactory(consultation__title_fi="Yhdistysstrategia", title_fi="Tilat")
    option = PollOptionFactory(poll__section=section, poll__question_fi="Mikä puuttuu?")
    PollAnswer.objects.create(poll=option.poll, option=option, voter_key="s1")
    workshop = WorkshopFactory(
        consultation=section.consultation, place="Nortamo-sali", municipality=rauma
    )
    comments = CommentFactory.create_batch(
        3, section=section, workshop=workshop, municipality=rauma
    )
    CommentFactory(section=section)  # online, not coded
    theme = ThemeFactory(consultation=section.consultation, name_fi="Kohtaamispaikat")
    theme.comments.set(comments[:2])
    goal = GoalFactory(title_fi="Avoimia tiloja lisää")
    goal.themes.add(theme)
    goal.comments.add(comments[2])
    indicator = IndicatorFactory(goal=goal, name_fi="Avoimet illat", baseline=10, target=20)
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2026, 6, 1), value=15)
    StrategyItemFactory(title_fi="Tilat kaikille").goals.add(goal)
    return section.consultation


def test_staff_get_the_consultation_report_in_swedish(
    client, traced, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(StaffFactory())
    with translation.override("sv"):
        start = reverse("participation:consultation_report_start", args=[traced.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start)
    report = ConsultationReport.objects.get(consultation=traced)
    assert report.language == "sv" and report.status == ConsultationReport.Status.DONE
    assert response.url == report.get_absolute_url()
    download = client.get(report.get_download_url())
    data = b"".join(download.streaming_content)
    text = pdf_text(data)
    for expected in (
        "Yhdistysstrategia",
        "Kommentarer per kommun",
        "Raumo 3",  # comments by municipality, its name in Swedish
        "Nortamo-sali",
        "Mikä puuttuu?",
        "Kohtaamispaikat",
        "Avoimia tiloja lisää",
        "50 %",
    ):
        assert expected in text, expected


def test_the_model_report_from_the_command_traces_goals_to_comments(traced, tmp_path):
    goal = traced.themes.get().goals.get()
    ActionFactory(goals=[goal], title_fi="Iltakahvila kirjastoon", progress=30, weight=2)
    target = tmp_path / "model.pdf"
    call_command("report", "participation-model", "--language", "fi", "--output", str(target))
    text = pdf_text(target.read_bytes())
    for expected in (
        "Osallisuusmalli",
        "Tilat kaikille",
        "Avoimia tiloja lisää",
        "Avoimet illat (kpl)",
        "Kohtaamispaikat (2)",  # the theme's coded comments
        "3 kommenttia",  # two through the theme, one linked directly
        "50 %",
        "Iltakahvila kirjastoon",  # the goal's action with its status and progress
        "Käynnissä",
        "30 %",
    ):
        assert expected in text, expected


def test_annual_figures_of_goals_and_feedback(traced, django_assert_num_queries):
    GoalFactory(starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2025, 12, 31))
    cafe, library = FeedbackFormFactory(title_fi="Kahvila"), FeedbackFormFactory()
    in_2026 = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)

    def answer(form, rating, at):
        row = FeedbackAnswer.objects.create(form=form, author_key="s", created_at=at)
        FeedbackRating.objects.create(answer=row, statement=form.statements.get(), rating=rating)

    for form, rating in ((cafe, 5), (cafe, 4), (library, 2)):
        answer(form, rating, in_2026)
    answer(library, 1, in_2026.replace(year=2025))
    by_actions = GoalFactory(
        title_fi="Toimenpitein", progress_source="actions", starts_on=datetime.date(2026, 1, 1)
    )
    ActionFactory(goals=[by_actions], progress=20, weight=3)
    ActionFactory(goals=[by_actions], progress=100, status="done", weight=1)
    ActionFactory(  # ran the year before
        goals=[by_actions], starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 6, 1)
    )
    with django_assert_num_queries(QUERIES):
        figures = annual_figures(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert [goal.title for goal in figures.goals] == ["Avoimia tiloja lisää", "Toimenpitein"]
    assert [goal.progress_percent for goal in figures.goals] == [50, 42]  # (3 × 20 + 100 + 50) / 5
    assert [(str(label), n) for label, n in figures.actions_by_status] == [
        (str(Action.Status.IN_PROGRESS.label), 1),
        (str(Action.Status.DONE.label), 1),
    ]
    assert figures.actions == 2
    assert [(f.title, f.answer_count, str(f.mean_rating)) for f in figures.feedback_forms] == [
        ("Kahvila", 2, "4.5"),
        (library.title, 1, "2.0"),
    ]
    assert (figures.feedback_answers, str(figures.feedback_mean)) == (3, "3.7")
    early = annual_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert early.feedback_answers == 1 and len(early.goals) == 1


def test_staff_download_every_comment_as_xlsx_in_a_constant_number_of_queries(
    traced, client, django_assert_max_num_queries
):
    from openpyxl import load_workbook

    hidden = traced.sections.first().comments.first()
    hidden.hidden_at, hidden.hidden_reason = hidden.created_at, "Henkilötietoja"
    hidden.save()
    client.force_login(StaffFactory())
    url = reverse("participation:comments_xlsx", args=[traced.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Numero", "Osio", "Vastaus kommenttiin", "Kommentti")
    assert len(rows) == 1 + 4  # every comment, the hidden one too
    by_number = {row[0]: row for row in rows[1:]}
    coded = [row for row in rows[1:] if row[10] == "Kohtaamispaikat"]
    assert len(coded) == 2 and all(row[5] == "Rauma" for row in coded)
    assert any(row[11] == "Avoimia tiloja lisää" for row in rows[1:])
    assert by_number[hidden.pk][14] == "Henkilötietoja"
    # More comments, the same queries.
    CommentFactory.create_batch(5, section=traced.sections.first())
    with django_assert_max_num_queries(12):
        assert len(list(load_workbook(io.BytesIO(client.get(url).content)).active.values)) == 10
