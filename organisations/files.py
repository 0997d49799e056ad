"""Private uploaded files of the partnership network (partnership documents, meeting
agendas and minutes): stored outside MEDIA_ROOT with no public URL, their type sniffed
from the content (never the name or the browser's claim), their size limited by the
NETWORK_DOCUMENT_MAX_BYTES setting."""

import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

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


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read when used, so tests can point it elsewhere).
    ``url()`` raises: the only way to a file is a view that checks permission."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage


def _zip_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in (ODT, ODS) else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end in the middle of a character.
        if error.start < len(head) - 3:
            return False
    return True


def sniff_content_type(upload) -> str | None:
    """The type of the file from its first bytes (and, for ZIP-based office files, its
    table of contents); None when it is none of the allowed types."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_type(upload)
        upload.seek(0)
        return kind
    if head and _is_text(head):
        return TEXT
    return None


def validate_document(upload):
    """Raise a translated ValidationError when the file is too large or of a type that
    is not allowed. Used by the model fields, so forms and the admin check alike."""
    limit = settings.NETWORK_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    if not getattr(upload, "_committed", False) and sniff_content_type(upload) is None:
        raise ValidationError(
            _(
                "This type of file is not accepted. Upload a PDF, a text document "
                "(ODT, DOCX or plain text), a spreadsheet (ODS, XLSX) or an image (PNG, JPEG)."
            ),
            code="file_type",
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
