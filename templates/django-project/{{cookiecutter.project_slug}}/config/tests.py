"""Checks of the project as a whole."""

import logging
import runpy

from django.conf import settings
from django.core.management import call_command
from django.db.utils import ConnectionHandler

from config.settings import base


def test_migrations_match_the_models(db, settings):
    """A model changed without its migration: run ``manage.py makemigrations``."""
    # Under --no-migrations, pytest-django hides every app's migrations, which
    # would make this check pass whatever the models say.
    settings.MIGRATION_MODULES = {}
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_django_records_are_printed_once():
    """Only the root logger prints: Django's own console handler (on in DEBUG)
    would print each of its records a second time."""
    handlers = logging.getLogger("django").handlers
    assert not [h for h in handlers if isinstance(h, logging.StreamHandler)]
    assert [type(h).__name__ for h in handlers] == ["AdminEmailHandler"]


def test_tests_run_on_the_test_settings(request):
    """After the README's `export DJANGO_SETTINGS_MODULE=config.settings.prod`,
    pytest in the same shell still uses the test settings: pytest-django lets
    the variable beat an ini setting, but not the --ds option that
    pyproject.toml's addopts gives."""
    assert request.config.option.ds == "config.settings.test"
    assert settings.SETTINGS_MODULE == "config.settings.test"


def base_databases(monkeypatch, database_url):
    """DATABASES as config/settings/base.py makes them from DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return runpy.run_path(base.__file__)["DATABASES"]


def test_sqlite_is_set_up_for_concurrent_writers(
    monkeypatch, tmp_path, django_db_blocker
):
    """gunicorn's worker processes write to one SQLite file at once."""
    databases = base_databases(monkeypatch, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    options = databases["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    # The tests' own database is in memory, where WAL doesn't apply: connect
    # to a file with the same settings.
    connections = ConnectionHandler(databases)
    with django_db_blocker.unblock():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == options["timeout"] * 1000
        finally:
            connections.close_all()


def test_sqlite_options_stay_off_other_databases(monkeypatch):
    databases = base_databases(monkeypatch, "postgres://app@db.example.com/app")
    assert "transaction_mode" not in databases["default"].get("OPTIONS", {})
