"""A workshop's comments in bulk from CSV or XLSX: the dry run names every row's problem
and saves nothing; the real run saves all rows or none."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from participation import importing
from participation.errors import ParticipationError
from participation.models import Comment
from tests.factories.organisations import MunicipalityFactory, StaffFactory, UserFactory
from tests.factories.participation import SectionFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    workshop = WorkshopFactory()
    SectionFactory(consultation=workshop.consultation, title_fi="Tilat", order=1)
    SectionFactory(consultation=workshop.consultation, title_fi="Viestintä", order=2)
    MunicipalityFactory(code="684", name_fi="Rauma", name_sv="Raumo", name_en="Rauma")
    return workshop


def csv_file(text, name="kommentit.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("kommentit.xlsx", out.getvalue())


GOOD = "osio;kommentti;kunta;kieli;nimi\n1;Lisää iltatilaisuuksia;;;\nViestintä;Mer info på svenska;Raumo;sv;Anna\n"


def run(workshop, upload, dry_run):
    return importing.comments_import(
        actor=StaffFactory(), workshop=workshop, upload=upload, dry_run=dry_run
    )


def test_a_good_csv_is_checked_then_saved(workshop):
    result = run(workshop, csv_file(GOOD), dry_run=True)
    assert result.ok and len(result.rows) == 2
    assert not Comment.objects.exists()
    result = run(workshop, csv_file(GOOD), dry_run=False)
    assert result.saved == 2
    first, second = Comment.objects.order_by("pk")
    assert (first.section.title_fi, first.municipality, first.language, first.workshop) == (
        "Tilat",
        workshop.municipality,
        "fi",
        workshop,
    )
    assert (second.section.title_fi, second.municipality.name_fi, second.language, second.name) == (
        "Viestintä",
        "Rauma",
        "sv",
        "Anna",
    )


def test_a_good_xlsx_is_saved(workshop):
    rows = [
        ["Section", "Comment", "Municipality"],
        [2, "Parempi nettisivu", 684],
        [1, "Kahvia", None],
    ]
    result = run(workshop, xlsx_file(rows), dry_run=False)
    assert result.saved == 2
    assert Comment.objects.get(text="Parempi nettisivu").municipality.code == "684"


def test_the_dry_run_names_every_rows_problem_and_the_real_run_saves_nothing(workshop):
    bad = (
        "osio,kommentti,kunta,kieli\n"
        "1,Hyvä,,\n"
        "9,Osio puuttuu,,\n"
        ",,,\n"
        "2,,Atlantis,de\n"
        "1,<b></b>,,\n"
        f"1,{'x' * 2001},,\n"
    )
    with translation.override("en"):
        result = run(workshop, csv_file(bad), dry_run=True)
        problems = {row.number: row.problems for row in result.problems}
        assert set(problems) == {3, 5, 6, 7}  # row 4 is blank
        assert problems[3] == ["No section “9” in this consultation."]
        assert problems[5] == [
            "The comment is empty.",
            "Unknown municipality “Atlantis”.",
            "The language must be fi, sv or en, not “de”.",
        ]
        assert problems[6] == ["The comment is empty."]
        assert "too long" in problems[7][0]
        with pytest.raises(ParticipationError) as error:
            run(workshop, csv_file(bad), dry_run=False)
        assert "4 rows have problems; nothing was saved" in " ".join(error.value.messages)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file(""), "The file is empty."),
        (csv_file("a;b\n1;2\n"), "missing: osio, kommentti"),
        (csv_file("osio;kommentti\n"), "no comments under its first row"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.4 rubbish"), "Save the file as CSV"),
        (SimpleUploadedFile("x.csv", "ä".encode("latin-1") * 10), "Save the file as CSV"),
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken"), "Save the file as CSV"),
    ],
)
def test_unreadable_files_are_refused(workshop, upload, message):
    with translation.override("en"):
        with pytest.raises(ParticipationError) as error:
            run(workshop, upload, dry_run=True)
        assert message in " ".join(error.value.messages)
    assert error.value.field == "file"


def test_only_staff_import(workshop):
    with pytest.raises(PermissionDenied):
        importing.comments_import(
            actor=UserFactory(), workshop=workshop, upload=csv_file(GOOD), dry_run=True
        )
