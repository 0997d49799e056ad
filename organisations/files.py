"""Private uploaded files of the partnership network (partnership documents, meeting
agendas and minutes): stored outside MEDIA_ROOT with no public URL, their type sniffed
from the content (never the name or the browser's claim), their size limited by the
NETWORK_DOCUMENT_MAX_BYTES setting."""

import uuid

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.uploads import (
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    TEXT,
    XLSX,
    check_upload,
    private_storage,
)

# Migrations name organisations.files.private_storage as the fields' storage.
__all__ = ["private_storage"]

# The extension a stored file gets, from its sniffed type.
EXTENSIONS = {
    PDF: ".pdf",
    ODT: ".odt",
    ODS: ".ods",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PNG: ".png",
    JPEG: ".jpg",
    TEXT: ".txt",
}
ALLOWED_TYPES = frozenset(EXTENSIONS)


def validate_document(upload):
    """Raise a translated ValidationError when the file is too large or of a type that
    is not allowed. Used by the model fields, so forms and the admin check alike."""
    check_upload(
        upload,
        limit=settings.NETWORK_DOCUMENT_MAX_BYTES,
        allowed=ALLOWED_TYPES,
        too_large=_("The file is too large (%(size)s). The largest allowed is %(limit)s."),
        wrong_type=_(
            "This type of file is not accepted. Upload a PDF, a text document "
            "(ODT, DOCX or plain text), a spreadsheet (ODS, XLSX) or an image (PNG, JPEG)."
        ),
    )


def _random_name(folder: str) -> str:
    # The uploader's file name never becomes a path; the download name comes from the
    # title and the sniffed type.
    return f"{folder}/{uuid.uuid4().hex}"


def partnership_document_path(instance, filename):
    return _random_name("partnerships")


def meeting_file_path(instance, filename):
    return _random_name("meetings")


def download_name(title: str, content_type: str) -> str:
    """A safe ASCII-ish file name for Content-Disposition."""
    base = "".join(c if c.isalnum() or c in "-_" else "-" for c in title).strip("-")[:80]
    return f"{base or 'file'}{EXTENSIONS.get(content_type, '')}"
