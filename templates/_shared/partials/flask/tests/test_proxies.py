"""X-Forwarded-* headers count only from the proxies the app knows."""

import pytest
from flask import Flask, request

from {{ cookiecutter.package_name }} import create_app

PROXY = "10.0.0.2"
FORWARDED = {
    "X-Forwarded-For": "198.51.100.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "example.com",
}


def app_behind_a_proxy(count: int) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "TRUSTED_PROXY_COUNT": count,
            "FORWARDED_ALLOW_IPS": f"{PROXY}/32,::1",
        }
    )

    @app.get("/where-from")
    def where_from() -> dict[str, str | None]:
        return {"address": request.remote_addr, "url": request.url}

    return app


def where_from(app: Flask, peer: str) -> dict[str, str]:
    response = app.test_client().get(
        "/where-from", headers=FORWARDED, environ_base={"REMOTE_ADDR": peer}
    )
    return response.get_json()


def test_the_proxy_says_who_the_client_is() -> None:
    seen = where_from(app_behind_a_proxy(1), PROXY)
    assert seen == {"address": "198.51.100.7", "url": "https://example.com/where-from"}


@pytest.mark.parametrize("peer", ["203.0.113.9", "10.0.0.3"])
def test_anyone_else_forges_nothing(peer: str) -> None:
    seen = where_from(app_behind_a_proxy(1), peer)
    assert seen == {"address": peer, "url": "http://localhost/where-from"}


def test_without_a_proxy_no_header_counts() -> None:
    seen = where_from(app_behind_a_proxy(0), PROXY)
    assert seen == {"address": PROXY, "url": "http://localhost/where-from"}


def test_a_bad_address_stops_the_app() -> None:
    with pytest.raises(RuntimeError, match="FORWARDED_ALLOW_IPS"):
        create_app(
            {"TESTING": True, "TRUSTED_PROXY_COUNT": 1, "FORWARDED_ALLOW_IPS": "proxy"}
        )
