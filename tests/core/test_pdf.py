"""PDFs fetch nothing but the project's own static files."""

import io

import pytest
from pypdf import PdfReader

from core.pdf import ForbiddenResource, html_to_pdf, local_url_fetcher


def test_renders_text_with_local_css():
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" href="css/site.css"></head>'
        "<body><p>Yhteisökeskus äö</p></body></html>"
    )
    assert "Yhteisökeskus äö" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:1/x.png", "https://example.org/a.css", "file:///etc/passwd"],
)
def test_refuses_anything_but_static_files(url):
    with pytest.raises(ForbiddenResource):
        local_url_fetcher().fetch(url)


def test_fetches_a_static_file():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").as_uri()
    response = local_url_fetcher().fetch(css)
    try:
        assert b"font" in response.read()
    finally:
        response.close()


def test_a_remote_image_in_html_is_not_fetched():
    # WeasyPrint logs and skips a resource its fetcher refuses; the PDF is still made.
    pdf = html_to_pdf('<p>Kuva</p><img src="http://127.0.0.1:1/tracker.png" alt="">')
    assert pdf.startswith(b"%PDF")
