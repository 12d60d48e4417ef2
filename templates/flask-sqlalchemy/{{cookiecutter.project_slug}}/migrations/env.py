"""Alembic's environment: runs the migrations against the app's database.

Flask-Migrate runs this file, inside the application context, for every
``flask db`` command.
"""

import logging
from logging.config import fileConfig
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from alembic.operations import MigrationScript
from alembic.runtime.migration import MigrationContext
from flask import current_app
from sqlalchemy.types import TypeDecorator

config = context.config
# Logging as alembic.ini says, leaving the loggers that already exist alone.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate = current_app.extensions["migrate"]
# The app's own database. '%' is doubled because Alembic's config interpolates it.
url = migrate.db.engine.url.render_as_string(hide_password=False)
config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))


def run_migrations_offline() -> None:
    """Print the SQL (``flask db upgrade --sql``) instead of running it."""
    context.configure(url=url, target_metadata=migrate.db.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def render_type_stored(
    kind: str, obj: object, autogen_context: AutogenContext
) -> str | Literal[False]:
    """Write the app's own column types (models.UTCDateTime) as what they store.

    Otherwise ``flask db migrate`` would name the app's class in the migration
    without importing it. The database column is the same either way: the
    conversion happens in Python.
    """
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations_online() -> None:
    """Run the migrations over a connection to the database."""

    def skip_empty_migration(
        migration_context: MigrationContext,
        revision: object,
        directives: list[MigrationScript],
    ) -> None:
        """Write no file when ``flask db migrate`` finds nothing to change."""
        autogenerate = getattr(config.cmd_opts, "autogenerate", False)
        if autogenerate and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    configure_args = migrate.configure_args
    if configure_args.get("process_revision_directives") is None:
        configure_args["process_revision_directives"] = skip_empty_migration
    configure_args.setdefault("render_item", render_type_stored)

    with migrate.db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=migrate.db.metadata,
            **configure_args,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
