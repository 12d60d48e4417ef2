"""The pages every visitor sees."""

{% if cookiecutter.database is defined %}import pytest
{% endif %}from flask import Flask
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


def test_unknown_page_is_404_with_layout(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text
{%- if cookiecutter.database is defined %}


def test_server_error_page(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests share one app, which takes no new route once it has served a
    # request: make the home page fail instead, for this test only.
    def boom() -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "main.index", boom)
    response = client.get("/")
{%- else %}


def test_server_error_page(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
{%- endif %}
    assert response.status_code == 500
    assert "Something went wrong" in response.text
