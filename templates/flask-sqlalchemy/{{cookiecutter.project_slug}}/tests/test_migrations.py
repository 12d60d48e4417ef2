"""The migrations in migrations/ build exactly the models' schema, and undo it."""

import shutil
from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import inspect

from {{ cookiecutter.package_name }}.extensions import db

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")
TABLES = {"notes"{% if cookiecutter.login %}, "users"{% endif %}}


def flask_db(runner: FlaskCliRunner, *args: str, directory: str = MIGRATIONS) -> None:
    """Run ``flask db ARGS`` with this project's migrations; fail if it fails."""
    result = runner.invoke(args=["db", *args, "--directory", directory])
    assert result.exit_code == 0, result.output


def table_names(app: Flask) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def test_upgrade_check_and_downgrade(no_tables: Flask, runner: FlaskCliRunner) -> None:
    app = no_tables
    flask_db(runner, "upgrade")
    assert table_names(app) == TABLES | {"alembic_version"}

    # Exits non-zero when the models and the migrations differ.
    flask_db(runner, "check")

    flask_db(runner, "downgrade", "base")
    assert table_names(app) == {"alembic_version"}


def test_new_migrations_need_no_import_of_the_app(
    no_tables: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    """`flask db migrate` writes the app's own column types as SQLAlchemy's."""
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, directory, ignore=shutil.ignore_patterns("versions"))
    (directory / "versions").mkdir()
    flask_db(runner, "migrate", "-m", "everything", directory=str(directory))
    [script] = (directory / "versions").glob("*.py")
    code = script.read_text(encoding="utf-8")
    assert "sa.DateTime(timezone=True)" in code
    assert "UTCDateTime" not in code
