"""Static files: as they are while debugging and in the tests; hashed,
compressed and cached for a year from a build in production; on a CDN's host
when FLASK_STATIC_URL names one."""

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.assets import MANIFEST, SOURCE, build

# A key long and varied enough for create_app() outside the tests.
KEY = "a-key-from-the-environment-0123456789"
STYLE = (SOURCE / "style.css").read_bytes()
# What browsers and CDNs may keep without asking again: a hashed name's
# content never changes.
A_YEAR = "max-age=31536000, public, immutable"
CDN = "https://cdn.example.com"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A build of the static files, made as ``python -m ... assets`` makes it."""
    root = tmp_path / "static-build"
    build(target=root)
    return root


@pytest.fixture
def hashed_style(built: Path) -> str:
    return json.loads((built / MANIFEST).read_text())["style.css"]


def production(monkeypatch: pytest.MonkeyPatch, root: Path) -> Flask:
    """The app as it starts under gunicorn, serving the build in ``root``."""
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
{%- if cookiecutter.cache %}
    # Each app its own cache: a home page cached in a shared Redis by another
    # test's app would link that app's static files.
    monkeypatch.delenv("CACHE_URL", raising=False)
{%- endif %}
    return create_app({"STATIC_ROOT": str(root)})


def test_tests_serve_the_plain_files(client: FlaskClient) -> None:
    assert 'href="/static/style.css"' in client.get("/").text
    with client.get("/static/style.css") as response:
        assert response.status_code == 200
        assert response.data == STYLE


def test_debugging_serves_the_plain_files(
    monkeypatch: pytest.MonkeyPatch, built: Path
) -> None:
    """`flask run --debug` shows a changed file at once, with no build step."""
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    client = create_app({"DEBUG": True, "STATIC_ROOT": str(built)}).test_client()
    assert 'href="/static/style.css"' in client.get("/").text
    with client.get("/static/style.css") as response:
        assert response.data == STYLE


def test_build_writes_hashed_and_compressed_copies(
    built: Path, hashed_style: str
) -> None:
    assert re.fullmatch(r"style\.[0-9a-f]{12}\.css", hashed_style)
    for name in ("style.css", hashed_style):
        assert (built / name).read_bytes() == STYLE
        assert gzip.decompress((built / f"{name}.gz").read_bytes()) == STYLE
        assert brotli.decompress((built / f"{name}.br").read_bytes()) == STYLE


def test_a_new_build_replaces_the_old_one(built: Path) -> None:
    (built / "gone.css").write_text("p {}")
    build(target=built)
    assert not (built / "gone.css").exists()
    assert (built / "style.css").exists()


def test_build_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("not a build")
    with pytest.raises(RuntimeError, match="no build of the static files"):
        build(target=tmp_path)
    assert (tmp_path / "keep.txt").exists()


def test_production_pages_link_the_hashed_names(
    monkeypatch: pytest.MonkeyPatch, built: Path, hashed_style: str
) -> None:
    page = production(monkeypatch, built).test_client().get("/").text
    assert f'href="/static/{hashed_style}"' in page
    assert "/static/style.css" not in page


def test_production_favicon_ico_leads_to_the_hashed_icon(
    monkeypatch: pytest.MonkeyPatch, built: Path
) -> None:
    hashed_icon = json.loads((built / MANIFEST).read_text())["favicon.svg"]
    client = production(monkeypatch, built).test_client()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.location == f"/static/{hashed_icon}"
    with client.get(response.location) as icon:
        assert icon.status_code == 200
        assert icon.mimetype == "image/svg+xml"
        assert icon.headers["Cache-Control"] == A_YEAR


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_production_serves_hashed_names_compressed_for_a_year(
    monkeypatch: pytest.MonkeyPatch,
    built: Path,
    hashed_style: str,
    encoding: str,
    decompress: Callable[[bytes], bytes],
) -> None:
    client = production(monkeypatch, built).test_client()
    headers = {"Accept-Encoding": encoding}
    with client.get(f"/static/{hashed_style}", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Cache-Control"] == A_YEAR
        assert response.headers["Vary"] == "Accept-Encoding"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.mimetype == "text/css"
        assert decompress(response.data) == STYLE


def test_production_keeps_plain_names_for_a_minute_only(
    monkeypatch: pytest.MonkeyPatch, built: Path
) -> None:
    """A name without a hash may hold new content after the next deployment."""
    client = production(monkeypatch, built).test_client()
    with client.get("/static/style.css") as response:
        assert response.headers["Cache-Control"] == "max-age=60, public"
        assert "Content-Encoding" not in response.headers  # none asked for
        assert response.data == STYLE


def test_production_without_a_build_serves_the_plain_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    client = production(monkeypatch, tmp_path / "never-built").test_client()
    assert 'href="/static/style.css"' in client.get("/").text
    with client.get("/static/style.css") as response:
        assert response.status_code == 200
        assert response.data == STYLE


def test_static_url_puts_static_files_on_the_cdn(
    monkeypatch: pytest.MonkeyPatch, built: Path, hashed_style: str
) -> None:
    """Pages link the CDN's copy of the hashed file, which the policy allows."""
    monkeypatch.setenv("FLASK_STATIC_URL", CDN + "/")
    response = production(monkeypatch, built).test_client().get("/")
    assert f'href="{CDN}/static/{hashed_style}"' in response.text
    assert 'href="/static/' not in response.text
    policy = response.headers["Content-Security-Policy"]
    for directive in ("style-src", "img-src", "font-src"):
        assert f"{directive} 'self' {CDN};" in policy
    # Still no script, from anywhere, and no framing.
    assert "script-src" not in policy
    assert "frame-ancestors 'none'" in policy


def test_static_url_leaves_other_urls_on_the_site(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FLASK_STATIC_URL", CDN)
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    page = app.test_client().get("/").text
    assert f'href="{CDN}/static/style.css"' in page
    assert 'href="/"' in page  # the link to the home page


def test_without_static_url_the_policy_names_no_other_host(client: FlaskClient) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "https:" not in policy
    assert "style-src" not in policy  # default-src 'self' covers it


@pytest.mark.parametrize(
    "static_url",
    [
        "cdn.example.com",
        "ftp://cdn.example.com",
        "https://cdn.example.com; script-src *",
        "https://user@cdn.example.com",
        "https://cdn.example.com/?v=1",
    ],
)
def test_a_wrong_static_url_stops_the_start(
    monkeypatch: pytest.MonkeyPatch, static_url: str
) -> None:
    monkeypatch.setenv("FLASK_STATIC_URL", static_url)
    with pytest.raises(RuntimeError, match="FLASK_STATIC_URL must be an http"):
        create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
