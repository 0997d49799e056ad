"""Uploaded files, for every app: the one content sniffer (a file's type is read from its
first bytes, never its name or the browser's claim), the check of public images (room
photos, event images, limited by settings.IMAGE_UPLOAD_MAX_BYTES) and the private
storage that documents, minutes and reports live in, with no public URL."""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
TEXT = "text/plain"

IMAGE_TYPES = frozenset({PNG, JPEG, GIF, WEBP})

# The first bytes of each type that has a signature of its own.
SIGNATURES = {
    b"%PDF-": PDF,
    b"\x89PNG\r\n\x1a\n": PNG,
    b"\xff\xd8\xff": JPEG,
    b"GIF87a": GIF,
    b"GIF89a": GIF,
}
ZIP_SIGNATURE = b"PK\x03\x04"


def sniff_head(head: bytes) -> str | None:
    """The type that a file's first bytes (16 are enough) announce, or None."""
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def sniff_image_type(head: bytes) -> str | None:
    """The image type of a file's first bytes; None for anything but an image."""
    content_type = sniff_head(head)
    return content_type if content_type in IMAGE_TYPES else None


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
    """The type of an uploaded file from its first bytes (and, for ZIP-based office
    files, its table of contents); None when it is none that the portal knows."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    try:
        if kind := sniff_head(head):
            return kind
        if head.startswith(ZIP_SIGNATURE):
            return _zip_type(upload)
        if head and _is_text(head):
            return TEXT
        return None
    finally:
        upload.seek(position)


def check_upload(upload, *, limit: int, allowed, too_large, wrong_type):
    """Raise a translated ValidationError when a new upload is larger than ``limit``
    bytes (``too_large`` takes %(size)s and %(limit)s) or its sniffed type is not in
    ``allowed`` (``wrong_type``). A file already stored is not checked again."""
    if getattr(upload, "_committed", True) and not hasattr(upload, "content_type"):
        return
    if upload.size > limit:
        raise ValidationError(
            too_large,
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    if sniff_content_type(upload) not in allowed:
        raise ValidationError(wrong_type, code="file_type")


def validate_image_upload(upload):
    """A model field validator of public images: forms, the admin and full_clean() all
    run it."""
    check_upload(
        upload,
        limit=settings.IMAGE_UPLOAD_MAX_BYTES,
        allowed=IMAGE_TYPES,
        too_large=_("The image is too large (%(size)s). The largest allowed is %(limit)s."),
        wrong_type=_("Upload the image as PNG, JPEG, GIF or WebP."),
    )


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


def _move_files(model, field_name: str, *, source, target):
    """Move the files of a model's FileField between storages, keeping each name unless
    the target already has one by it; a file missing from the source is skipped."""
    rows = model._base_manager.exclude(**{field_name: ""}).values_list("pk", field_name)
    for pk, name in rows.iterator():
        if not source.exists(name):
            continue
        with source.open(name, "rb") as handle:
            stored = target.save(name, handle)
        source.delete(name)
        if stored != name:
            model._base_manager.filter(pk=pk).update(**{field_name: stored})


def move_to_private_storage(model, field_name: str = "file"):
    """For a data migration: files that were stored under MEDIA_ROOT move to the private
    storage, where only a view that checks permission reaches them."""
    _move_files(model, field_name, source=default_storage, target=private_storage())


def move_to_media_root(model, field_name: str = "file"):
    """The reverse of move_to_private_storage."""
    _move_files(model, field_name, source=private_storage(), target=default_storage)
