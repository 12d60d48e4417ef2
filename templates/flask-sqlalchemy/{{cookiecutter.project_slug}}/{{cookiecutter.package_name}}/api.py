{%- set login = cookiecutter.login -%}
"""The REST API: notes under /api/notes/, documented at /api/docs/.

flask-smorest writes the OpenAPI 3 document and serves Swagger UI's page;
Swagger UI's own files come from the flask-swagger-ui package (whose version
is Swagger UI's), served by this app: the page works offline, and loads
nothing from another site.
{%- if login %}
{% if cookiecutter.admin %}
Anyone may read the notes, as on the site; adding one takes a bearer token,
and changing or deleting one an admin's token. A client trades an account's
email address and password for a token at ``POST /api/tokens/`` (HTTP Basic
authentication), then sends ``Authorization: Bearer TOKEN`` with each
request that writes.
{%- else %}
Anyone may read the notes, as on the site; changing them takes a bearer
token. A client trades an account's email address and password for one at
``POST /api/tokens/`` (HTTP Basic authentication), then sends
``Authorization: Bearer TOKEN`` with each request that writes.
{%- endif %}

A token is its user's id signed with the app's secret key, as Flask signs
the session cookie, so no table keeps tokens. It expires after
``API_TOKEN_MAX_AGE`` seconds, and stops working at once when its user's
password changes or the user is deleted; logging out does not end it. A new
``SECRET_KEY`` ends every token (and every session); listing the old key in
``SECRET_KEY_FALLBACKS`` keeps them working while the new one takes over.
{%- else %}

The API has no authentication: anyone who can reach it can create, change
and delete notes. Add some before it is reachable from the internet;
``scaffold add login`` adds accounts, and bearer tokens for the API.
{%- endif %}
"""
{% if login %}
import hmac
from collections.abc import Callable
from functools import wraps
{%- endif %}
from pathlib import Path
from typing import Any{% if login %}, NoReturn{% endif %}

import flask
import flask_swagger_ui
from flask import Flask{% if login %}, current_app, request{% endif %}
from flask.views import MethodView
from flask_smorest import Api, Blueprint{% if login %}, abort{% endif %}
from flask_smorest.pagination import PaginationParameters
{%- if login %}
from itsdangerous import BadSignature, URLSafeTimedSerializer
{%- endif %}

{% if login -%}
from .auth import authenticate
{% endif -%}
from .extensions import {% if cookiecutter.forms %}csrf, {% endif %}db
from .models import MAX_ID, Note{% if login %}, User{% endif %}
from .schemas import NoteSchema{% if login %}, TokenSchema{% endif %}

# The files of the Swagger UI release that flask-swagger-ui ships.
SWAGGER_UI_FILES = Path(flask_swagger_ui.__file__).parent / "dist"

blp = Blueprint("api_notes", __name__, url_prefix="/api/notes", description="Notes")
{%- if login %}
# A view function, as flask-smorest's decorators take and return them.
View = Callable[..., Any]

tokens_blp = Blueprint(
    "api_tokens",
    __name__,
    url_prefix="/api/tokens",
    description="Bearer tokens, for the requests that change notes",
)


def token_serializer() -> URLSafeTimedSerializer:
    """What signs and checks tokens: the secret key, then its fallbacks."""
    keys = [*(current_app.config["SECRET_KEY_FALLBACKS"] or []), current_app.secret_key]
    # A salt of its own: nothing else the key signs (the session cookie, a
    # CSRF token) can pass for a token.
    return URLSafeTimedSerializer(keys, salt="api-token")


def refuse(status: int, message: str, challenge: str) -> NoReturn:
    """Answer 401 or 403, saying how to authenticate (RFC 9110, 11.6.1)."""
    abort(status, message=message, headers={"WWW-Authenticate": challenge})


def token_user() -> User:
    """The user whose bearer token the request carries; a 401 without a valid one."""
    auth = request.authorization
    if auth is None or auth.type != "bearer" or not auth.token:
        refuse(401, "This needs a bearer token.", 'Bearer realm="api"')
    invalid = 'Bearer realm="api", error="invalid_token"'
    try:
        user_id, stamp = token_serializer().loads(
            auth.token, max_age=current_app.config["API_TOKEN_MAX_AGE"]
        )
    except BadSignature:  # expired tokens too
        refuse(401, "The token is invalid or has expired.", invalid)
    user = db.session.get(User, user_id)
    if user is None or not hmac.compare_digest(stamp, user.password_stamp()):
        refuse(401, "The token is no longer valid.", invalid)
    return user


{%- if cookiecutter.admin %}


def token_required(*, admin: bool = False) -> Callable[[View], View]:
    """Let a request reach the view only with a valid bearer token, an admin's
    if ``admin``; say so in the API's documentation."""
{%- else %}


def token_required() -> Callable[[View], View]:
    """Let a request reach the view only with a valid bearer token; say so in
    the API's documentation."""
{%- endif %}

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
{%- if cookiecutter.admin %}
            user = token_user()
            if admin and not user.is_admin:
                challenge = 'Bearer realm="api", error="insufficient_scope"'
                refuse(403, "This needs an admin's token.", challenge)
{%- else %}
            token_user()
{%- endif %}
            return view(*args, **kwargs)

        documented = blp.alt_response(401, response="UNAUTHORIZED")(checked)
{%- if cookiecutter.admin %}
        if admin:
            documented = blp.alt_response(403, response="FORBIDDEN")(documented)
{%- endif %}
        return blp.doc(security=[{"bearerAuth": []}])(documented)

    return decorator


@tokens_blp.route("/")
class Tokens(MethodView):
    """Bearer tokens."""

    @tokens_blp.doc(security=[{"basicAuth": []}])
    @tokens_blp.alt_response(401, response="UNAUTHORIZED")
    @tokens_blp.response(200, TokenSchema)
    def post(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Get a token for an account's email address and password (HTTP Basic)."""
        auth = request.authorization
        user = None
        if auth is not None:
            # Only HTTP Basic carries both a username and a password.
            user = authenticate(auth.username or "", auth.password or "")
        if user is None:
            refuse(401, "Wrong email or password.", 'Basic realm="api"')
        token = {
            "access_token": token_serializer().dumps([user.id, user.password_stamp()]),
            "token_type": "Bearer",
            "expires_in": current_app.config["API_TOKEN_MAX_AGE"],
        }
        # Credentials: no cache may keep them (as RFC 6749, 5.1 asks of tokens).
        return token, {"Cache-Control": "no-store"}
{%- endif %}


@blp.route("/")
class Notes(MethodView):
    """The collection of notes."""

    @blp.response(200, NoteSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> list[Note]:
        """List the notes, newest first, a page at a time: ?page=2&page_size=10."""
        notes = db.paginate(
            db.select(Note).order_by(Note.created_at.desc(), Note.id.desc()),
            # Past page MAX_ID every page is empty, and a larger number would
            # overflow the database's OFFSET.
            page=min(pagination_parameters.page, MAX_ID),
            per_page=pagination_parameters.page_size,
            error_out=False,
        )
        # flask-smorest reports the total in the X-Pagination header.
        pagination_parameters.item_count = notes.total
        return notes.items
{% if login %}
    @token_required(){% endif %}
    @blp.arguments(NoteSchema)
    @blp.response(201, NoteSchema)
    def post(self, data: dict[str, Any]) -> Note:
        """Add a note."""
        note = Note(**data)
        db.session.add(note)
        db.session.commit()
        return note


# Bounded: a larger id is a 404, not a database error (see MAX_ID).
@blp.route(f"/<int(max={MAX_ID}):note_id>")
class NoteById(MethodView):
    """One note."""

    @blp.response(200, NoteSchema)
    def get(self, note_id: int) -> Note:
        """Get a note."""
        return db.get_or_404(Note, note_id)
{% if login %}
{%- if cookiecutter.admin %}
    # As on the site, only admins change and delete notes.
{%- endif %}
    @token_required({% if cookiecutter.admin %}admin=True{% endif %}){% endif %}
    @blp.arguments(NoteSchema)
    @blp.response(200, NoteSchema)
    def put(self, data: dict[str, Any], note_id: int) -> Note:
        """Replace a note's title and body."""
        note = db.get_or_404(Note, note_id)
        note.title = data["title"]
        note.body = data["body"]
        db.session.commit()
        return note
{% if login %}
    @token_required({% if cookiecutter.admin %}admin=True{% endif %}){% endif %}
    @blp.response(204)
    def delete(self, note_id: int) -> None:
        """Delete a note."""
        db.session.delete(db.get_or_404(Note, note_id))
        db.session.commit()


def init_api(app: Flask) -> Api:
    """Give ``app`` the API and its OpenAPI documentation; return the Api.

    A new Api for every app, so that ``create_app`` can run more than once.
    """
    api = Api(app)
    # Swagger UI's files, at the URL where its page loads them from.
    app.register_blueprint(
        flask.Blueprint(
            "swagger_ui",
            __name__,
            static_folder=SWAGGER_UI_FILES,
            static_url_path=app.config["OPENAPI_SWAGGER_UI_URL"].removesuffix("/"),
        )
    )
{%- if login %}
    # Named by the views' documentation; Swagger UI's Authorize button offers them.
    for name, scheme in (("basicAuth", "basic"), ("bearerAuth", "bearer")):
        api.spec.components.security_scheme(name, {"type": "http", "scheme": scheme})
    for blueprint in (tokens_blp, blp):
        api.register_blueprint(blueprint)
{%- if cookiecutter.forms %}
        # API clients authenticate with a header, not the session cookie, so
        # no other site can send their requests: the CSRF token is for forms.
        csrf.exempt(blueprint)
{%- endif %}
{%- else %}
    api.register_blueprint(blp)
{%- if cookiecutter.forms %}
    # API clients send JSON without a CSRF token; it protects the HTML forms.
    csrf.exempt(blp)
{%- endif %}
{%- endif %}
    return api
