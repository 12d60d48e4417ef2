"""Checks of the project as a whole."""

import logging

from django.conf import settings
from django.core.management import call_command


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
