"""The admin pages: admins only, and the create-admin command."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import MAX_ID, User

PAGES = ["/admin/", "/admin/note/", "/admin/user/"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {302, 303}
    assert response.location.startswith("/auth/login")


@pytest.mark.parametrize("path", PAGES)
def test_ordinary_users_are_forbidden(user_client: FlaskClient, path: str) -> None:
    response = user_client.get(path)
    assert response.status_code == 403
    # The site's error page.
    assert response.mimetype == "text/html"
    assert "<h1>Forbidden</h1>" in response.text


@pytest.mark.parametrize("path", PAGES)
def test_admins_get_in(admin_client: FlaskClient, path: str) -> None:
    assert admin_client.get(path).status_code == 200


# Pages count from 0. Negative is a PostgreSQL error, past MAX_ID an OFFSET
# overflow on both databases: a 404 too, not a database error.
@pytest.mark.parametrize("page", [-1, MAX_ID + 1, 10**20])
@pytest.mark.parametrize("path", PAGES[1:])
def test_impossible_list_page_is_404(
    admin_client: FlaskClient, path: str, page: int
) -> None:
    response = admin_client.get(f"{path}?page={page}")
    assert response.status_code == 404
    assert "<h1>Not Found</h1>" in response.text


def test_list_page_past_the_last_is_empty(admin_client: FlaskClient) -> None:
    """Where Flask-Admin returns after deleting the last row of the last page."""
    response = admin_client.get(f"/admin/note/?page={MAX_ID}")
    assert response.status_code == 200
    assert "There are no items in the table." in response.text


@pytest.mark.parametrize("row_id", [str(MAX_ID + 1), str(10**20), "abc"])
@pytest.mark.parametrize("path", PAGES[1:])
def test_impossible_id_is_a_record_that_does_not_exist(
    admin_client: FlaskClient, path: str, row_id: str
) -> None:
    """Flask-Admin's own answer, not a database error (PostgreSQL's integer
    overflows past MAX_ID, and text is no integer)."""
    response = admin_client.get(f"{path}edit/?id={row_id}", follow_redirects=True)
    assert response.status_code == 200
    assert "Record does not exist." in response.text


def test_admins_can_set_a_notes_time(admin_client: FlaskClient) -> None:
    assert 'name="created_at"' in admin_client.get("/admin/note/new/").text


def is_admin(app: Flask, email: str) -> bool:
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one()
        return user.is_admin


def test_create_admin_command(app: Flask, runner: FlaskCliRunner) -> None:
    args = ["create-admin", "--email", "Root@Example.com", "--password", "long enough"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert is_admin(app, "root@example.com")


def test_create_admin_promotes_an_existing_user(
    app: Flask, runner: FlaskCliRunner, user: User
) -> None:
    result = runner.invoke(args=["create-admin", "--email", user.email])
    assert result.exit_code == 0, result.output
    assert is_admin(app, user.email)


@pytest.mark.parametrize("email", ["", "nobody", "no body@example.com"])
def test_create_admin_refuses_what_is_no_email_address(
    runner: FlaskCliRunner, email: str
) -> None:
    args = ["create-admin", "--email", email, "--password", "long enough"]
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert "not an email address" in result.output


def test_an_email_edited_in_the_admin_is_stored_as_login_looks_it_up(
    app: Flask,
    admin_client: FlaskClient,
    user: User,
    form_token: Callable[[str], str],
) -> None:
    url = f"/admin/user/edit/?id={user.id}"
    data = {"email": "New@Example.COM", "csrf_token": form_token(url)}
    response = admin_client.post(url, data=data)
    assert response.status_code in {302, 303}, response.text
    with app.app_context():
        assert db.session.get(User, user.id).email == "new@example.com"
    data = {"email": "not an address", "csrf_token": form_token(url)}
    assert "Enter an email address." in admin_client.post(url, data=data).text


def test_create_admin_refuses_a_short_password(runner: FlaskCliRunner) -> None:
    args = ["create-admin", "--email", "root@example.com", "--password", "short"]
    assert runner.invoke(args=args).exit_code != 0
