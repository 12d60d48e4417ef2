"""X-Forwarded-* headers count only from the proxies Django knows."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.proxies import TrustedProxyMiddleware

PROXY = "10.0.0.2"
FORWARDED = {
    "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    "HTTP_X_FORWARDED_PROTO": "https",
}


@pytest.fixture(autouse=True)
def proxy(settings):
    settings.FORWARDED_ALLOW_IPS = [f"{PROXY}/32", "::1"]


def seen(peer, **headers):
    """The request as the views get it, from ``peer`` with ``headers``."""
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **headers)
    return TrustedProxyMiddleware(lambda request: request)(request)


def test_the_proxy_says_who_the_client_is():
    request = seen(PROXY, **FORWARDED)
    assert request.META["REMOTE_ADDR"] == "198.51.100.7"
    assert request.META["HTTP_X_FORWARDED_PROTO"] == "https"


def test_the_client_is_the_last_address_no_proxy_has():
    # The client wrote the first address itself; the proxy appended the real one.
    request = seen(PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7, ::1")
    assert request.META["REMOTE_ADDR"] == "198.51.100.7"


@pytest.mark.parametrize("peer", ["203.0.113.9", "10.0.0.3"])
def test_anyone_else_forges_nothing(peer):
    request = seen(peer, **FORWARDED)
    assert request.META["REMOTE_ADDR"] == peer
    assert "HTTP_X_FORWARDED_PROTO" not in request.META
    assert "HTTP_X_FORWARDED_FOR" not in request.META


def test_with_a_star_every_peer_is_a_proxy(settings):
    settings.FORWARDED_ALLOW_IPS = ["*"]
    request = seen("203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.9")
    assert request.META["REMOTE_ADDR"] == "198.51.100.7"


def test_a_forwarded_value_that_is_no_address_is_ignored():
    assert seen(PROXY, HTTP_X_FORWARDED_FOR="<script>").META["REMOTE_ADDR"] == PROXY


@pytest.mark.parametrize("scheme, status", [("https", 200), ("http", 301)])
def test_https_redirect_believes_the_proxy_only(db, client, settings, scheme, status):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = []
    # From the proxy, its header counts; sent by anyone else, it does not.
    from_proxy = client.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO=scheme)
    assert from_proxy.status_code == status
    forged = client.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301


def test_a_bad_address_stops_the_site(settings):
    settings.FORWARDED_ALLOW_IPS = ["proxy"]
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        TrustedProxyMiddleware(lambda request: request)
