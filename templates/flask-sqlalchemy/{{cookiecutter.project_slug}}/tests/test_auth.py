"""Accounts: register, log in, open a page that needs a login, change the
password, log out; hashing."""

from collections.abc import Callable
from inspect import signature

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from {{ cookiecutter.package_name }} import auth
from {{ cookiecutter.package_name }}.auth import authenticate, is_safe_next
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import User

Token = Callable[[str], str]


def log_in_with_form(
    client: FlaskClient, token: Token, email: str, password: str
) -> str:
    """Post the login form (to ``?next=/notes/``); return where it redirects to."""
    data = {"email": email, "password": password, "csrf_token": token("/auth/login")}
    response = client.post("/auth/login?next=/notes/", data=data)
    assert response.status_code in {302, 303}, response.text
    return response.location


def test_register_login_profile_logout(
    client: FlaskClient, form_token: Token, password: str
) -> None:
    data = {
        "email": "Grace@Example.com",
        "password": password,
        "confirm": password,
        "csrf_token": form_token("/auth/register"),
    }
    response = client.post("/auth/register", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "You are logged in as grace@example.com" in response.text

    token = form_token("/auth/profile")
    response = client.post(
        "/auth/logout", data={"csrf_token": token}, follow_redirects=True
    )
    assert "You are logged out." in response.text
    assert client.get("/auth/profile").status_code in {302, 303}

    location = log_in_with_form(client, form_token, "grace@example.com", password)
    assert location == "/notes/"
    response = client.get("/auth/profile")
    assert response.status_code == 200
    assert "You are logged in as grace@example.com" in response.text


def test_profile_needs_login(client: FlaskClient) -> None:
    response = client.get("/auth/profile")
    assert response.status_code in {302, 303}
    assert response.location.startswith("/auth/login?next=")


def test_only_a_path_on_this_site_is_a_safe_next() -> None:
    assert is_safe_next("/notes/?page=2")
    # What browsers would take to another site, or run.
    unsafe = [
        None,
        "",
        "//evil.example/",
        "///evil.example/",
        "https://evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "javascript:alert(1)",
        # No path of ours has control characters; CR/LF would split the headers.
        "/notes/\r\nSet-Cookie: a=b",
        "/notes/\x00",
        "/notes/\x7f",
        "/notes/\x85",
    ]
    for target in unsafe:
        assert not is_safe_next(target), target


# ?next= is followed only to a page on this site, after logging in or registering.
NEXT_AND_LOCATION = [
    ("/notes/?page=2", "/notes/?page=2"),
    ("//evil.example/", "/auth/profile"),
    ("/notes/\r\nSet-Cookie: a=b", "/auth/profile"),
]


@pytest.mark.parametrize(("next_page", "location"), NEXT_AND_LOCATION)
def test_login_goes_to_a_safe_next(
    client: FlaskClient,
    user: User,
    form_token: Token,
    password: str,
    next_page: str,
    location: str,
) -> None:
    token = form_token("/auth/login")
    data = {"email": user.email, "password": password, "csrf_token": token}
    # Where the form posts: the page's own URL, ?next= included.
    response = client.post("/auth/login", query_string={"next": next_page}, data=data)
    assert response.status_code in {302, 303}, response.text
    assert response.location == location


@pytest.mark.parametrize(("next_page", "location"), NEXT_AND_LOCATION)
def test_register_goes_to_a_safe_next(
    client: FlaskClient, form_token: Token, password: str, next_page: str, location: str
) -> None:
    """Registering logs the new user in, so it leads where logging in would."""
    data = {
        "email": "grace@example.com",
        "password": password,
        "confirm": password,
        "csrf_token": form_token("/auth/register"),
    }
    response = client.post(
        "/auth/register", query_string={"next": next_page}, data=data
    )
    assert response.status_code in {302, 303}, response.text
    assert response.location == location
    assert client.get("/auth/profile").status_code == 200


@pytest.mark.parametrize(
    ("page", "other"),
    [("/auth/login", "/auth/register"), ("/auth/register", "/auth/login")],
)
def test_login_and_register_link_to_each_other_with_a_safe_next(
    client: FlaskClient, page: str, other: str
) -> None:
    """Sent to log in, a new visitor registers instead and still gets there."""
    response = client.get(page, query_string={"next": "/notes/?page=2"})
    assert f'href="{other}?next=/notes/?page%3D2"' in response.text
    response = client.get(page, query_string={"next": "//evil.example/"})
    assert f'href="{other}"' in response.text


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register"])
def test_logged_in_users_skip_login_and_register(
    user_client: FlaskClient, path: str
) -> None:
    response = user_client.get(path)
    assert response.status_code in {302, 303}
    assert response.location == "/auth/profile"


@pytest.mark.parametrize(
    ("next_page", "location"),
    [
        ("/notes/", "/notes/"),
        ("//evil.example/", "/auth/profile"),
        ("/notes/%0d%0aSet-Cookie:%20a=b", "/auth/profile"),
    ],
)
def test_logged_in_users_skip_login_to_a_safe_next(
    user_client: FlaskClient, next_page: str, location: str
) -> None:
    response = user_client.get(f"/auth/login?next={next_page}")
    assert response.status_code in {302, 303}
    assert response.location == location


def test_wrong_password_is_refused(
    client: FlaskClient, user: User, form_token: Token
) -> None:
    token = form_token("/auth/login")
    data = {"email": user.email, "password": "wrong", "csrf_token": token}
    response = client.post("/auth/login", data=data)
    assert response.status_code == 200
    assert "Wrong email or password." in response.text
    assert client.get("/auth/profile").status_code in {302, 303}


def test_unknown_email_costs_a_password_hash(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer quicker than for a wrong password would tell which addresses
    have an account{% if cookiecutter.api %} (to the API's token endpoint too){% endif %}."""
    methods = []

    def hash_and_count(password: str, method: str) -> str:
        methods.append(method)
        return generate_password_hash(password, method=method)

    monkeypatch.setattr(auth, "generate_password_hash", hash_and_count)
    with app.app_context():
        assert authenticate("nobody@example.com", "a password") is None
    assert methods == [app.config["PASSWORD_HASH_METHOD"]]


def change_password(
    client: FlaskClient, form_token: Token, current: str, new: str, confirm: str
) -> TestResponse:
    """Post the change-password form."""
    data = {
        "current_password": current,
        "password": new,
        "confirm": confirm,
        "csrf_token": form_token("/auth/password"),
    }
    return client.post("/auth/password", data=data)


def test_change_password_logs_out_the_other_browsers(
    app: Flask,
    user: User,
    user_client: FlaskClient,
    second_browser: FlaskClient,
    form_token: Token,
    password: str,
) -> None:
    assert 'href="/auth/password"' in user_client.get("/auth/profile").text
    new = "a new password"
    response = change_password(user_client, form_token, password, new, new)
    assert response.status_code in {302, 303}
    assert response.location == "/auth/profile"
    # This browser stays logged in; the other one is logged out.
    assert user_client.get("/auth/profile").status_code == 200
    assert second_browser.get("/auth/profile").status_code in {302, 303}
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored.check_password(new)
        assert not stored.check_password(password)


@pytest.mark.parametrize(
    ("current", "new", "confirm", "error"),
    [
        ("wrong password", "a new password", "a new password", "Wrong password."),
        (None, "a new password", "another password", "The passwords differ."),
        (None, "short", "short", "between 8 and 128 characters"),
    ],
    ids=["wrong-current", "differ", "too-short"],
)
def test_password_stays_unless_the_form_is_right(
    app: Flask,
    user: User,
    user_client: FlaskClient,
    second_browser: FlaskClient,
    form_token: Token,
    password: str,
    current: str | None,
    new: str,
    confirm: str,
    error: str,
) -> None:
    response = change_password(
        user_client, form_token, current or password, new, confirm
    )
    assert response.status_code == 200
    assert error in response.text
    assert second_browser.get("/auth/profile").status_code == 200
    with app.app_context():
        assert db.session.get(User, user.id).check_password(password)


def test_change_password_needs_login(client: FlaskClient) -> None:
    response = client.get("/auth/password")
    assert response.status_code in {302, 303}
    assert response.location.startswith("/auth/login?next=")


def test_email_can_register_only_once(
    client: FlaskClient, user: User, form_token: Token, password: str
) -> None:
    data = {
        "email": user.email.upper(),
        "password": password,
        "confirm": password,
        "csrf_token": form_token("/auth/register"),
    }
    response = client.post("/auth/register", data=data)
    assert response.status_code == 200
    assert "already exists" in response.text


def test_login_without_csrf_token_shows_the_reason(
    client: FlaskClient, user: User, password: str
) -> None:
    response = client.post(
        "/auth/login", data={"email": user.email, "password": password}
    )
    assert response.status_code == 400
    # The site's error page, with the reason.
    assert response.mimetype == "text/html"
    assert "The CSRF token is missing." in response.text
    assert client.get("/auth/profile").status_code in {302, 303}


def test_logout_needs_a_post_with_csrf_token(user_client: FlaskClient) -> None:
    assert user_client.get("/auth/logout").status_code == 405
    assert user_client.post("/auth/logout").status_code == 400
    assert user_client.get("/auth/profile").status_code == 200


def test_password_is_stored_hashed(app: Flask, user: User, password: str) -> None:
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        assert password not in stored.password_hash
        # Hashed with the method that the app's configuration names.
        method = app.config["PASSWORD_HASH_METHOD"]
        assert stored.password_hash.startswith(f"{method}$")
        assert stored.check_password(password)
        assert not stored.check_password("wrong")


def test_production_hashes_passwords_with_werkzeugs_default(
    production_app: Flask,
) -> None:
    """Only the tests (conftest.py) hash cheaply; the app keeps Werkzeug's default."""
    method = production_app.config["PASSWORD_HASH_METHOD"]
    assert method == signature(generate_password_hash).parameters["method"].default
