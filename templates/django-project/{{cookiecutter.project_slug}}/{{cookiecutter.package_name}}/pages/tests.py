import runpy
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import path, reverse

from config.settings import base


def broken_view(request):
    raise RuntimeError("a bug")


# The URLs of test_unhandled_error_shows_the_500_page: only the broken view,
# so the error page shows that it reverses none of the site's URLs.
urlpatterns = [path("broken/", broken_view)]


def test_home_page(client):
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert "pages/home.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]


def test_health_check_needs_no_https(client, settings):
    # Production exempts it from the redirect: checks come over plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health$"]
    response = client.get(reverse("pages:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.get(reverse("pages:home")).status_code == 301


def test_pages_link_the_sites_icon(client):
    page = client.get(reverse("pages:home")).text
    assert f'<link rel="icon" href="{static("favicon.svg")}">' in page
    # A static file, which collectstatic copies and WhiteNoise serves.
    icon = finders.find("favicon.svg")
    assert icon and Path(icon).read_text().startswith("<svg")


def test_favicon_ico_is_the_sites_icon(client):
    """Browsers ask for /favicon.ico on the pages that link no icon."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == static("favicon.svg")


def test_unknown_page_is_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Something went wrong"), ("fr", "Un problème est survenu")],
    ids=["en", "fr"],
)
def test_unhandled_error_shows_the_500_page(client, settings, language, text):
    settings.DEBUG = False  # as in production: no technical error page
    client.raise_request_exception = False
    response = client.get("/broken/", headers={"accept-language": language})
    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["500.html"]
    assert text in response.text
    assert f'<html lang="{language}">' in response.text
    assert "/static/css/site.css" in response.text


def test_home_page_in_french(client):
    response = client.get(reverse("pages:home"), headers={"accept-language": "fr"})
    assert "Bienvenue" in response.text
    assert '<html lang="fr">' in response.text
    assert response.headers["Content-Language"] == "fr"


def test_content_security_policy_is_reported(client):
    response = client.get(reverse("pages:home"))
    assert "Content-Security-Policy-Report-Only" in response.headers


CDN = "https://cdn.example.com/static/"


@pytest.fixture
def cdn(monkeypatch, settings) -> None:
    """The static files settings that base.py makes with DJANGO_STATIC_URL set,
    in place of the test settings' own."""
    monkeypatch.setenv("DJANGO_STATIC_URL", CDN)
    made = runpy.run_path(base.__file__)
    settings.STATIC_URL = made["STATIC_URL"]
    settings.SECURE_CSP_REPORT_ONLY = made["SECURE_CSP_REPORT_ONLY"]


def test_static_urls_point_at_the_cdn(client, cdn) -> None:
    """Pages link their static files on the CDN's host, which the
    Content-Security-Policy allows."""
    response = client.get(reverse("pages:home"))

    assert f'href="{CDN}css/site.css"' in response.text
    policy = response.headers["Content-Security-Policy-Report-Only"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    for name in ("default-src", "script-src", "img-src"):
        assert "cdn.example.com" in directives[name].split(), policy


def test_the_site_still_serves_static_files_for_the_cdn(client, cdn, settings) -> None:
    """The CDN fetches each file from the site, at the same path: WhiteNoise
    takes the path of the absolute STATIC_URL."""
    # Files from the apps, as runserver serves them: the tests collect none.
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
