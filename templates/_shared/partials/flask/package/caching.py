{%- set db = cookiecutter.database is defined -%}
{%- set login = cookiecutter.get("login") -%}
"""Caching with Flask-Caching: Redis when ``CACHE_URL`` names one, otherwise a
cache in this process.

``CACHE_URL`` (``redis://HOST:6379/0``) is the name hosting platforms and
compose files use, as ``DATABASE_URL`` is. Empty or unset, and always in the
tests, each process keeps its own cache (SimpleCache): right for
``flask run`` and for one worker, but with several gunicorn workers
{%- if db %} a note
written through one of them would leave the others' copies of the list stale
until they expire. Serve with several workers only with ``CACHE_URL`` set.
{%- else %} each
one fills its own copy.
{%- endif %}

Any ``FLASK_CACHE_*`` variable overrides the settings below, such as
``FLASK_CACHE_DEFAULT_TIMEOUT=60`` or ``FLASK_CACHE_TYPE=NullCache`` (no
caching at all).
"""

{% if db %}import logging
{% endif %}import os

from flask import Flask{% if db %}, request{% endif %}, session
from flask_caching import Cache
{%- if login %}
from flask_login import current_user
{%- endif %}
{%- if db %}
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from .extensions import db
from .models import Note
{%- endif %}

cache = Cache()
{%- if db %}

# The first page of /notes/, the page every visitor lands on. Only it is
# cached: a write deletes this one key, whereas caching every page would mean
# finding and deleting them all (a new note moves every other note down).
NOTES_PAGE_KEY = "notes/first-page"
{%- else %}

# The home page, rendered once for every visitor who has nothing of their own
# on it (see is_personal).
HOME_PAGE_KEY = "main/home"
{%- endif %}


def init_app(app: Flask) -> None:
    """Bind the cache to ``app``: Redis from ``CACHE_URL``, else this process."""
    url = os.environ.get("CACHE_URL")
    if url and not app.testing:
        app.config.setdefault("CACHE_TYPE", "RedisCache")
        app.config.setdefault("CACHE_REDIS_URL", url)
    else:
        # The tests need no server, and each test app starts with an empty cache.
        app.config.setdefault("CACHE_TYPE", "SimpleCache")
    # Five minutes: how long a page that nothing invalidates may be stale.
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 300)
    # Apps sharing one Redis database keep apart.
    app.config.setdefault("CACHE_KEY_PREFIX", "{{ cookiecutter.package_name }}:")
    cache.init_app(app)


def is_personal() -> bool:
    """Tell whether the page shows something for this visitor only, and so
    must be rendered for them rather than taken from the cache: a message
    flashed for them{% if login %}, or their account's links and log-out form{% endif %}."""
    return bool(session.get("_flashes")){% if login %} or current_user.is_authenticated{% endif %}
{%- if db %}


def is_not_first_page() -> bool:
    """Tell whether the notes list asked for is other than the first page as
    every visitor sees it: another page (``?page=2``) or a personal one."""
    return bool(request.args) or is_personal()


@event.listens_for(db.session, "after_flush")
def note_notes_changed(session: Session, flush_context: UOWTransaction) -> None:
    """Remember that this transaction wrote a note (added, changed or deleted).

    The cached page is deleted only once the transaction is committed: deleted
    now, a request in between could cache the old list again.
    """
    # After a flush the session still lists what the flush wrote.
    written = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(instance, Note) for instance in written):
        session.info["notes_changed"] = True


@event.listens_for(db.session, "after_commit")
def forget_notes_page(session: Session) -> None:
    """Delete the cached notes page once a transaction that wrote a note is
    committed, whatever wrote it through the ORM, so that the list shows the
    change at once."""
    if not session.info.pop("notes_changed", False):
        return
    try:
        cache.delete(NOTES_PAGE_KEY)
    except Exception:
        # As Flask-Caching does when a read fails: the note is saved, and an
        # unreachable cache server must not turn that into an error page.
        logging.getLogger(__name__).exception("could not delete the cached notes page")


@event.listens_for(db.session, "after_rollback")
def keep_notes_page(session: Session) -> None:
    """A transaction rolled back changed nothing: the cached page stays."""
    session.info.pop("notes_changed", None)
{%- endif %}
