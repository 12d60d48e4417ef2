"""Fixtures shared by the tests: an app with empty tables, its clients{% if cookiecutter.login %}, users{% endif %}.

The tests use the database that ``TEST_DATABASE_URL`` names, for example
``postgresql+psycopg://USER:PASSWORD@127.0.0.1:5432/test_db``, and otherwise a
new SQLite file for each test. They drop every table in it before and after
each test: never point it at data that you want to keep.
"""

import os
{%- if cookiecutter.forms %}
import re
from collections.abc import Callable, Iterator
{%- else %}
from collections.abc import Iterator
{%- endif %}
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.extensions import db
{%- if cookiecutter.login %}
from {{ cookiecutter.package_name }}.models import User

# The password of the users made here.
PASSWORD = "correct horse battery staple"
{%- endif %}


@pytest.fixture(autouse=True)
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test database, also in DATABASE_URL for the tests that call create_app()."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    # FLASK_SQLALCHEMY_DATABASE_URI would win over DATABASE_URL.
    monkeypatch.delenv("FLASK_SQLALCHEMY_DATABASE_URI", raising=False)
    return url


def drop_tables() -> None:
    """Drop the models' tables and Alembic's, whatever an earlier run left."""
    # An open transaction holds locks that make DROP wait forever on PostgreSQL.
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """An app whose database holds the models' tables, empty.

    ``create_all`` builds them quickly; test_migrations.py checks that the
    migrations build the same schema.
    """
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    with app.app_context():
        drop_tables()
        db.create_all()
    yield app
    with app.app_context():
        drop_tables()
        # Close the pooled connections now, not whenever they are garbage collected.
        db.engine.dispose()


@pytest.fixture
def no_tables(app: Flask) -> Flask:
    """The app with no tables at all, for the tests of the migrations."""
    with app.app_context():
        drop_tables()
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
{%- if cookiecutter.forms %}


@pytest.fixture
def form_token(client: FlaskClient) -> Callable[[str], str]:
    """Get a page with a form and return the CSRF token in it."""

    def get_token(path: str) -> str:
        page = client.get(path).text
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert match, f"no CSRF token in {path}"
        return match.group(1)

    return get_token
{%- endif %}
{%- if cookiecutter.login %}


def add_user(email: str{% if cookiecutter.admin %}, *, is_admin: bool = False{% endif %}) -> User:
    """Save a user whose password is PASSWORD."""
    user = User(email=email{% if cookiecutter.admin %}, is_admin=is_admin{% endif %})
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    # Load the columns now, so that they stay readable once the session is gone.
    db.session.refresh(user)
    return user


def log_in(client: FlaskClient, user: User) -> None:
    """Log ``user`` in by writing the session the way Flask-Login does."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True


@pytest.fixture
def password() -> str:
    """The password of the users that the fixtures make."""
    return PASSWORD


@pytest.fixture
def user(app: Flask) -> User:
    with app.app_context():
        return add_user("ada@example.com")


@pytest.fixture
def user_client(client: FlaskClient, user: User) -> FlaskClient:
    """A client logged in as an ordinary user."""
    log_in(client, user)
    return client
{%- if cookiecutter.admin %}


@pytest.fixture
def admin_client(app: Flask, client: FlaskClient) -> FlaskClient:
    """A client logged in as an admin."""
    with app.app_context():
        admin = add_user("admin@example.com", is_admin=True)
    log_in(client, admin)
    return client
{%- endif %}
{%- endif %}
