"""Where a request came from, when reverse proxies stand in front of Django.

A proxy tells Django the client's address, and the scheme it was asked for,
in ``X-Forwarded-For`` and ``X-Forwarded-Proto`` (which
``SECURE_PROXY_SSL_HEADER`` reads). Anyone can send those headers, so they
count only when the request comes straight from an address in
``FORWARDED_ALLOW_IPS``, the variable gunicorn reads for the same purpose.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import MiddlewareMixin

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
)


class TrustedProxyMiddleware(MiddlewareMixin):
    """Takes the client's address from a known proxy's ``X-Forwarded-For``,
    and drops every ``X-Forwarded-*`` header that anyone else sent."""

    def __init__(self, get_response):
        super().__init__(get_response)
        allowed = settings.FORWARDED_ALLOW_IPS
        try:
            self.networks = (
                None
                if "*" in allowed
                else [ipaddress.ip_network(item, strict=False) for item in allowed]
            )
        except ValueError as error:
            raise ImproperlyConfigured(f"FORWARDED_ALLOW_IPS: {error}") from None

    def is_proxy(self, address):
        ip = parse_address(address)
        if self.networks is None or ip is None:
            return self.networks is None
        return any(ip in network for network in self.networks)

    def process_request(self, request):
        meta = request.META
        if not self.is_proxy(meta.get("REMOTE_ADDR", "")):
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
            return
        # Each proxy appends the address it was called from: the last one
        # that is not a known proxy's is the client (the first one, when
        # every address may be a proxy's).
        hops = meta.get("HTTP_X_FORWARDED_FOR", "").replace(" ", "").split(",")
        clients = [hop for hop in hops if not self.is_proxy(hop)]
        client = clients[-1] if clients else hops[0]
        if parse_address(client) is not None:
            meta["REMOTE_ADDR"] = client


def parse_address(text):
    """The IP address ``text`` is, or None."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
