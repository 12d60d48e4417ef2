"""The notes pages: a paginated list and a page per note{% if cookiecutter.forms %}, and the form to add one{% endif %}."""
{%- if cookiecutter.forms %}

from collections.abc import Callable
{%- endif %}

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import MAX_ID, Note


def add_notes(app: Flask, count: int) -> list[int]:
    """Save ``count`` notes; return their ids."""
    with app.app_context():
        notes = [Note(title=f"Note {n}", body=f"Text {n}") for n in range(count)]
        db.session.add_all(notes)
        db.session.commit()
        return [note.id for note in notes]


def test_empty_list(client: FlaskClient) -> None:
    response = client.get("/notes/")
    assert response.status_code == 200
    assert "No notes yet." in response.text


def test_list_and_detail(app: Flask, client: FlaskClient) -> None:
    [note_id] = add_notes(app, 1)
    assert "Note 0" in client.get("/notes/").text
    response = client.get(f"/notes/{note_id}")
    assert response.status_code == 200
    assert "Text 0" in response.text


# Past PostgreSQL's INTEGER, and past SQLite's: a 404 too, not a database error.
@pytest.mark.parametrize("note_id", [12345, MAX_ID + 1, 10**20])
def test_unknown_note_is_404(client: FlaskClient, note_id: int) -> None:
    response = client.get(f"/notes/{note_id}")
    assert response.status_code == 404
    assert "<h1>Not Found</h1>" in response.text


def test_list_is_paginated(app: Flask, client: FlaskClient) -> None:
    add_notes(app, 25)
    first = client.get("/notes/").text
    assert "Page 1 of 2" in first
    assert first.count("<article>") == 20
    assert client.get("/notes/?page=2").text.count("<article>") == 5


@pytest.mark.parametrize("page", [3, MAX_ID + 1, 10**20])
def test_page_past_the_last_is_404(app: Flask, client: FlaskClient, page: int) -> None:
    add_notes(app, 25)
    assert client.get(f"/notes/?page={page}").status_code == 404
{%- if cookiecutter.forms %}
{%- set new_client = "user_client" if cookiecutter.login else "client" %}


def test_post_without_csrf_token_is_rejected({{ new_client }}: FlaskClient) -> None:
    response = {{ new_client }}.post("/notes/new", data={"title": "No token"})
    assert response.status_code == 400


def test_add_a_note(
    app: Flask, {{ new_client }}: FlaskClient, form_token: Callable[[str], str]
) -> None:
    data = {
        "title": "Groceries",
        "body": "Milk",
        "csrf_token": form_token("/notes/new"),
    }
    response = {{ new_client }}.post("/notes/new", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Note saved." in response.text
    with app.app_context():
        assert db.session.execute(db.select(Note.title)).scalar_one() == "Groceries"
{%- if cookiecutter.login %}


def test_adding_a_note_requires_login(client: FlaskClient) -> None:
    response = client.get("/notes/new")
    assert response.status_code in {302, 303}
    assert response.location.startswith("/auth/login")
{%- endif %}
{%- endif %}
