{%- set admin = cookiecutter.get("admin") -%}
{%- set api = cookiecutter.get("api") -%}
"""Security headers on every response{% if admin or api %}, and the policies of the pages that
other packages make{% endif %}."""
{% if admin or api %}
import re
{% endif %}
import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import create_app

# A key long and varied enough for create_app() outside the tests.
KEY = "a-key-from-the-environment-0123456789"


def started(
    monkeypatch: pytest.MonkeyPatch, test_config: dict[str, object] | None = None
) -> Flask:
    """The app as it starts outside the tests: not TESTING, its key from the
    environment."""
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    return create_app(test_config)


@pytest.mark.parametrize("path", ["/", "/health", "/no-such-page", "/static/style.css"])
def test_every_response_has_the_security_headers(
    client: FlaskClient, path: str
) -> None:
    with client.get(path) as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        policy = response.headers["Content-Security-Policy"]
    # The site's own pages load nothing from elsewhere and run no script.
    assert policy.startswith("default-src 'self';")
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "script-src" not in policy


def test_a_views_own_headers_stay(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def framed() -> tuple[str, dict[str, str]]:
        own = {"X-Frame-Options": "SAMEORIGIN", "Content-Security-Policy": "img-src *"}
        return "A page that this site may frame.", own

    monkeypatch.setitem(app.view_functions, "main.health", framed)
    response = client.get("/health")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers.getlist("Content-Security-Policy") == ["img-src *"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_hsts_in_tests(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/health").headers


def test_no_hsts_when_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    """`flask run --debug` serves plain HTTP on localhost."""
    app = started(monkeypatch, {"DEBUG": True})
    assert "Strict-Transport-Security" not in app.test_client().get("/health").headers


def test_hsts_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    response = started(monkeypatch).test_client().get("/health")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_environment_changes_the_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_REFERRER_POLICY", "no-referrer")
    monkeypatch.setenv("FLASK_STRICT_TRANSPORT_SECURITY", "max-age=60")
    monkeypatch.setenv("FLASK_CONTENT_SECURITY_POLICY", "default-src 'none'")
    monkeypatch.setenv("FLASK_CONTENT_SECURITY_POLICY_REPORT_ONLY", "true")
    # Empty: no such header at all.
    monkeypatch.setenv("FLASK_X_FRAME_OPTIONS", "")
    headers = started(monkeypatch).test_client().get("/health").headers
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"] == "max-age=60"
    assert headers["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert "Content-Security-Policy" not in headers
    assert "X-Frame-Options" not in headers
{%- if admin %}


def test_admin_pages_allow_flask_admins_inline_handlers(
    admin_client: FlaskClient,
) -> None:
    """Flask-Admin confirms a deletion with an onclick handler, which the
    site's own policy would block."""
    response = admin_client.get("/admin/user/")
    assert response.status_code == 200
    assert re.search(r'\sonclick="return faHelpers\.safeConfirm\(', response.text)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline';" in policy
    assert "frame-ancestors 'none'" in policy
    # Its scripts and stylesheets come from this site.
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css)\b[^"]*)"', response.text)
    assert assets
    assert all(asset.startswith("/admin/static/") for asset in assets), assets
{%- endif %}
{%- if api %}


def test_swagger_ui_page_may_load_swagger_ui(app: Flask, client: FlaskClient) -> None:
    """Swagger UI, from the release that OPENAPI_SWAGGER_UI_URL names, and
    nothing else from another site."""
    swagger_ui = app.config["OPENAPI_SWAGGER_UI_URL"]
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert assets
    assert all(asset.startswith(swagger_ui) for asset in assets), assets
    policy = response.headers["Content-Security-Policy"]
    assert f"script-src 'self' 'unsafe-inline' {swagger_ui};" in policy
    assert f"style-src 'self' 'unsafe-inline' {swagger_ui};" in policy
    assert "frame-ancestors 'none'" in policy
    assert swagger_ui not in client.get("/").headers["Content-Security-Policy"]
{%- endif %}
