"""Checks of the project as a whole."""

import logging
import os
import subprocess
import sys

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


def test_tests_run_on_the_test_settings():
    assert settings.SETTINGS_MODULE == "config.settings.test"


def test_an_exported_settings_module_does_not_reach_the_tests():
    """After the README's `export DJANGO_SETTINGS_MODULE=config.settings.prod`,
    pytest in the same shell still uses the test settings (--ds in pyproject.toml)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_tests_run_on_the_test_settings",
        ],
        cwd=settings.BASE_DIR,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
