"""The annual report never leaves a heading alone at the foot of a page (issue 16): the
laid-out pages are read from WeasyPrint itself, and each heading must share its page
with what follows it. Rendered to PNG (pdftoppm) under test-artifacts/ for a look."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from core.pdf import local_url_fetcher
from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.annual_report import render_report_html

from .data import YEAR, build_year

pytestmark = pytest.mark.django_db


def flow(box):
    """The page's boxes in document order, with their element's tag."""
    yield box
    for child in getattr(box, "children", []):
        yield from flow(child)


def orphan_headings(document) -> list[str]:
    found = []
    for number, page in enumerate(document.pages[:-1], start=1):
        headings = [
            box
            for box in flow(page._page_box)
            if getattr(box, "element_tag", None) in {"h2", "h3", "caption"}
        ]
        if not headings:
            continue
        last = headings[-1]
        after = [
            box
            for box in flow(page._page_box)
            if box.position_y > last.position_y + last.height
            and getattr(box, "element_tag", None) in {"p", "table", "figure", "ul", "tr"}
        ]
        if not after:
            found.append(f"page {number} ends with a heading")
    return found


def test_no_heading_is_left_alone_at_the_foot_of_a_page(tmp_path):
    """The same report pushed down by 0 to 250 mm, so that every heading meets the foot
    of a page in one of the layouts."""
    from weasyprint import HTML

    build_year()
    report = AnnualReport.objects.create(year=YEAR, language="fi")
    html = render_report_html(report)
    for offset in range(0, 260, 10):
        pushed = html.replace("<body>", f'<body><div style="height: {offset}mm"></div>', 1)
        document = HTML(
            string=pushed,
            base_url=str(settings.BASE_DIR / "static"),
            url_fetcher=local_url_fetcher(),
        ).render()
        assert not orphan_headings(document), offset
    document = HTML(
        string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=local_url_fetcher()
    ).render()
    language = "fi"
    artifacts = Path(settings.BASE_DIR) / "test-artifacts" / "annual"
    if shutil.which("pdftoppm"):
        artifacts.mkdir(parents=True, exist_ok=True)
        pdf = tmp_path / "annual.pdf"
        document.write_pdf(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(pdf), str(artifacts / language)], check=True
        )
