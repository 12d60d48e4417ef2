"""Where a request came from, when reverse proxies stand in front of the app.

A proxy tells the app the client's address, the scheme and the host it was
asked for in ``X-Forwarded-*`` headers. Anyone can send those headers, so they
count only when the request comes straight from a proxy the app knows: one
whose address is in ``FORWARDED_ALLOW_IPS``, the variable gunicorn reads for
the same purpose.
"""

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(addresses: str) -> list[Network] | None:
    """The networks in a comma-separated list of addresses and networks
    (``127.0.0.1,::1,172.30.0.0/24``); ``None`` for ``*``, any address."""
    items = [item.strip() for item in addresses.split(",") if item.strip()]
    if "*" in items:
        return None
    try:
        return [ipaddress.ip_network(item, strict=False) for item in items]
    except ValueError as error:
        raise RuntimeError(f"FORWARDED_ALLOW_IPS: {error}") from None


def is_in(address: str | None, networks: Iterable[Network] | None) -> bool:
    if networks is None:
        return True
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:  # a Unix socket's peer has no address
        return False
    return any(ip in network for network in networks)


class TrustedProxies:
    """WSGI middleware: Werkzeug's ProxyFix for the ``count`` proxies in front
    of the app, applied only to requests from the addresses in
    ``allowed``; other requests lose their ``X-Forwarded-*`` headers."""

    def __init__(self, app: WSGIApp, count: int, allowed: str) -> None:
        self.app = app
        self.networks = parse_networks(allowed)
        self.fixed = ProxyFix(
            app, x_for=count, x_proto=count, x_host=count, x_prefix=count
        )

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if is_in(environ.get("REMOTE_ADDR"), self.networks):
            return self.fixed(environ, start_response)
        for key in [key for key in environ if key.startswith("HTTP_X_FORWARDED_")]:
            del environ[key]
        return self.app(environ, start_response)
