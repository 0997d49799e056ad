"""A real SMTP server (aiosmtpd) in the test process, for tests whose mail is sent by a
real worker in another process. It keeps every message it accepts; ``hold_after(n)``
makes it stop answering the sender of message n + 1 at MAIL FROM (before any data), so
a test can kill the sending worker while that message is in flight and know that it
was never delivered."""

import asyncio
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.hold_at: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.started = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.started += 1
            hold = self.hold_at is not None and self.started > self.hold_at
        if hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "421 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.handler = _Handler()
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.handler.release.set()
        self.controller.stop()

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def hold_after(self, count: int):
        self.handler.hold_at = count

    def release(self):
        self.handler.hold_at = None
        self.handler.release.set()

    def env(self) -> dict:
        """What a worker needs to send here."""
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false"}
