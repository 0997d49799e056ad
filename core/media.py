"""Serves the public uploads (room photos, event images) from MEDIA_ROOT, in development
and production alike, and nothing else from there.

Only folders listed in settings.PUBLIC_MEDIA_FOLDERS are served, and only image types,
with the type decided from the file's first bytes rather than its name. Everything else
uploaded (reports, documents, minutes, certificates) is served by the views of its app,
which check who may see it."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .uploads import sniff_image_type


@require_safe
def public_media(request, path: str):
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    relative = target.relative_to(root).as_posix()
    if not any(relative.startswith(folder) for folder in settings.PUBLIC_MEDIA_FOLDERS):
        raise Http404
    with target.open("rb") as handle:
        content_type = sniff_image_type(handle.read(16))
    if content_type is None:
        raise Http404
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
