{%- set admin = cookiecutter.get("admin") -%}
{%- set api = cookiecutter.get("api") -%}
"""Security headers on every response.

They ask browsers not to guess a file's type (X-Content-Type-Options), not to
show the site inside another site's frame (X-Frame-Options, and the policy's
frame-ancestors), not to tell other sites which page a visitor came from
(Referrer-Policy), to load and run nothing that the pages do not need
(Content-Security-Policy), and to come back over HTTPS only
(Strict-Transport-Security).

Each value is a config key, so a ``FLASK_*`` environment variable changes it
(``FLASK_REFERRER_POLICY=no-referrer``); an empty one leaves its header out.
A header that a view set itself stays as the view set it.
"""

from flask import Flask, current_app{% if admin or api %}, request{% endif %}
from werkzeug.wrappers import Response

from .assets import static_origin

# The site's own pages need their stylesheet and forms that post back to the
# site: no scripts, plugins or frames.
SITE_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
{%- if admin %}
# Flask-Admin confirms a deletion and runs the list's bulk actions with inline
# event handlers (onclick), which only 'unsafe-inline' allows; its scripts
# write inline styles, and Bootstrap's stylesheet draws with data: images.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
{%- endif %}
# One year; browsers keep to HTTPS that long after each visit.
HSTS = "max-age=31536000"


def site_policy(static_host: str) -> str:
    """The policy of the site's own pages, whose stylesheet, and the images
    and fonts it may name, come from ``static_host`` (a CDN) when it is set."""
    if not static_host:
        return SITE_POLICY
    sources = f"'self' {static_host}"
    return (
        f"default-src 'self'; style-src {sources}; img-src {sources}; "
        f"font-src {sources}; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
{%- if api %}


def api_docs_policy(static_host: str) -> str:
    """The policy of the API's documentation page (templates/swagger_ui.html):
    Swagger UI's files from this site (api.py), the script that starts it and
    the site's icon from where the static files are, and the data: images
    that Swagger UI draws its icons with. No inline script or style: Swagger
    UI sets its elements' styles through the DOM, which no policy restricts."""
    sources = f"'self' {static_host}" if static_host else "'self'"
    return (
        f"default-src 'self'; script-src {sources}; img-src {sources} data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
{%- endif %}


def init_app(app: Flask) -> None:
    """Add the security headers to every response of ``app``, with the
    defaults above for the settings that its configuration lacks."""
    static_host = static_origin(app.config["STATIC_URL"])
    app.config.setdefault("CONTENT_SECURITY_POLICY", site_policy(static_host))
{%- if admin %}
    app.config.setdefault("ADMIN_CONTENT_SECURITY_POLICY", ADMIN_POLICY)
{%- endif %}
{%- if api %}
    app.config.setdefault(
        "API_DOCS_CONTENT_SECURITY_POLICY", api_docs_policy(static_host)
    )
{%- endif %}
    # True: browsers report what the policy would block, and block nothing.
    app.config.setdefault("CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
    app.config.setdefault("X_FRAME_OPTIONS", "DENY")
    app.config.setdefault("REFERRER_POLICY", "same-origin")
    app.config.setdefault("STRICT_TRANSPORT_SECURITY", HSTS)
    app.after_request(add_security_headers)


def content_security_policy() -> str:
    """The policy of the page being answered."""
    config = current_app.config
{%- if admin %}
    if request.path.startswith("/admin/"):
        return config["ADMIN_CONTENT_SECURITY_POLICY"]
{%- endif %}
{%- if api %}
    # flask-smorest's blueprint: the OpenAPI document and the Swagger UI page.
    if request.blueprint == "api-docs":
        return config["API_DOCS_CONTENT_SECURITY_POLICY"]
{%- endif %}
    return config["CONTENT_SECURITY_POLICY"]


def add_security_headers(response: Response) -> Response:
    """Add each security header that the response does not have yet."""
    config = current_app.config
    policy = "Content-Security-Policy"
    if config["CONTENT_SECURITY_POLICY_REPORT_ONLY"]:
        policy += "-Report-Only"
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": config["X_FRAME_OPTIONS"],
        "Referrer-Policy": config["REFERRER_POLICY"],
        policy: content_security_policy(),
    }
    if not (current_app.debug or current_app.testing):
        # Not while debugging: served over HTTPS once (`flask run --cert`, a
        # tunnel), it would hold browsers to HTTPS on every port of localhost.
        headers["Strict-Transport-Security"] = config["STRICT_TRANSPORT_SECURITY"]
    for name, value in headers.items():
        if value:
            response.headers.setdefault(name, value)
    return response
