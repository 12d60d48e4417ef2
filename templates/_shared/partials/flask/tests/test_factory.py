{%- set db = cookiecutter.database is defined -%}
{%- set celery = cookiecutter.get("tasks") == "celery" -%}
"""The application factory and its configuration sources."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import create_app

# A key long and varied enough for create_app() outside the tests.
KEY = "a-key-from-the-environment-0123456789"
OLD_KEY = "an-old-key-from-the-environment-0123456789"
# The commands of the app's own, which `flask --help` lists beside Flask's.
{%- set app_commands = [
    db and "db",
    cookiecutter.get("admin") and "create-admin",
    cookiecutter.get("api") and "openapi",
    celery and "ping-worker",
    celery and db and "delete-old-notes",
] | select | list %}
APP_COMMANDS = {{ app_commands | tojson }}


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


def test_flask_help_without_a_database_url_says_so_in_one_line(tmp_path: Path) -> None:
    """A fresh clone has no .env: `flask --help` names the missing setting,
    without a traceback, and lists flask's own commands."""
    result = flask(tmp_path, settings_left_out("DATABASE_URL"), "--help")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Error: DATABASE_URL is missing" in result.stderr
    listed = re.findall(r"^  (\S+)", result.stdout, re.M)
    assert {"routes", "run", "shell"} <= set(listed), listed
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


def flask(
    cwd: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    """``flask --app {{ cookiecutter.package_name }} ARGS`` as typed in a shell in ``cwd``, with
    ``env`` as its whole environment."""
    # The test's own command: no untrusted input.
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", "--app", "{{ cookiecutter.package_name }}", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_left_out(*names: str) -> dict[str, str]:
    """This process's environment without FLASK_* variables and ``names``."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("FLASK_") and name not in names
    }


@pytest.mark.parametrize("env_file", [True, False], ids=["with-env-file", "without"])
def test_flask_help_lists_the_apps_commands(tmp_path: Path, env_file: bool) -> None:
    """The flask command makes the app to list its commands before it has
    read .env, and in a fresh clone there is no .env: no key is needed."""
    if env_file:
        settings = {"FLASK_SECRET_KEY": KEY}
{%- if db %}
        settings["DATABASE_URL"] = os.environ["DATABASE_URL"]
{%- endif %}
        lines = (f"{name}={value}\n" for name, value in settings.items())
        (tmp_path / ".env").write_text("".join(lines))
        env = settings_left_out(*settings)
    else:
        env = settings_left_out()
    result = flask(tmp_path, env, "--help")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    listed = re.findall(r"^  (\S+)", result.stdout.split("Commands:", 1)[1], re.M)
    assert {"routes", "run", "shell", *APP_COMMANDS} <= set(listed), listed


def test_flask_run_refuses_to_serve_without_a_key(tmp_path: Path) -> None:
    result = flask(tmp_path, settings_left_out(), "run", "--port", "0")
    assert result.returncode != 0
    assert "FLASK_SECRET_KEY is missing" in result.stderr
