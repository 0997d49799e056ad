"""The load driver: N clients, each a thread with its own keep-alive HTTP connection,
sending requests back to back (no think time) for a fixed time. A closed loop like
this is what "8 concurrent clients" means here: latency includes the time a request
waits for a free gunicorn worker.

Standard library only, so that the driver costs little of the two cores it shares
with the server and the database."""

from __future__ import annotations

import gzip
import http.client
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import quantiles

QUERY_HEADER = "X-Query-Count"
TIME_HEADER = "X-Server-Time"


@dataclass
class Request:
    path: str
    method: str = "GET"
    body: dict | str | None = None
    headers: dict = field(default_factory=dict)
    expect: int = 200


@dataclass
class Endpoint:
    """One row of the results: a name and the requests that exercise it, taken in turn
    (``requests(i)`` gives the i-th request, so that POSTs can each book a new slot)."""

    name: str
    requests: Callable[[int], Request]
    note: str = ""
    # Says after a run whether the endpoint kept its promise (e.g. a capacity).
    check: Callable[[], str] | None = None


@dataclass
class Result:
    name: str
    seconds: float
    latencies: list[float]
    queries: list[int]
    unexpected: dict[int, int]
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        """The p-th percentile latency in milliseconds."""
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    @property
    def query_range(self) -> str:
        if not self.queries:
            return "–"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def queries(self) -> int | None:
        value = self.headers.get(QUERY_HEADER.lower())
        return int(value) if value is not None else None

    @property
    def server_ms(self) -> float | None:
        """Milliseconds the portal spent on the request (from its middleware on)."""
        value = self.headers.get(TIME_HEADER.lower())
        return float(value) if value is not None else None


class Client:
    """One keep-alive connection; reconnects when the server closes it."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.connection = None

    def send(self, request: Request) -> tuple[int, int | None]:
        reply = self.exchange(request)
        return reply.status, reply.queries

    def exchange(self, request: Request) -> Reply:
        """Send the request; its status, headers (lower-case names) and body. A dict body
        goes as JSON, a string one as it is (with the Content-Type the request gives)."""
        body = None
        # As browsers and calendar clients do: the feeds and the API answer gzip to them.
        headers = {
            "Host": f"{self.host}:{self.port}",
            "Accept-Encoding": "gzip",
            **request.headers,
        }
        if isinstance(request.body, str):
            body = request.body.encode()
        elif request.body is not None:
            body = json.dumps(request.body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.connection.request(request.method, request.path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            headers = {name.lower(): value for name, value in response.getheaders()}
            if headers.get("content-encoding") == "gzip":
                content = gzip.decompress(content)
            return Reply(response.status, headers, content)
        raise AssertionError("unreachable")


def _send(client: Client, request: Request, latencies, queries, unexpected) -> None:
    """Send one request and record its latency, query count and unexpected status."""
    began = time.perf_counter()
    status, query_count = client.send(request)
    latencies.append(time.perf_counter() - began)
    if query_count is not None:
        queries.append(query_count)
    if status != request.expect:
        unexpected[status] = unexpected.get(status, 0) + 1


def drive(host: str, port: int, endpoint: Endpoint, *, clients: int, seconds: float) -> Result:
    """Run ``clients`` closed-loop clients against the endpoint for ``seconds``."""
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    queries: list[int] = []
    unexpected: dict[int, int] = {}
    started = time.perf_counter()
    deadline = started + seconds

    def client_loop():
        client = Client(host, port)
        own_latencies, own_queries, own_unexpected = [], [], {}
        while time.perf_counter() < deadline:
            with lock:
                request = endpoint.requests(next(counter))
            _send(client, request, own_latencies, own_queries, own_unexpected)
        with lock:
            latencies.extend(own_latencies)
            queries.extend(own_queries)
            for status, n in own_unexpected.items():
                unexpected[status] = unexpected.get(status, 0) + n

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Result(endpoint.name, elapsed, latencies, queries, unexpected, endpoint.note)


def sequential(host: str, port: int, request: Request, *, times: int) -> Result:
    """One client, ``times`` requests in a row: the latency of a single user."""
    client = Client(host, port)
    latencies, queries, unexpected = [], [], {}
    started = time.perf_counter()
    for _ in range(times):
        _send(client, request, latencies, queries, unexpected)
    return Result(request.path, time.perf_counter() - started, latencies, queries, unexpected)


@dataclass
class Single:
    """Requests sent one at a time, with no other load: the server's own time each."""

    name: str
    server_ms: list[float]
    unexpected: dict[int, int]

    def percentile(self, p: int) -> float:
        if not self.server_ms:
            return float("nan")
        if len(self.server_ms) == 1:
            return self.server_ms[0]
        return quantiles(self.server_ms, n=100, method="inclusive")[p - 1]


def single_requests(host: str, port: int, endpoint: Endpoint, *, times: int) -> Single:
    """``times`` requests of the endpoint (its variants in turn), one at a time, after
    one unmeasured round of warm-up over the same variants."""
    client = Client(host, port)
    server_ms, unexpected = [], {}
    for i in range(times * 2):
        request = endpoint.requests(i % times)
        reply = client.exchange(request)
        if reply.status != request.expect:
            unexpected[reply.status] = unexpected.get(reply.status, 0) + 1
        if i >= times and reply.server_ms is not None:
            server_ms.append(reply.server_ms)
    return Single(endpoint.name, server_ms, unexpected)
