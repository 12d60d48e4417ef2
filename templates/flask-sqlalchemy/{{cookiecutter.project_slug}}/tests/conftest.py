"""Fixtures shared by the tests: an app with empty tables, its clients{% if cookiecutter.login %}, users{% endif %}.

The tests use the database that ``TEST_DATABASE_URL`` names, for example
``postgresql+psycopg://USER:PASSWORD@127.0.0.1:5432/test_db``, and otherwise a
new SQLite file. They drop every table in it at the start and the end of the
run, and empty the tables before each test: never point it at data that you
want to keep.
"""

import gc
import os
{%- if cookiecutter.forms %}
import re
from collections.abc import Callable, Iterator
{%- else %}
from collections.abc import Iterator
{%- endif %}

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from {{ cookiecutter.package_name }} import create_app
{%- if cookiecutter.cache %}
from {{ cookiecutter.package_name }}.caching import cache
{%- endif %}
from {{ cookiecutter.package_name }}.extensions import db
{%- if cookiecutter.login %}
from {{ cookiecutter.package_name }}.models import User

# The password of the users made here.
PASSWORD = "correct horse battery staple"
{%- endif %}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spare the garbage collector what the run has loaded by now.

    The libraries imported so far (their modules, classes and caches: about
    100,000 objects) stay until the run ends, yet each full collection would
    walk them all again, as pytest's at the end of the run and Python's at
    exit do, a tenth of a second each. Objects made by the tests are
    collected as before.
    """
    gc.freeze()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: TEST_DATABASE_URL's, or a new SQLite file for the run."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def use_database(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    """Name ``database_url`` in the environment, where create_app() looks."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    # FLASK_SQLALCHEMY_DATABASE_URI would win over DATABASE_URL.
    monkeypatch.delenv("FLASK_SQLALCHEMY_DATABASE_URI", raising=False)


@pytest.fixture(autouse=True)
def database_url_in_environment(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test database in DATABASE_URL too, for the tests that call create_app()."""
    use_database(monkeypatch, database_url)


def drop_tables() -> None:
    """Drop the models' tables and Alembic's, whatever an earlier run left."""
    # An open transaction holds locks that make DROP wait forever on PostgreSQL.
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def empty_tables() -> None:
    """Delete every row, children before parents, so that no foreign key objects."""
    # As in drop_tables(): DELETE would wait for a transaction left open.
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def commit_without_waiting_for_the_disk(
    connection: DBAPIConnection, record: ConnectionPoolEntry
) -> None:
    """Make a SQLite connection commit without waiting for the disk.

    SQLite writes a journal file for each commit, and waits until the disk
    has the data (fsync), a millisecond or more each time, for hundreds of
    commits. The test database is thrown away after the run: it need not
    survive a crash. Commits, rollbacks and locks work as before.
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous = OFF")
    cursor.execute("PRAGMA journal_mode = MEMORY")
    cursor.close()


@pytest.fixture(scope="session")
def shared_app(database_url: str) -> Iterator[Flask]:
    """The app of the whole run, with the models' tables.

    One app for all the tests: building one (blueprints, admin views, the API
    document, templates compiled on first use) costs more than most tests.
    ``create_all`` builds the tables quickly; test_migrations.py checks that
    the migrations build the same schema.
    """
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
{%- if cookiecutter.login %}
            # One round instead of Werkzeug's slow default: these passwords
            # protect nothing, and hashing them would take most of the run.
            # Spelled out in full, as the hashes begin with it.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
{%- endif %}
        }
    )
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", commit_without_waiting_for_the_disk)
        drop_tables()
        db.create_all()
    yield app
    with app.app_context():
        drop_tables()
        # Close the pooled connections now, not whenever they are garbage collected.
        db.engine.dispose()


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The app, its tables{% if cookiecutter.cache %} and cache{% endif %} empty whatever the tests before left in them."""
    with shared_app.app_context():
        empty_tables()
{%- if cookiecutter.cache %}
        # Emptied without the ORM, whose events delete the cached notes page.
        cache.clear()
{%- endif %}
    return shared_app


@pytest.fixture
def no_tables(app: Flask) -> Iterator[Flask]:
    """The app with no tables at all, for the tests of the migrations.

    The models' tables are back afterwards, for the tests that follow.
    """
    with app.app_context():
        drop_tables()
    yield app
    with app.app_context():
        drop_tables()
        db.create_all()


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
        session["_user_id"] = user.get_id()
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


@pytest.fixture
def second_browser(app: Flask, user: User) -> FlaskClient:
    """Another client logged in as ``user``, as a second browser would be."""
    browser = app.test_client()
    log_in(browser, user)
    return browser


@pytest.fixture(scope="session")
def production_app(database_url: str) -> Flask:
    """The app as it starts outside the tests: ``create_app()`` with no test
    configuration and a real secret in the environment. Only read its settings."""
    # Made before any test's own monkeypatch applies: it names the database itself.
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("FLASK_SECRET_KEY", "a-key-from-the-environment-0123456789")
        use_database(monkeypatch, database_url)
        return create_app()
{%- if cookiecutter.admin %}


@pytest.fixture
def admin(app: Flask) -> User:
    with app.app_context():
        return add_user("admin@example.com", is_admin=True)


@pytest.fixture
def admin_client(client: FlaskClient, admin: User) -> FlaskClient:
    """A client logged in as an admin."""
    log_in(client, admin)
    return client
{%- endif %}
{%- endif %}
