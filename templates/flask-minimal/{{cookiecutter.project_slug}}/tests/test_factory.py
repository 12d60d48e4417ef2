"""The application factory and its configuration sources."""

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import create_app


def test_testing_flag_comes_from_test_config() -> None:
    assert create_app({"TESTING": True, "SECRET_KEY": "x"}).testing


def test_environment_configures_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("FLASK_TRUSTED_PROXY_COUNT", "1")
    app = create_app()
    assert not app.testing
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["TRUSTED_PROXY_COUNT"] == 1


def test_test_config_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    app = create_app({"TESTING": True, "SECRET_KEY": "from-the-test"})
    assert app.config["SECRET_KEY"] == "from-the-test"


@pytest.mark.parametrize("secret", [None, "change-me"])
def test_refuses_to_start_without_a_real_secret(
    monkeypatch: pytest.MonkeyPatch, secret: str | None
) -> None:
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    if secret is not None:
        monkeypatch.setenv("FLASK_SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        create_app()


def test_session_cookie_is_same_site(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
