{% if cookiecutter.login -%}
"""The REST API: create, list, get, update and delete notes; errors are JSON;
the requests that write need a bearer token{% if cookiecutter.admin %}, an admin's to change or delete{% endif %}.
"""
{%- else -%}
"""The REST API: create, list, get, update and delete notes; errors are JSON."""
{%- endif %}

import html
import json
import re
{%- if cookiecutter.login %}
import time
{%- endif %}
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

{%- if cookiecutter.login %}
from itsdangerous import URLSafeTimedSerializer
from werkzeug.test import TestResponse
{%- endif %}

{% if cookiecutter.login -%}
from {{ cookiecutter.package_name }}.extensions import db
{% endif -%}
from {{ cookiecutter.package_name }}.models import MAX_ID{% if cookiecutter.login %}, User{% endif %}
{%- if cookiecutter.login %}

# The answers to a request without a valid token, and with a token that no
# longer is.
NO_TOKEN = 'Bearer realm="api"'
INVALID_TOKEN = 'Bearer realm="api", error="invalid_token"'


def get_token(client: FlaskClient, email: str, password: str) -> str:
    """Trade an email address and password for a token, as a client does."""
    response = client.post("/api/tokens/", auth=(email, password))
    assert response.status_code == 200, response.json
    return response.json["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def user_token(client: FlaskClient, user: User, password: str) -> dict[str, str]:
    """The headers of a request with an ordinary user's bearer token."""
    return bearer(get_token(client, user.email, password))
{%- if cookiecutter.admin %}


@pytest.fixture
def auth(client: FlaskClient, admin: User, password: str) -> dict[str, str]:
    """The headers that let a request do anything to notes: an admin's token."""
    return bearer(get_token(client, admin.email, password))
{%- else %}


@pytest.fixture
def auth(user_token: dict[str, str]) -> dict[str, str]:
    """The headers that let a request do anything to notes: a user's token."""
    return user_token
{%- endif %}
{%- else %}


@pytest.fixture
def auth() -> dict[str, str]:
    """The headers that let a request change notes: none, without accounts."""
    return {}
{%- endif %}


def create(client: FlaskClient, auth: dict[str, str], title: str = "Groceries") -> dict:
    response = client.post(
        "/api/notes/", json={"title": title, "body": "Milk"}, headers=auth
    )
    assert response.status_code == 201, response.json
    return response.json


def test_create_get_update_delete(client: FlaskClient, auth: dict[str, str]) -> None:
    note = create(client, auth)
    assert note["title"] == "Groceries"
    url = f"/api/notes/{note['id']}"

    assert client.get(url).json == note

    response = client.put(
        url, json={"title": "Shopping", "body": "Bread"}, headers=auth
    )
    assert response.status_code == 200
    assert response.json["title"] == "Shopping"

    assert client.delete(url, headers=auth).status_code == 204
    response = client.get(url)
    assert response.status_code == 404
    assert response.json["code"] == 404


def test_list_is_paginated(client: FlaskClient, auth: dict[str, str]) -> None:
    for n in range(3):
        create(client, auth, f"Note {n}")
    response = client.get("/api/notes/?page=1&page_size=2")
    assert response.status_code == 200
    assert [note["title"] for note in response.json] == ["Note 2", "Note 1"]
    assert '"total": 3' in response.headers["X-Pagination"]


@pytest.mark.parametrize("page", [2, MAX_ID + 1, 10**20])
def test_page_past_the_last_is_empty(
    client: FlaskClient, auth: dict[str, str], page: int
) -> None:
    create(client, auth)
    response = client.get(f"/api/notes/?page={page}")
    assert response.status_code == 200
    assert response.json == []


def test_created_at_is_utc(client: FlaskClient, auth: dict[str, str]) -> None:
    created_at = datetime.fromisoformat(create(client, auth)["created_at"])
    assert created_at.utcoffset() == timedelta(0)


# Past PostgreSQL's INTEGER, and past SQLite's: a 404 too, not a database error.
@pytest.mark.parametrize("note_id", [12345, MAX_ID + 1, 10**20])
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_note_is_404(
    client: FlaskClient, auth: dict[str, str], method: str, note_id: int
) -> None:
    response = client.open(
        f"/api/notes/{note_id}",
        method=method,
        json={"title": "x", "body": ""},
        headers=auth,
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


def test_missing_title_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/api/notes/", json={"body": "No title"}, headers=auth)
    assert response.status_code == 422
    assert "title" in response.json["errors"]["json"]


def test_unknown_field_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/notes/", json={"title": "x", "color": "red"}, headers=auth
    )
    assert response.status_code == 422


def test_openapi_document(client: FlaskClient) -> None:
    response = client.get("/api/docs/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"] == "3.0.3"
    assert "/api/notes/" in response.json["paths"]
    # Swagger UI shows it above the operations.
{%- if cookiecutter.login %}
    assert "bearer token" in response.json["info"]["description"]
{%- else %}
    assert "No authentication" in response.json["info"]["description"]
{%- endif %}


def test_swagger_ui(client: FlaskClient) -> None:
    assert client.get("/api/docs/").status_code == 200


def test_documentation_has_no_markup_of_docstrings(client: FlaskClient) -> None:
    """Swagger UI shows the first line of a view's docstring as it is written:
    a reStructuredText ``literal`` would show its backquotes."""
    assert "``" not in client.get("/api/docs/openapi.json").text


def test_swagger_ui_is_served_by_the_app(client: FlaskClient) -> None:
    """The docs page loads Swagger UI, and the script that starts it, from
    this site, which serves them: it works offline and names no other site."""
    page = client.get("/api/docs/").text
    assert not re.search(r"https?:|//", page)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    names = {asset.rsplit("/", 1)[1] for asset in assets}
    assert names == {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "api-docs.js",
        "favicon.svg",
    }
    for asset in assets:
        with client.get(asset) as response:
            assert response.status_code == 200, asset
            assert response.mimetype in {"text/css", "text/javascript", "image/svg+xml"}
            assert response.data, asset
    # The script starts Swagger UI on the document that the page names.
    [spec_url] = re.findall(r'data-spec-url="([^"]+)"', page)
    assert client.get(spec_url).json["openapi"] == "3.0.3"


def test_swagger_ui_takes_its_settings(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OPENAPI_SWAGGER_UI_CONFIG reaches the script that starts Swagger UI."""
    config = {"docExpansion": "full"}
    monkeypatch.setitem(app.config, "OPENAPI_SWAGGER_UI_CONFIG", config)
    page = client.get("/api/docs/").text
    [written] = re.findall(r'data-config="([^"]+)"', page)
    assert json.loads(html.unescape(written)) == config
{%- if cookiecutter.login %}


def assert_unauthorized(
    response: TestResponse, challenge: str, status: int = 401
) -> None:
    """A JSON 401 (or 403) that says how to authenticate."""
    assert response.status_code == status
    assert response.json["code"] == status
    assert response.headers["WWW-Authenticate"] == challenge


def post_note(client: FlaskClient, headers: dict[str, str]) -> TestResponse:
    return client.post("/api/notes/", json={"title": "x"}, headers=headers)


def test_token_for_email_and_password(
    app: Flask, client: FlaskClient, user: User, password: str
) -> None:
    # Any spelling of the address, as on the login page.
    response = client.post("/api/tokens/", auth=(user.email.upper(), password))
    assert response.status_code == 200
    assert response.json["token_type"] == "Bearer"
    assert response.json["expires_in"] == app.config["API_TOKEN_MAX_AGE"]
    assert response.headers["Cache-Control"] == "no-store"
    create(client, bearer(response.json["access_token"]))


@pytest.mark.parametrize(
    "credentials",
    [
        {"auth": ("ada@example.com", "wrong password")},
        {"auth": ("nobody@example.com", "correct horse battery staple")},
        {},
        {"headers": {"Authorization": "Bearer something"}},
    ],
    ids=["wrong-password", "unknown-email", "none", "not-basic"],
)
def test_no_token_without_the_right_password(
    client: FlaskClient, user: User, credentials: dict
) -> None:
    assert_unauthorized(client.post("/api/tokens/", **credentials), 'Basic realm="api"')


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/notes/"),
        ("put", "/api/notes/{id}"),
        ("delete", "/api/notes/{id}"),
    ],
)
def test_writes_need_a_token(
    client: FlaskClient, auth: dict[str, str], method: str, path: str
) -> None:
    note = create(client, auth)
    response = client.open(
        path.format(id=note["id"]), method=method, json={"title": "Changed"}
    )
    assert_unauthorized(response, NO_TOKEN)
    # Nothing changed.
    assert client.get("/api/notes/").json == [note]
{%- if cookiecutter.admin %}


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_admins_change_and_delete_notes(
    client: FlaskClient, auth: dict[str, str], user_token: dict[str, str], method: str
) -> None:
    """As on the site, where accounts add notes and admins manage them."""
    note = create(client, user_token)
    response = client.open(
        f"/api/notes/{note['id']}",
        method=method,
        json={"title": "Changed", "body": ""},
        headers=user_token,
    )
    challenge = 'Bearer realm="api", error="insufficient_scope"'
    assert_unauthorized(response, challenge, status=403)
    assert client.get("/api/notes/").json == [note]
{%- endif %}


def test_reads_need_no_token(client: FlaskClient, auth: dict[str, str]) -> None:
    note = create(client, auth)
    assert client.get("/api/notes/").status_code == 200
    assert client.get(f"/api/notes/{note['id']}").status_code == 200


def test_session_cookie_is_no_token(user_client: FlaskClient) -> None:
    """The API skips the CSRF check, so a browser's login must not reach it."""
    assert_unauthorized(post_note(user_client, {}), NO_TOKEN)


@pytest.mark.parametrize("scheme", ["Basic", "Token"])
def test_token_under_another_scheme_is_refused(
    client: FlaskClient, user_token: dict[str, str], scheme: str
) -> None:
    token = user_token["Authorization"].removeprefix("Bearer ")
    headers = {"Authorization": f"{scheme} {token}"}
    assert_unauthorized(post_note(client, headers), NO_TOKEN)


def test_forged_tokens_are_refused(
    app: Flask,
    client: FlaskClient,
    user_token: dict[str, str],
    user_client: FlaskClient,
) -> None:
    token = user_token["Authorization"].removeprefix("Bearer ")
    payload, _, signature = token.partition(".")
    # The session cookie is signed with the same key, for another purpose.
    session_cookie = user_client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    for forged in [
        "not-a-token",
        f"{payload}.{signature[::-1]}",
        f"{payload[::-1]}.{signature}",
        session_cookie,
    ]:
        assert_unauthorized(post_note(client, bearer(forged)), INVALID_TOKEN)


def test_a_token_signed_by_the_key_for_another_purpose_is_refused(
    app: Flask, client: FlaskClient, user: User
) -> None:
    with app.app_context():
        payload = [user.id, db.session.get(User, user.id).password_stamp()]
    other_purpose = URLSafeTimedSerializer(app.secret_key, salt="another-purpose")
    forged = bearer(other_purpose.dumps(payload))
    assert_unauthorized(post_note(client, forged), INVALID_TOKEN)
    # The payload alone would do: what refuses it is the API's own salt.
    api_token = URLSafeTimedSerializer(app.secret_key, salt="api-token")
    assert post_note(client, bearer(api_token.dumps(payload))).status_code == 201


def test_token_expires(
    app: Flask,
    client: FlaskClient,
    user_token: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issued = time.time()
    max_age = app.config["API_TOKEN_MAX_AGE"]
    monkeypatch.setattr(time, "time", lambda: issued + max_age - 1)
    create(client, user_token)
    monkeypatch.setattr(time, "time", lambda: issued + max_age + 2)
    assert_unauthorized(post_note(client, user_token), INVALID_TOKEN)


def test_new_password_ends_the_tokens(
    app: Flask, client: FlaskClient, user: User, user_token: dict[str, str]
) -> None:
    with app.app_context():
        db.session.get(User, user.id).set_password("a new password")
        db.session.commit()
    assert_unauthorized(post_note(client, user_token), INVALID_TOKEN)
    create(client, bearer(get_token(client, user.email, "a new password")))


def test_deleted_user_token_is_refused(
    app: Flask, client: FlaskClient, user: User, user_token: dict[str, str]
) -> None:
    with app.app_context():
        db.session.delete(db.session.get(User, user.id))
        db.session.commit()
    assert_unauthorized(post_note(client, user_token), INVALID_TOKEN)


def test_new_secret_key_ends_the_tokens_unless_the_old_is_a_fallback(
    app: Flask,
    client: FlaskClient,
    user_token: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_key = app.config["SECRET_KEY"]
    monkeypatch.setitem(app.config, "SECRET_KEY", "a-new-secret-key")
    assert_unauthorized(post_note(client, user_token), INVALID_TOKEN)
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [old_key])
    create(client, user_token)


def test_tokens_made_after_a_new_key_are_signed_with_it(
    app: Flask,
    client: FlaskClient,
    user: User,
    password: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once the old key is dropped from the fallbacks, newer tokens still work."""
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [app.config["SECRET_KEY"]])
    monkeypatch.setitem(app.config, "SECRET_KEY", "a-new-secret-key")
    headers = bearer(get_token(client, user.email, password))
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [])
    create(client, headers)


def test_openapi_document_says_which_requests_need_a_token(client: FlaskClient) -> None:
    document = client.get("/api/docs/openapi.json").json
    assert document["components"]["securitySchemes"] == {
        "basicAuth": {"type": "http", "scheme": "basic"},
        "bearerAuth": {"type": "http", "scheme": "bearer"},
    }
    paths = document["paths"]
    notes, note = paths["/api/notes/"], paths["/api/notes/{note_id}"]
    for operation in (notes["post"], note["put"], note["delete"]):
        assert operation["security"] == [{"bearerAuth": []}]
        assert "401" in operation["responses"]
{%- if cookiecutter.admin %}
    # An admin's token.
    assert "403" not in notes["post"]["responses"]
    for operation in (note["put"], note["delete"]):
        assert "403" in operation["responses"]
{%- endif %}
    for operation in (notes["get"], note["get"]):
        assert "security" not in operation
    assert paths["/api/tokens/"]["post"]["security"] == [{"basicAuth": []}]
{%- endif %}
