"""Production settings, imported with the environment a deployment gives them."""

import importlib
import secrets
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

PROD = "config.settings.prod"


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
        sys.modules.pop(PROD, None)
        try:
            return importlib.import_module(PROD)
        finally:
            sys.modules.pop(PROD, None)

    return load


@pytest.mark.parametrize("secret_key", [None, "change-me"])
def test_a_missing_or_weak_secret_key_is_refused(prod_settings, secret_key):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        prod_settings(DJANGO_SECRET_KEY=secret_key)


def test_empty_allowed_hosts_are_refused(prod_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        prod_settings(DJANGO_ALLOWED_HOSTS="")
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
