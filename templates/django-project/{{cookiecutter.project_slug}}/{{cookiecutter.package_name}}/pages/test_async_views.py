"""The async example view, and what ASGI buys: one worker serves many
requests that wait for I/O at the same time."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.urls import reverse

from .async_views import UPSTREAM_SECONDS

PROJECT = Path(__file__).resolve().parents[2]


def test_upstream_status(client):
    response = client.get(reverse("pages:upstream_status"))
    assert response.status_code == 200
    assert response.json() == {"upstream": "ok"}


def get(port: int, path: str) -> int:
    """The status of ``GET path`` on 127.0.0.1:``port``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def one_worker() -> Iterator[int]:
    """The project served as gunicorn.conf.py says, with one worker, on a
    free port of 127.0.0.1 (test settings); the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
         "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "gunicorn exited"
            try:
                get(port, "/")
                break
            except ConnectionError:
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_one_worker_serves_waiting_requests_at_once(one_worker: int) -> None:
    count = 20
    started = time.monotonic()
    with ThreadPoolExecutor(count) as pool:
        paths = ["/upstream-status/"] * count
        statuses = list(pool.map(lambda path: get(one_worker, path), paths))
    elapsed = time.monotonic() - started
    assert statuses == [200] * count
    # One at a time, they would take count x UPSTREAM_SECONDS (10 s); on a
    # threaded WSGI worker's four threads, count / 4 x UPSTREAM_SECONDS (2.5 s).
    assert elapsed < 3 * UPSTREAM_SECONDS
