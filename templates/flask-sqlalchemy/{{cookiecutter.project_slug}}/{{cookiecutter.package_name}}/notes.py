"""Notes: a paginated list, a page per note{% if cookiecutter.forms %} and a form to add one{% endif %}."""

from flask import Blueprint{% if cookiecutter.forms %}, flash, redirect{% endif %}, render_template, request{% if cookiecutter.forms %}, url_for{% endif %}
{%- if cookiecutter.login %}
from flask_login import login_required
{%- endif %}
{%- if cookiecutter.forms %}
from werkzeug.wrappers import Response
{%- endif %}

{% if cookiecutter.cache %}from .caching import NOTES_PAGE_KEY, cache, is_not_first_page
{% endif %}from .extensions import db
{%- if cookiecutter.forms %}
from .forms import NoteForm
{%- endif %}
from .models import MAX_ID, Note

bp = Blueprint("notes", __name__, url_prefix="/notes")

PER_PAGE = 20


@bp.get("/")
{%- if cookiecutter.cache %}
@cache.cached(key_prefix=NOTES_PAGE_KEY, unless=is_not_first_page)
{%- endif %}
def index() -> str:
    """List the notes, newest first, a page at a time (``?page=2``)."""
    # Past page MAX_ID every page is empty (a 404), and a larger number would
    # overflow the database's OFFSET.
    page = min(request.args.get("page", 1, type=int), MAX_ID)
    notes = db.paginate(
        db.select(Note).order_by(Note.created_at.desc(), Note.id.desc()),
        page=page,
        per_page=PER_PAGE,
    )
    return render_template("notes/index.html", notes=notes)


# Bounded: a larger id is a 404, not a database error (see MAX_ID).
@bp.get(f"/<int(max={MAX_ID}):note_id>")
def detail(note_id: int) -> str:
    """Show one note, or 404."""
    note = db.get_or_404(Note, note_id)
    return render_template("notes/detail.html", note=note)
{%- if cookiecutter.forms %}


@bp.route("/new", methods=["GET", "POST"])
{%- if cookiecutter.login %}
@login_required
{%- endif %}
def new() -> str | Response:
    """Show the form for a new note and save a valid, CSRF-protected submission."""
    form = NoteForm()
    if form.validate_on_submit():
        note = Note(title=form.title.data, body=form.body.data or "")
        db.session.add(note)
        db.session.commit()
        flash("Note saved.")
        return redirect(url_for("notes.detail", note_id=note.id))
    return render_template("notes/new.html", form=form)
{%- endif %}
