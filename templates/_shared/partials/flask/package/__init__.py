{%- set db = cookiecutter.database is defined -%}
{%- set login = cookiecutter.get("login") -%}
{%- set api = cookiecutter.get("api") -%}
{%- set cache = cookiecutter.get("cache") -%}
{%- set celery = cookiecutter.get("tasks") == "celery" -%}
"""{{ cookiecutter.project_name }}: the application factory.

Run it with ``flask --app {{ cookiecutter.package_name }} run --debug``, serve it with
``gunicorn -c gunicorn.conf.py``.
"""

import logging.config
import os
from collections.abc import Mapping
from typing import Any

import click
from flask import Flask{% if api %}, make_response{% endif %}, render_template{% if api %}, request{% endif %}
from flask.cli import FlaskGroup, {% if cookiecutter.get("database") == "postgresql" %}NoAppException, {% endif %}ScriptInfo, load_dotenv
from flask.typing import ResponseReturnValue
{%- if api %}
from flask_smorest import Api
{%- endif %}
from werkzeug.exceptions import HTTPException

from .proxies import TrustedProxies

# Outside tests, a signing key must be at least this long and use at least
# this many different characters: guessing it would forge sessions. Django
# asks for 50 and 5; secrets.token_hex() gives 64 characters.
MIN_SECRET_LENGTH = 32
MIN_SECRET_CHARACTERS = 5


def configure_logging() -> None:
    """Send log records to the WSGI server's error stream.

    Done before the app exists, as the Flask docs advise: touching app.logger
    first would install Flask's own default handler.
    """
    logging.config.dictConfig(
        {
            "version": 1,
            # Keep the loggers created before this runs: gunicorn's access and
            # error logs{% if db %}, Alembic's{% endif %}.
            "disable_existing_loggers": False,
            "formatters": {
                "default": {
                    "format": "[%(asctime)s] %(levelname)s in %(module)s: %(message)s"
                }
            },
            "handlers": {
                "wsgi": {
                    "class": "logging.StreamHandler",
                    "stream": "ext://flask.logging.wsgi_errors_stream",
                    "formatter": "default",
                }
            },
            "root": {"level": "INFO", "handlers": ["wsgi"]},
{%- if db %}
            # Alembic announces its plugins when imported; `flask db` commands
            # still report their progress (migrations/alembic.ini sets levels).
            "loggers": {"alembic": {"level": "WARNING"}},
{%- endif %}
        }
    )


def is_weak_secret(key: object) -> bool:
    """Tell whether ``key`` is too easy to guess to sign with: missing, short
    (as placeholders such as ``change-me`` are) or repetitive."""
    return (
        not isinstance(key, str | bytes)
        or len(key) < MIN_SECRET_LENGTH
        or len(set(key)) < MIN_SECRET_CHARACTERS
    )


def check_secret_keys(app: Flask) -> None:
    """Refuse to sign with a key that is easy to guess (outside tests), or
    with old keys that are not a list of keys."""
    if not app.testing and is_weak_secret(app.config["SECRET_KEY"]):
        raise RuntimeError(
            "FLASK_SECRET_KEY is missing, a placeholder or too weak: set it in .env "
            f"or the environment to {MIN_SECRET_LENGTH} or more random characters "
            "(python -c 'import secrets; print(secrets.token_hex())')"
        )
    fallbacks = app.config["SECRET_KEY_FALLBACKS"]
    if fallbacks is not None and (
        not isinstance(fallbacks, list | tuple)
        or any(not isinstance(key, str | bytes) for key in fallbacks)
        or (not app.testing and any(map(is_weak_secret, fallbacks)))
    ):
        # Flask would take each character of a plain string for a key.
        raise RuntimeError(
            "FLASK_SECRET_KEY_FALLBACKS must be a JSON list of old keys, each one "
            "as long and varied as FLASK_SECRET_KEY must be, such as "
            """FLASK_SECRET_KEY_FALLBACKS='["the old FLASK_SECRET_KEY"]'"""
        )


def finding_commands() -> ScriptInfo | None:
    """The ``flask`` command's state if it is loading the app only to find the
    app's own commands: to list them (``flask --app NAME --help``) or to look
    one up (``db`` in ``flask --app NAME db upgrade``). None otherwise, such
    as when ``flask run`` loads the app to serve it, from a command of its own.
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None or not isinstance(ctx.command, FlaskGroup):
        return None
    return ctx.find_object(ScriptInfo)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the application.

    Configuration is read in this order, each source overriding the ones
    before it: the defaults below, ``instance/config.py``, ``FLASK_*``
    environment variables, then ``test_config``.
    """
    configure_logging()
    finding = finding_commands()
    if finding is not None and finding.load_dotenv_defaults:
        # `flask --app NAME --help` lists the commands before it has read
        # .env (it takes its options in the order given): read it first, so
        # that the app is made as its commands will run it.
        load_dotenv()
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=None,
        SESSION_COOKIE_SAMESITE="Lax",
        # The reverse proxies in front of the app, and the addresses whose
        # X-Forwarded-* headers count (proxies.py); gunicorn reads the same.
        TRUSTED_PROXY_COUNT=0,
        FORWARDED_ALLOW_IPS=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        # A CDN's URL (https://cdn.example.com) for the static files; empty:
        # this site serves them (assets.py).
        STATIC_URL="",
{%- if cookiecutter.get("database") == "sqlite" %}
        # DATABASE_URL, the name compose files and hosting platforms use; a
        # relative SQLite path is a file in the instance folder.
        SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL", "sqlite:///app.db"),
{%- elif cookiecutter.get("database") == "postgresql" %}
        # DATABASE_URL, the name compose files and hosting platforms use.
        SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL"),
        # Test connections before use and renew them before the server drops
        # them. Keep workers x (pool_size + max_overflow) below max_connections.
        SQLALCHEMY_ENGINE_OPTIONS={
            "pool_pre_ping": True,
            "pool_size": 5,
            "max_overflow": 10,
            "pool_recycle": 1800,
        },
{%- endif %}
{%- if login %}
        # None means: HTTPS only unless debugging or testing (decided below).
        SESSION_COOKIE_SECURE=None,
        REMEMBER_COOKIE_SECURE=None,
        REMEMBER_COOKIE_SAMESITE="Lax",
        # Werkzeug's default, slow on purpose against guessing (a method's
        # name, not a password). The tests choose a cheap one.
        PASSWORD_HASH_METHOD="scrypt",  # noqa: S106
{%- endif %}
{%- if api %}
        API_TITLE={{ cookiecutter.project_name | py_str }},
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/docs",
        OPENAPI_SWAGGER_UI_PATH="/",
        # Where this app serves Swagger UI's files (api.py).
        OPENAPI_SWAGGER_UI_URL="/api/docs/swagger-ui/",
        API_SPEC_OPTIONS={
            "info": {
{%- if login %}
                "description": (
                    "Anyone may read the notes. Adding one takes a bearer token"
{%- if cookiecutter.admin %}
                    ", and changing or deleting one an admin's token"
{%- endif %}
                    ": POST /api/tokens/ gives one for an account's email "
                    "address and password (HTTP Basic)."
                )
{%- else %}
                "description": (
                    "No authentication: anyone who can reach this API can "
                    "create, change and delete notes."
                )
{%- endif %}
            }
        },
{%- if login %}
        # Seconds an API token works; a client then asks for a new one.
        API_TOKEN_MAX_AGE=3600,
{%- endif %}
{%- endif %}
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    if finding is None:
        # Signing needs a strong key; finding the commands does not, and
        # `flask --app NAME --help` works in a fresh clone, which has no .env.
        check_secret_keys(app)
{%- if cookiecutter.get("database") == "postgresql" %}
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        # The flask command shows its NoAppException as one line, not a
        # traceback, and `flask --help` still lists its own commands.
        raise (RuntimeError if finding is None else NoAppException)(
            "DATABASE_URL is missing: set it in .env or the environment "
            "(postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE)"
        )
{%- endif %}
{%- if login %}
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config[key] is None:
            # The development server and the test client speak plain HTTP.
            app.config[key] = not (app.debug or app.testing)
{%- endif %}

    if proxies := int(app.config["TRUSTED_PROXY_COUNT"]):
        app.wsgi_app = TrustedProxies(
            app.wsgi_app, proxies, app.config["FORWARDED_ALLOW_IPS"]
        )
{%- if db %}

    # The models module registers the tables, which Alembic compares with the database.
    from . import models  # noqa: F401
    from .extensions import {% if cookiecutter.forms %}csrf, {% endif %}db{% if login %}, login_manager{% endif %}, migrate

    db.init_app(app)
    migrate.init_app(app, db)
{%- if cookiecutter.forms %}
    csrf.init_app(app)
{%- endif %}
{%- if login %}
    login_manager.init_app(app)
{%- endif %}
{%- elif cookiecutter.forms %}

    from .extensions import csrf

    csrf.init_app(app)
{%- endif %}

    from . import assets, {% if login %}auth, {% endif %}{% if cache %}caching, {% endif %}main, {% if db %}notes, {% endif %}security{% if celery %}, tasks{% endif %}
{% if cache %}
    caching.init_app(app)
{%- endif %}
{%- if celery %}
    tasks.init_app(app)
{%- endif %}
    app.register_blueprint(main.bp)
{%- if db %}
    app.register_blueprint(notes.bp)
{%- endif %}
{%- if login %}
    app.register_blueprint(auth.bp)
{%- endif %}
{%- if cookiecutter.get("admin") %}

    from .admin import init_admin
    from .commands import create_admin

    init_admin(app)
    app.cli.add_command(create_admin)
{%- endif %}
{%- if api %}

    from .api import init_api

    api = init_api(app)
{%- endif %}
    assets.init_app(app)
    security.init_app(app)
    register_error_pages(app{% if api %}, api{% endif %})
    return app


{% if api -%}
def register_error_pages(app: Flask, api: Api) -> None:
    """Answer every HTTP error with a page in the site's layout; in JSON under /api/.

    ``Api(app)`` registered flask-smorest's JSON errors for the whole app, the
    site's pages included. This handler replaces it (so it must come after)
    and hands it the errors of the API's own URLs only.
    """

    def handle_error(error: HTTPException) -> ResponseReturnValue:
        if request.path.startswith("/api/"):
            response = make_response(api.handle_http_exception(error))
            # flask-smorest leaves out the error's own headers, which HTTP may
            # require, such as a 405's Allow; all but their HTML content type.
            for name, value in error.get_headers():
                if name.lower() != "content-type":
                    response.headers.setdefault(name, value)
            return response
        return render_error_page(error)

    app.register_error_handler(HTTPException, handle_error)
{%- else -%}
def register_error_pages(app: Flask) -> None:
    """Answer every HTTP error (400, 404, 500...) with a page in the site's layout."""
    app.register_error_handler(HTTPException, render_error_page)
{%- endif %}


def render_error_page(error: HTTPException) -> ResponseReturnValue:
    """Show the error's name and description, such as why a CSRF check failed."""
    page = render_template("error.html", error=error)
    # The error's headers carry what its status needs, such as a 405's Allow.
    return page, error.code or 500, error.get_headers()
