"""{{ cookiecutter.project_name }}: the application factory.

Run it with ``flask --app {{ cookiecutter.package_name }} run --debug``, serve it with
``gunicorn -c gunicorn.conf.py``.
"""

import logging.config
from collections.abc import Mapping
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

# Values that are known not to be secret: refused outside tests.
PLACEHOLDER_SECRETS = {"", "change-me", "dev"}


def configure_logging() -> None:
    """Send log records to the WSGI server's error stream.

    Done before the app exists, as the Flask docs advise: touching app.logger
    first would install Flask's own default handler.
    """
    logging.config.dictConfig(
        {
            "version": 1,
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
        }
    )


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the application.

    Configuration is read in this order, each source overriding the ones
    before it: the defaults below, ``instance/config.py``, ``FLASK_*``
    environment variables, then ``test_config``.
    """
    configure_logging()
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=None,
        SESSION_COOKIE_SAMESITE="Lax",
        TRUSTED_PROXY_COUNT=0,
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    if not app.testing and app.config["SECRET_KEY"] in PLACEHOLDER_SECRETS | {None}:
        raise RuntimeError(
            "FLASK_SECRET_KEY is missing or a placeholder: set it in .env or the "
            "environment (python -c 'import secrets; print(secrets.token_hex())')"
        )

    if proxies := int(app.config["TRUSTED_PROXY_COUNT"]):
        # Trust X-Forwarded-* only from the proxies we know are in front of us.
        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=proxies,
            x_proto=proxies,
            x_host=proxies,
            x_prefix=proxies,
        )
{%- if cookiecutter.forms %}

    from .extensions import csrf

    csrf.init_app(app)
{%- endif %}

    from . import main

    app.register_blueprint(main.bp)
    register_error_pages(app)
    return app


def register_error_pages(app: Flask) -> None:
    """Render 404 and 500 errors with the site's layout."""

    def render_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        return render_template(f"errors/{code}.html", error=error), code

    app.register_error_handler(404, render_error)
    app.register_error_handler(500, render_error)
