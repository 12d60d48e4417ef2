"""The REST API: create, list, get, update and delete notes; errors are JSON."""

import re
from datetime import datetime, timedelta

import pytest
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }}.models import MAX_ID


def create(client: FlaskClient, title: str = "Groceries") -> dict:
    response = client.post("/api/notes/", json={"title": title, "body": "Milk"})
    assert response.status_code == 201, response.json
    return response.json


def test_create_get_update_delete(client: FlaskClient) -> None:
    note = create(client)
    assert note["title"] == "Groceries"
    url = f"/api/notes/{note['id']}"

    assert client.get(url).json == note

    response = client.put(url, json={"title": "Shopping", "body": "Bread"})
    assert response.status_code == 200
    assert response.json["title"] == "Shopping"

    assert client.delete(url).status_code == 204
    response = client.get(url)
    assert response.status_code == 404
    assert response.json["code"] == 404


def test_list_is_paginated(client: FlaskClient) -> None:
    for n in range(3):
        create(client, f"Note {n}")
    response = client.get("/api/notes/?page=1&page_size=2")
    assert response.status_code == 200
    assert [note["title"] for note in response.json] == ["Note 2", "Note 1"]
    assert '"total": 3' in response.headers["X-Pagination"]


@pytest.mark.parametrize("page", [2, MAX_ID + 1, 10**20])
def test_page_past_the_last_is_empty(client: FlaskClient, page: int) -> None:
    create(client)
    response = client.get(f"/api/notes/?page={page}")
    assert response.status_code == 200
    assert response.json == []


def test_created_at_is_utc(client: FlaskClient) -> None:
    created_at = datetime.fromisoformat(create(client)["created_at"])
    assert created_at.utcoffset() == timedelta(0)


# Past PostgreSQL's INTEGER, and past SQLite's: a 404 too, not a database error.
@pytest.mark.parametrize("note_id", [12345, MAX_ID + 1, 10**20])
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_note_is_404(client: FlaskClient, method: str, note_id: int) -> None:
    response = client.open(
        f"/api/notes/{note_id}", method=method, json={"title": "x", "body": ""}
    )
    assert response.status_code == 404
    assert response.json["code"] == 404


def test_errors_are_json(client: FlaskClient) -> None:
    response = client.get("/api/no-such-resource")
    assert response.status_code == 404
    assert response.json == {"code": 404, "status": "Not Found"}
    response = client.patch("/api/notes/")
    assert response.status_code == 405
    assert response.json == {"code": 405, "status": "Method Not Allowed"}


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("patch", "/api/notes/", {"GET", "POST"}),
        ("post", "/api/notes/1", {"GET", "PUT", "DELETE"}),
    ],
)
def test_wrong_method_names_the_allowed_ones(
    client: FlaskClient, method: str, path: str, allowed: set[str]
) -> None:
    """HTTP requires a 405 to carry an Allow header (RFC 9110, 15.5.6)."""
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_missing_title_is_422(client: FlaskClient) -> None:
    response = client.post("/api/notes/", json={"body": "No title"})
    assert response.status_code == 422
    assert "title" in response.json["errors"]["json"]


def test_unknown_field_is_422(client: FlaskClient) -> None:
    response = client.post("/api/notes/", json={"title": "x", "color": "red"})
    assert response.status_code == 422


def test_openapi_document(client: FlaskClient) -> None:
    response = client.get("/api/docs/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"] == "3.0.3"
    assert "/api/notes/" in response.json["paths"]


def test_swagger_ui(client: FlaskClient) -> None:
    assert client.get("/api/docs/").status_code == 200


def test_swagger_ui_files_are_an_exact_release(client: FlaskClient) -> None:
    """A bare swagger-ui-dist URL would serve whatever release is newest."""
    page = client.get("/api/docs/").text
    packages = re.findall(r"/npm/(swagger-ui-dist[^/]*)/", page)
    assert packages
    for package in packages:
        assert re.fullmatch(r"swagger-ui-dist@\d+\.\d+\.\d+", package), package
