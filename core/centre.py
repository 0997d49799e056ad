"""The centre's own settings (core.models.CentreSettings) as every page, email, PDF and
feed reads them, through current().

Each process keeps the row it read, with the version it read it at; the version lives in
the shared cache and a save or delete sets a new one (connected in CoreConfig.ready), so
an edit in the admin shows in every process at its next request. Reading the settings
costs no query while the version stands (one per process after each change), so it
adds nothing to a page's query count. Before staff have saved anything, current()
answers the defaults: the translated name "Resource centre" and CONTACT_EMAIL."""

import threading
import uuid
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

from . import pagecache

VERSION_KEY = "core:centre-settings:version"
_lock = threading.Lock()
_memo: dict = {}


def current():
    """The centre's settings: the saved row, or an unsaved one with the defaults."""
    from .models import CentreSettings

    version = cache.get(VERSION_KEY)
    kept = _memo.get("row")
    if kept is not None and _memo.get("version") == version:
        return kept
    try:
        row = CentreSettings.objects.filter(pk=1).first()
    except DatabaseError:  # the 503 page: the defaults, not kept
        return CentreSettings()
    row = row or CentreSettings()
    with _lock:
        _memo.update(row=row, version=version)
    return row


def forget() -> None:
    """Every process reads the row again at its next request."""
    with _lock:
        _memo.clear()
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    pagecache.bump("centre")


def changed(sender, **kwargs) -> None:
    forget()  # now, for the saving process's next read ...
    transaction.on_commit(forget)  # ... and after the commit, for everyone's


def site_domain() -> str:
    """The host (and port) of SITE_URL: what the portal's address is, for emails."""
    return urlparse(settings.SITE_URL).netloc


def from_address() -> str:
    """DEFAULT_FROM_EMAIL's address under the centre's name, in the current language."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = str(current().display_name).replace('"', "'")
    if any(c in name for c in ",;:<>@()[]\\"):
        name = f'"{name}"'
    return f"{name} <{address}>"  # Django encodes the header when it sends
