"""A picture uploaded on the first step of the event form, kept until the event is
saved on the last: the file waits in the private storage (no address anyone could
open) and the form carries a signed token naming it, bound to the person. A token
that is forged, another person's or older than a day names nothing. Files left behind
by forms never finished are swept after a day."""

import base64
import secrets
import time

from django.core import signing
from django.core.files import File

from core.uploads import private_storage, sniff_image_type

FOLDER = "event-pending"
SALT = "events.pending-image"
MAX_AGE = 24 * 3600
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}


def keep(upload, user) -> str:
    """Store an uploaded (already validated) image; the token that names it."""
    _sweep()
    upload.seek(0)
    content_type = sniff_image_type(upload.read(16))
    upload.seek(0)
    name = private_storage().save(
        f"{FOLDER}/{secrets.token_hex(16)}{EXTENSIONS.get(content_type, '')}", upload
    )
    return signing.dumps({"name": name, "user": user.pk}, salt=SALT)


def name_of(token: str | None, user) -> str | None:
    """The stored file a token names, or None."""
    if not token:
        return None
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    name = value.get("name", "")
    if value.get("user") != user.pk or not name.startswith(f"{FOLDER}/"):
        return None
    return name if private_storage().exists(name) else None


def open_file(name: str) -> File:
    """The kept image as a file to save into an event."""
    return File(private_storage().open(name), name=name.rsplit("/", 1)[-1])


def data_url(name: str) -> str:
    """The kept image inline, for the preview (the page's policy allows data: images)."""
    with private_storage().open(name) as handle:
        content = handle.read()
    content_type = sniff_image_type(content[:16]) or "application/octet-stream"
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def discard(name: str | None):
    if name:
        private_storage().delete(name)


def _sweep():
    storage = private_storage()
    try:
        _folders, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = time.time() - MAX_AGE
    for filename in files:
        path = f"{FOLDER}/{filename}"
        if storage.get_modified_time(path).timestamp() < limit:
            storage.delete(path)
