"""The application factory and its configuration sources."""

import secrets

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import create_app

# A key long and varied enough for create_app() outside the tests.
KEY = "a-key-from-the-environment-0123456789"
OLD_KEY = "an-old-key-from-the-environment-0123456789"


def test_testing_flag_comes_from_test_config(app: Flask) -> None:
    # conftest.py makes the app with {"TESTING": True, ...} as its test_config.
    assert app.testing


def test_environment_configures_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("FLASK_TRUSTED_PROXY_COUNT", "1")
    app = create_app()
    assert not app.testing
    assert app.config["SECRET_KEY"] == KEY
    assert app.config["TRUSTED_PROXY_COUNT"] == 1


def test_test_config_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    app = create_app({"TESTING": True, "SECRET_KEY": "from-the-test"})
    assert app.config["SECRET_KEY"] == "from-the-test"


# Keys anyone could guess: missing, a placeholder, short, or repetitive.
WEAK_KEYS = {
    "missing": None,
    "placeholder": "change-me",
    "31-characters": KEY[:31],
    "4-different-characters": "abcd" * 16,
}


@pytest.mark.parametrize("secret", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_refuses_to_start_without_a_strong_secret(
    monkeypatch: pytest.MonkeyPatch, secret: str | None
) -> None:
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    if secret is not None:
        monkeypatch.setenv("FLASK_SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY is missing"):
        create_app()


def test_takes_a_key_that_secrets_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortest key allowed, as the error message says to make one."""
    key = secrets.token_hex(16)
    monkeypatch.setenv("FLASK_SECRET_KEY", key)
    assert create_app().config["SECRET_KEY"] == key


@pytest.mark.parametrize(
    "fallbacks",
    [
        "an-old-key",
        "[12345]",
        # As weak as the keys that FLASK_SECRET_KEY may not be.
        *(f'["{key}"]' for key in WEAK_KEYS.values() if key is not None),
    ],
)
def test_refuses_old_keys_that_are_not_a_list_of_strong_keys(
    monkeypatch: pytest.MonkeyPatch, fallbacks: str
) -> None:
    """Flask would take each character of a plain string for a signing key."""
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("FLASK_SECRET_KEY_FALLBACKS", fallbacks)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY_FALLBACKS"):
        create_app()


def test_old_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("FLASK_SECRET_KEY_FALLBACKS", f'["{OLD_KEY}"]')
    assert create_app().config["SECRET_KEY_FALLBACKS"] == [OLD_KEY]


def test_session_cookie_is_same_site(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
{%- if cookiecutter.database is defined %}


def test_database_url_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-the-environment.db")
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///from-the-environment.db"
{%- if cookiecutter.database == "postgresql" %}


def test_refuses_to_start_without_a_database_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        create_app()
{%- endif %}


def test_factory_can_run_twice(app: Flask) -> None:
    """Tests make many apps: extensions must not hold on to the first one."""
    second = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert second.test_client().get("/").status_code == 200
    # The first one, from conftest.py, still works too.
    assert app.test_client().get("/").status_code == 200
{%- if cookiecutter.login %}


def test_login_cookies_need_https_in_production(production_app: Flask) -> None:
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True


def test_login_cookies_allow_http_in_tests(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False
{%- endif %}
{%- endif %}
