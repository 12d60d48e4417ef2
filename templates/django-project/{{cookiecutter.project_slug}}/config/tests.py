"""Checks of the project as a whole."""

from django.core.management import call_command


def test_migrations_match_the_models(db, settings):
    """A model changed without its migration: run ``manage.py makemigrations``."""
    # Under --no-migrations, pytest-django hides every app's migrations, which
    # would make this check pass whatever the models say.
    settings.MIGRATION_MODULES = {}
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
