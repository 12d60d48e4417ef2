"""The pages every visitor sees."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_home_page(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert {{ cookiecutter.project_name | html_text | py_str }} in response.text
    assert "style.css" in response.text


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_pages_link_the_sites_icon(client: FlaskClient) -> None:
    [icon] = re.findall(r'<link rel="icon" href="([^"]+)">', client.get("/").text)
    with client.get(icon) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.data.startswith(b"<svg")


def test_favicon_ico_is_the_sites_icon(client: FlaskClient) -> None:
    """Browsers ask for /favicon.ico on the pages that link no icon."""
    with client.get("/favicon.ico", follow_redirects=True) as response:
        assert [r.status_code for r in response.history] == [302]
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"


def test_unknown_page_is_404_with_layout(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "<h1>Not Found</h1>" in response.text
    assert "style.css" in response.text


def test_wrong_method_is_405_with_layout(client: FlaskClient) -> None:
    response = client.put("/")
    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert "<h1>Method Not Allowed</h1>" in response.text
    assert "style.css" in response.text
    assert "GET" in response.headers["Allow"]


def test_server_error_page(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Make the home page fail, for this test only: an app that has served a
    # request takes no new route, and the tests may share one app.
    def boom() -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "main.index", boom)
    response = client.get("/")
    assert response.status_code == 500
    assert "<h1>Internal Server Error</h1>" in response.text
    assert "style.css" in response.text
    # The security headers come with an error too (see test_security.py).
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response.headers
    assert "boom" not in response.text
