"""A local HTTP server on loopback that answers like Sotkanet and PxWeb with the real
sample answers of the project's shared data (indicators/SOURCES.md there), read in
place. The folder is found through SHARED_DATA_DIR, by default ``../shared/data``
beside the repository; tests that need it skip when it is not there."""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("SHARED_DATA_DIR", REPOSITORY.parent / "shared" / "data"))
INDICATORS = SHARED_DATA / "indicators"


def sample(name: str) -> bytes:
    if not INDICATORS.is_dir():
        pytest.skip(f"shared indicator samples not found at {INDICATORS} (set SHARED_DATA_DIR)")
    return (INDICATORS / name).read_bytes()


class Source:
    """routes: {path: (status, body bytes, content type)}; requests keeps what was asked."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        source = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                source.requests.append((self.command, self.path, body))
                path = urlsplit(self.path).path
                status, content, kind = source.routes.get(path, (404, b"not found", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path, content, status=200, kind="application/json"):
        self.routes[path] = (status, content, kind)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def source():
    server = Source()
    server.thread.start()
    yield server
    server.close()
