"""HTML to PDF with WeasyPrint, fetching nothing but the project's own static files.

Every PDF of the portal goes through html_to_pdf, so that a template (or a value shown in
it) can never make the worker fetch a remote address or read a file outside static/."""

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings


class ForbiddenResource(ValueError):
    pass


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def check_resource(url: str):
    """data: URLs, and file: URLs of files inside the static folders; nothing else."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if path.is_file() and any(path.is_relative_to(root) for root in _static_roots()):
            return
    raise ForbiddenResource(f"PDF rendering may not fetch {url}")


@cache
def _fetcher_class():
    # Imported here: WeasyPrint loads Pango and friends, which only the workers and the
    # report command need, not every web process.
    from weasyprint.urls import URLFetcher

    class LocalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            check_resource(url)
            return super().fetch(url, headers)

    return LocalURLFetcher


def local_url_fetcher():
    return _fetcher_class()(allowed_protocols=("file", "data"), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=local_url_fetcher()
    ).write_pdf()
