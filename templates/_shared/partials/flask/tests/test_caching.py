{%- set db = cookiecutter.database is defined -%}
{%- set login = cookiecutter.get("login") -%}
{%- if db -%}
"""The cache: the first page of the notes is read from the database once,
then served from the cache until a note is written."""
{%- else -%}
"""The cache: the home page is rendered once, then served from the cache."""
{%- endif %}

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask{% if not db %}, template_rendered{% endif %}
from flask.testing import FlaskClient
{%- if db %}
from sqlalchemy import event
{%- else %}
from jinja2 import Template
{%- endif %}

from {{ cookiecutter.package_name }} import create_app
{%- if db %}
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import Note{% if login %}, User{% endif %}
{%- endif %}

# A key long and varied enough for create_app() outside the tests.
KEY = "a-key-from-the-environment-0123456789"
{%- if db %}


@pytest.fixture
def queries(app: Flask) -> Iterator[list[str]]:
    """The SQL statements that the database receives during the test."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        # before_cursor_execute(connection, cursor, statement, ...)
        statements.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield statements
    event.remove(engine, "before_cursor_execute", record)


def add_note(app: Flask, title: str) -> int:
    """Save a note, as any write path would, and return its id."""
    with app.app_context():
        note = Note(title=title, body="")
        db.session.add(note)
        db.session.commit()
        return note.id


def test_notes_page_is_read_from_the_database_once(
    app: Flask, client: FlaskClient, queries: list[str]
) -> None:
    add_note(app, "First")
    first = client.get("/notes/")
    assert "First" in first.text
    assert queries
    queries.clear()
    second = client.get("/notes/")
    assert second.text == first.text
    assert queries == []
    # The headers are added to each response, not cached with the page.
    assert "Content-Security-Policy" in second.headers


def test_new_note_shows_at_once(app: Flask, client: FlaskClient) -> None:
    assert "Fresh" not in client.get("/notes/").text
    add_note(app, "Fresh")
    assert "Fresh" in client.get("/notes/").text


def test_changed_note_shows_at_once(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app, "Old title")
    assert "Old title" in client.get("/notes/").text
    with app.app_context():
        note = db.session.get(Note, note_id)
        assert note is not None
        note.title = "New title"
        db.session.commit()
    page = client.get("/notes/").text
    assert "New title" in page
    assert "Old title" not in page


def test_deleted_note_goes_at_once(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app, "Short-lived")
    assert "Short-lived" in client.get("/notes/").text
    with app.app_context():
        db.session.delete(db.session.get(Note, note_id))
        db.session.commit()
    assert "Short-lived" not in client.get("/notes/").text


def test_rolled_back_write_keeps_the_cached_page(
    app: Flask, client: FlaskClient, queries: list[str]
) -> None:
    client.get("/notes/")
    with app.app_context():
        db.session.add(Note(title="Never saved", body=""))
        db.session.flush()
        db.session.rollback()
    queries.clear()
    assert "Never saved" not in client.get("/notes/").text
    assert queries == []


def test_other_pages_are_not_cached(client: FlaskClient, queries: list[str]) -> None:
    client.get("/notes/?page=1")
    queries.clear()
    client.get("/notes/?page=1")
    assert queries


def test_flashed_message_is_not_cached(client: FlaskClient) -> None:
    client.get("/notes/")
    with client.session_transaction() as session:
        session["_flashes"] = [("message", "Just for you")]
    assert "Just for you" in client.get("/notes/").text
    assert "Just for you" not in client.get("/notes/").text
{%- if cookiecutter.forms %}


def test_note_added_through_the_form_shows_at_once(
    app: Flask, {% if login %}user_client{% else %}client{% endif %}: FlaskClient, form_token: Any
) -> None:
    visitor = app.test_client()
    assert "Posted" not in visitor.get("/notes/").text
    data = {"title": "Posted", "body": "", "csrf_token": form_token("/notes/new")}
    response = {% if login %}user_client{% else %}client{% endif %}.post("/notes/new", data=data)
    assert response.status_code in {302, 303}
    assert "Posted" in visitor.get("/notes/").text
{%- endif %}
{%- if login %}


def test_logged_in_visitor_gets_a_page_of_their_own(
    app: Flask, user_client: FlaskClient, user: User
) -> None:
    # A visitor who is not logged in fills the cache...
    app.test_client().get("/notes/")
    # ...and a logged-in one still sees their own links.
    assert user.email in user_client.get("/notes/").text
{%- endif %}
{%- else %}


@pytest.fixture
def renders(app: Flask) -> Iterator[list[str | None]]:
    """The names of the templates rendered during the test."""
    rendered: list[str | None] = []

    def record(sender: Flask, template: Template, **extra: Any) -> None:
        rendered.append(template.name)

    with template_rendered.connected_to(record, app):
        yield rendered


def test_home_page_is_rendered_once(
    client: FlaskClient, renders: list[str | None]
) -> None:
    first = client.get("/")
    second = client.get("/")
    assert second.status_code == 200
    assert second.text == first.text
    assert renders == ["main/index.html"]
    # The headers are added to each response, not cached with the page.
    assert "Content-Security-Policy" in second.headers


def test_flashed_message_is_not_cached(
    client: FlaskClient, renders: list[str | None]
) -> None:
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("message", "Just for you")]
    assert "Just for you" in client.get("/").text
    # The message is shown once; then the cached page again.
    assert "Just for you" not in client.get("/").text
    assert renders == ["main/index.html", "main/index.html"]
{%- endif %}


def test_tests_use_a_cache_in_this_process(app: Flask) -> None:
    assert app.config["CACHE_TYPE"] == "SimpleCache"


def test_cache_url_names_the_redis_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_URL", "redis://cache.example:6379/1")
    app = create_app({"SECRET_KEY": KEY})
    assert app.config["CACHE_TYPE"] == "RedisCache"
    assert app.config["CACHE_REDIS_URL"] == "redis://cache.example:6379/1"


def test_without_cache_url_each_process_has_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert create_app({"SECRET_KEY": KEY}).config["CACHE_TYPE"] == "SimpleCache"
