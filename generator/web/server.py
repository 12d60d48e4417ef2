"""``scaffold serve``'s own server: the standard library's WSGI server, a
thread a request (rendering itself is serialized by the application)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ..errors import ScaffoldError


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a stalled client does not keep Ctrl-C waiting


class QuietHandler(WSGIRequestHandler):
    """One line a request on stderr, without reverse DNS lookups."""

    def address_string(self) -> str:
        return str(self.client_address[0])


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
