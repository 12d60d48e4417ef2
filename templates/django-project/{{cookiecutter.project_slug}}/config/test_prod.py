"""Production settings, imported with the environment a deployment gives them."""

import importlib
{%- if cookiecutter.docker %}
import os
import re
{%- endif %}
import secrets
import sys
{%- if cookiecutter.docker %}
from pathlib import Path
{%- endif %}

import pytest
{%- if cookiecutter.docker %}
import yaml
from django.contrib.auth import get_user_model
from django.core.checks import Tags, run_checks
{%- endif %}
from django.core.exceptions import ImproperlyConfigured
{%- if cookiecutter.docker %}
from django.test import Client
from django.urls import reverse
{%- endif %}

PROD = "config.settings.prod"
# Imported afresh with prod.py, so that it too reads the environment given.
BASE = "config.settings.base"


@pytest.fixture
def prod_settings(monkeypatch):
    """Import config.settings.prod afresh, in a valid production environment
    changed by the keyword arguments (None unsets a variable)."""

    def load(**changes):
        environment = {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "example.com",
{%- if cookiecutter.database == "postgresql" %}
            "DATABASE_URL": "postgres://app@db.example.com/app",
            "GUNICORN_THREADS": None,
{%- endif %}
{%- if cookiecutter.wagtail %}
            "WAGTAILADMIN_BASE_URL": None,
{%- endif %}
        } | changes
        for name, value in environment.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        saved = {name: sys.modules.pop(name, None) for name in (PROD, BASE)}
        try:
            return importlib.import_module(PROD)
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module

    return load


@pytest.mark.parametrize("secret_key", [None, "change-me"])
def test_a_missing_or_weak_secret_key_is_refused(prod_settings, secret_key):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        prod_settings(DJANGO_SECRET_KEY=secret_key)


def test_empty_allowed_hosts_are_refused(prod_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        prod_settings(DJANGO_ALLOWED_HOSTS="")


def test_https_is_required_unless_the_environment_says_otherwise(prod_settings):
    settings = prod_settings(DJANGO_SECURE_SSL_REDIRECT=None)
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.SESSION_COOKIE_SECURE is settings.CSRF_COOKIE_SECURE is True
    assert settings.SECURE_HSTS_SECONDS > 0
{%- if cookiecutter.database == "postgresql" %}


@pytest.mark.parametrize(("threads", "pool_size"), [(None, 4), ("1", 1), ("8", 8)])
def test_db_pool_has_a_connection_per_gunicorn_thread(
    prod_settings, threads, pool_size
):
    settings = prod_settings(GUNICORN_THREADS=threads)
    pool = settings.DATABASES["default"]["OPTIONS"]["pool"]
    assert pool["max_size"] == pool_size
    assert pool["min_size"] <= pool_size
{%- endif %}
{%- if cookiecutter.wagtail %}


def test_wagtail_admin_base_url_defaults_to_the_first_allowed_host(prod_settings):
    settings = prod_settings(DJANGO_ALLOWED_HOSTS="www.example.com,example.com")
    assert settings.WAGTAILADMIN_BASE_URL == "https://www.example.com"


def test_wagtail_admin_base_url_from_the_environment(prod_settings):
    settings = prod_settings(WAGTAILADMIN_BASE_URL="https://cms.example.com")
    assert settings.WAGTAILADMIN_BASE_URL == "https://cms.example.com"
{%- endif %}
{%- if cookiecutter.docker %}


COMPOSE_FILE = Path(__file__).resolve().parent.parent / "compose.yaml"
# What compose's containers find elsewhere: the database, Redis and mail
# services, and static files collected into the image. The test settings' own
# stand in for these.
ELSEWHERE = {"DATABASES", "CACHES", "STORAGES", "MAILERS", "TASKS", "CELERY_BROKER_URL"}


def compose_environment(service):
    """The variables that compose.yaml gives a service. They win over its
    env_file, .env, of which only the secret key matters here."""
    compose = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    environment = compose["services"][service]["environment"]
    return {name: str(value) for name, value in environment.items()}


@pytest.fixture
def compose_web(prod_settings, settings):
    """Django as `docker compose up` serves it: config.settings.prod in the
    web service's environment, in place of the test settings (but for
    ELSEWHERE)."""
    shell = {
        name: None
        for name in os.environ
        if name.startswith("DJANGO_") and name != "DJANGO_SETTINGS_MODULE"
    }
    secret = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    prod = prod_settings(**shell | secret | compose_environment("web"))
    for name in dir(prod):
        if name.isupper() and name not in ELSEWHERE:
            value = getattr(prod, name)
            if getattr(settings, name, None) != value:
                setattr(settings, name, value)
    return prod


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000"])
def test_compose_serves_the_site_over_plain_http(compose_web, db, host):
    """The address compose publishes answers with the page, not with a
    redirect to HTTPS, which nothing serves there."""
    response = Client(headers={"host": host}).get("/")
    assert response.status_code == 200
    # Django sends HSTS over HTTPS only; browsers ignore it over HTTP anyway.
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize(
    ("host", "login"),
    [("localhost:8000", "users:login"), ("127.0.0.1:8000", "admin:login")],
)
def test_compose_site_logs_in_over_plain_http(compose_web, db, password, host, login):
    """Over plain HTTP, Django's CSRF check compares the browser's Origin with
    http://HOST (CSRF_TRUSTED_ORIGINS, https:// only, plays no part). The
    cookies stay Secure: Chromium and Firefox keep them for localhost and
    127.0.0.1 and send them back, as this client does; Safari drops them."""
    get_user_model().objects.create_superuser("admin", "admin@example.com", password)
    browser = Client(enforce_csrf_checks=True, headers={"host": host})
    form = browser.get(reverse(login))
    assert form.status_code == 200
    assert form.cookies["csrftoken"]["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    response = browser.post(
        reverse(login),
        {"username": "admin", "password": password, "csrfmiddlewaretoken": token},
        headers={"origin": f"http://{host}"},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"]
    assert browser.get("/").wsgi_request.user.is_authenticated


def test_compose_turns_off_only_the_https_redirect(compose_web):
    """`manage.py check --deploy` in the web service reports that redirect
    (security.W008), and nothing else: cookies stay Secure, HSTS stays on."""
    issues = run_checks(include_deployment_checks=True, tags=[Tags.security])
    assert [issue.id for issue in issues] == ["security.W008"]
{%- endif %}
