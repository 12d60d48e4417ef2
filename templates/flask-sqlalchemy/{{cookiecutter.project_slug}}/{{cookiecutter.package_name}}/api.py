"""The REST API: notes under /api/notes/, documented at /api/docs/.

flask-smorest writes the OpenAPI 3 document and serves Swagger UI. The API
has no authentication yet: add some (a token, not the session cookie) before
it is reachable from the internet.
"""

from typing import Any

from flask import Flask
from flask.views import MethodView
from flask_smorest import Api, Blueprint
from flask_smorest.pagination import PaginationParameters
{%- if cookiecutter.forms %}

from .extensions import csrf, db
{%- else %}

from .extensions import db
{%- endif %}
from .models import MAX_ID, Note
from .schemas import NoteSchema

blp = Blueprint("api_notes", __name__, url_prefix="/api/notes", description="Notes")


@blp.route("/")
class Notes(MethodView):
    """The collection of notes."""

    @blp.response(200, NoteSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> list[Note]:
        """List the notes, newest first, a page at a time (``?page=2&page_size=10``)."""
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

    @blp.arguments(NoteSchema)
    @blp.response(200, NoteSchema)
    def put(self, data: dict[str, Any], note_id: int) -> Note:
        """Replace a note's title and body."""
        note = db.get_or_404(Note, note_id)
        note.title = data["title"]
        note.body = data["body"]
        db.session.commit()
        return note

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
    api.register_blueprint(blp)
{%- if cookiecutter.forms %}
    # API clients send JSON without a CSRF token; it protects the HTML forms.
    csrf.exempt(blp)
{%- endif %}
    return api
