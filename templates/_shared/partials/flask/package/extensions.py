{%- set db = cookiecutter.database is defined -%}
"""Flask extensions, created unbound here and bound in ``create_app``."""

{% if cookiecutter.get("login") %}from flask_login import LoginManager
{% endif %}{% if db %}from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
{% endif %}{% if cookiecutter.forms %}from flask_wtf.csrf import CSRFProtect
{% endif %}{% if db %}from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """The base class of the models.

    Constraints and indexes get predictable names: Alembic needs a name to
    alter or drop one later, and SQLite migrations rebuild tables in batch mode.
    """

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
# Alembic migrations in migrations/: `flask db upgrade`, `flask db migrate -m "..."`.
migrate = Migrate()
{% endif %}{% if cookiecutter.forms %}
# Rejects every POST, PUT, PATCH and DELETE that lacks a valid CSRF token.
csrf = CSRFProtect()
{% endif %}{% if cookiecutter.get("login") %}
login_manager = LoginManager()
# Send anonymous visitors of @login_required pages to the login form, not a bare 401.
login_manager.login_view = "auth.login"
{% endif -%}
