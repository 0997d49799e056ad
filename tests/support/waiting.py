"""Waiting for another process (a worker, a server) without a fixed sleep: poll a
condition until it holds, and fail with what was awaited when it does not in time."""

import time


def wait_for(condition, timeout: float, what: str):
    """Return as soon as ``condition()`` is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
