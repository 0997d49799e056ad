"""Checks of uploaded public images (room photos, event images): the type is read from
the file's first bytes, never its name, and the size is limited by
settings.IMAGE_UPLOAD_MAX_BYTES. Private documents have their own checks
(organisations/files.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .media import sniff_image_type


def validate_image_upload(upload):
    """A model field validator: forms, the admin and full_clean() all run it."""
    if getattr(upload, "_committed", True) and not hasattr(upload, "content_type"):
        return  # a file already stored, not a new upload
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s). The largest allowed is %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if sniff_image_type(head) is None:
        raise ValidationError(_("Upload the image as PNG, JPEG, GIF or WebP."), code="image_type")
