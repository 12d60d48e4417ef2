"""``scaffold serve``'s own server: the standard library's WSGI server, a
thread a request (rendering itself is serialized by the application)."""

from __future__ import annotations

import contextlib
import ipaddress
import threading
from collections.abc import Callable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ..errors import ScaffoldError

MAX_CONNECTIONS = 64  # served at once; more wait in the listen queue


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """A thread a connection, at most :data:`MAX_CONNECTIONS` at once: a
    flood of connections waits in the listen queue instead of taking every
    thread and file descriptor of the process."""

    daemon_threads = True  # a stalled client does not keep Ctrl-C waiting
    request_queue_size = 128

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class QuietHandler(WSGIRequestHandler):
    """One line a request on stderr, without reverse DNS lookups; a client
    silent for ``timeout`` seconds is dropped."""

    timeout = 15

    def address_string(self) -> str:
        return str(self.client_address[0])


def is_loopback(host: str) -> bool:
    """Whether ``host`` is an address of this machine only (127.0.0.0/8,
    ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may stand for any address
        return False


def serve(app: Callable, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve ``app`` on ``host``:``port`` (0: any free port) until Ctrl-C;
    ``ready`` is told the URL once the socket listens."""
    try:
        server = make_server(host, port, app, ThreadingServer, QuietHandler)
    except OSError as error:
        raise ScaffoldError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    # Ctrl-C or SIGTERM, even right after the URL is printed, stops it.
    with server, contextlib.suppress(KeyboardInterrupt):
        ready(f"http://{host}:{server.server_address[1]}/")
        server.serve_forever()
