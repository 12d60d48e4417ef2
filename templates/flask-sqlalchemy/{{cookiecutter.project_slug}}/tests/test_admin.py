"""The admin pages: admins only, and the create-admin command."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import MAX_ID, Note, User

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


# Ids that no row can have, which PostgreSQL refuses in a query: past its
# integer's range, or no integer to it (though int() reads the last two).
IMPOSSIBLE_IDS = [str(MAX_ID + 1), str(-(10**20)), "abc", "1_0", "\u0661"]


def add_notes(app: Flask, *titles: str) -> list[int]:
    with app.app_context():
        notes = [Note(title=title) for title in titles]
        db.session.add_all(notes)
        db.session.commit()
        return [note.id for note in notes]


def rows(app: Flask) -> list[str]:
    """The email addresses of the users and the titles of the notes."""
    with app.app_context():
        emails = db.session.scalars(db.select(User.email))
        return [*emails, *db.session.scalars(db.select(Note.title))]


def flashed(client: FlaskClient) -> list[str]:
    """Take the messages flashed to ``client`` out of its session: quicker
    than following the redirect to the page that shows them."""
    with client.session_transaction() as session:
        return [message for _, message in session.pop("_flashes", [])]


@pytest.mark.parametrize("path", PAGES[1:])
def test_impossible_id_is_a_record_that_does_not_exist(
    app: Flask,
    admin_client: FlaskClient,
    form_token: Callable[[str], str],
    path: str,
) -> None:
    """Flask-Admin's own answer to the edit page and the delete form, not a
    database error; and the delete form deletes nothing."""
    add_notes(app, "kept")
    token = form_token("/auth/profile")
    for row_id in IMPOSSIBLE_IDS:
        # ?id= twice, too: Flask-Admin passes both on.
        for query in (f"id={row_id}", f"id=1&id={row_id}"):
            response = admin_client.get(f"{path}edit/?{query}")
            assert response.status_code in {302, 303}, query
        data = {"id": row_id, "csrf_token": token}
        response = admin_client.post(f"{path}delete/", data=data)
        assert response.status_code in {302, 303}, row_id
        assert flashed(admin_client) == ["Record does not exist."] * 3, row_id
    assert rows(app) == ["admin@example.com", "kept"]


def test_bulk_delete_deletes_the_ticked_rows_and_ignores_impossible_ids(
    app: Flask, admin_client: FlaskClient, form_token: Callable[[str], str]
) -> None:
    """The list's Delete for the ticked rows (a database error on PostgreSQL
    for any id, as Flask-Admin passes them on)."""
    token = form_token("/auth/profile")
    for row_id in IMPOSSIBLE_IDS:
        doomed, _ = add_notes(app, "doomed", "kept")
        data = {"action": "delete", "rowid": [str(doomed), row_id], "csrf_token": token}
        response = admin_client.post("/admin/note/action/", data=data)
        assert response.status_code in {302, 303}, row_id
        assert flashed(admin_client) == ["Record was successfully deleted."], row_id
    assert rows(app) == ["admin@example.com"] + ["kept"] * len(IMPOSSIBLE_IDS)


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
