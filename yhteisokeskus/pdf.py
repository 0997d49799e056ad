"""HTML to PDF with WeasyPrint, fetching nothing but the project's own static files.

Every PDF of the portal goes through html_to_pdf, so that a template (or a value shown in
it) can never make the worker fetch a remote address or read a file outside static/."""

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


def local_url_fetcher(url: str, timeout=10, ssl_context=None):
    """WeasyPrint's url_fetcher: file: URLs inside the static folders, and data: URLs,
    which WeasyPrint decodes itself; everything else is refused."""
    from weasyprint import default_url_fetcher

    parsed = urlparse(url)
    if parsed.scheme == "data":
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if any(path.is_relative_to(root) for root in _static_roots()) and path.is_file():
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ForbiddenResource(f"PDF rendering may not fetch {url}")


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango and friends, which only the workers and the
    # report command need, not every web process.
    from weasyprint import HTML

    return HTML(
        string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=local_url_fetcher
    ).write_pdf()
