"""An email backend for tests that run a real worker in another process: it writes each
message to a file in $TEST_MAIL_DIR, and while $TEST_MAIL_DIR/hold exists it first
announces itself (the file `sending`) and waits, so a test can kill the worker mid-send."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FileDropBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["TEST_MAIL_DIR"])
        hold = folder / "hold"
        if hold.exists():
            (folder / "sending").touch()
            deadline = time.monotonic() + 120
            while hold.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        for message in email_messages:
            (folder / f"sent-{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
