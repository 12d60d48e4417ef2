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


@pytest.mark.parametrize(
    "path", ["/", "/health", "/no-such-page", "/static/style.css", "/favicon.ico"]
)
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


def test_swagger_ui_page_runs_no_inline_script(client: FlaskClient) -> None:
    """Swagger UI's page runs only script files of this site, and may show
    the data: images that Swagger UI draws its icons with."""
    response = client.get("/api/docs/")
    assert response.status_code == 200
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts
    assert all(" src=" in script for script in scripts)
    policy = response.headers["Content-Security-Policy"]
    images = "img-src 'self' data:;"
    assert policy.startswith(f"default-src 'self'; script-src 'self'; {images}")
    assert "unsafe" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "data:" not in client.get("/").headers["Content-Security-Policy"]


def test_swagger_ui_page_may_load_its_script_from_the_cdn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With FLASK_STATIC_URL, the script that starts Swagger UI is a static
    file on the CDN; Swagger UI's own files stay on this site."""
    cdn = "https://cdn.example.com"
    monkeypatch.setenv("FLASK_STATIC_URL", cdn)
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    response = app.test_client().get("/api/docs/")
    assert f'src="{cdn}/static/api-docs.js"' in response.text
    assert 'src="/api/docs/swagger-ui/swagger-ui-bundle.js"' in response.text
    policy = response.headers["Content-Security-Policy"]
    assert f"script-src 'self' {cdn}; img-src 'self' {cdn} data:;" in policy
{%- endif %}
