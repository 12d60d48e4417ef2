"""The admin pages (Flask-Admin) at /admin/, open to logged-in admins only."""

from collections.abc import Sequence
from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_admin import Admin, AdminIndexView
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import DateTimeField
from flask_admin.theme import Bootstrap4Theme
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.validators import DataRequired, Regexp

from .auth import normalize_email
from .extensions import db
from .forms import EMAIL_PATTERN
from .models import MAX_ID, Note, User


def is_admin() -> bool:
    """Tell whether the current visitor is a logged-in admin."""
    return bool(current_user.is_authenticated and current_user.is_admin)


def is_possible_id(value: object) -> bool:
    """Tell whether a row can have the id ``value``, as a request spells it.

    Ids run from 0 to MAX_ID, written in ASCII digits. No row has any other,
    and a query with one fails on PostgreSQL: its integer ends at MAX_ID, and
    it reads neither "abc" nor "1_0" nor Arabic-Indic digits, though int()
    reads the last two.
    """
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) <= len(str(MAX_ID))
        and int(value) <= MAX_ID
    )


def refuse() -> Response:
    """Send anonymous visitors to the login form; forbid everyone else."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.path))
    abort(403)


class AdminOnlyIndexView(AdminIndexView):
    """The admin's home page. Flask-Admin pages are public unless told otherwise."""

    def is_accessible(self) -> bool:
        return is_admin()

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Response:
        return refuse()


class AdminOnlyModelView(ModelView):
    """List, create, edit and delete rows of one model; admins only."""

    def is_accessible(self) -> bool:
        return is_admin()

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Response:
        return refuse()

    def get_list(
        self, page: int | None, *args: Any, **kwargs: Any
    ) -> tuple[int | None, list[Any]]:
        """The rows of one page of the list; a 404 for a page no list can have.

        ``?page=`` counts from 0 here. A negative page is a database error on
        PostgreSQL, and one past MAX_ID overflows the database's OFFSET. Such
        a link is wrong, as an id past MAX_ID is: Not Found says so, where a
        clamped page would show other rows than its URL names. A page past
        the last that fits stays Flask-Admin's empty list: deleting the last
        row of the last page sends the admin back to that page.
        """
        if page is not None and not 0 <= page <= MAX_ID:
            abort(404)
        return super().get_list(page, *args, **kwargs)

    def get_one(self, id: Any) -> Any:
        """The row of ``id`` (the edit page's ``?id=``, the delete form's id),
        or None for an id no row can have.

        None makes Flask-Admin say that the record does not exist, as for an
        id that fits but names no row. ``?id=`` given twice comes as a tuple.
        """
        return super().get_one(id) if is_possible_id(id) else None

    # Flask-Admin's bulk Delete (name, label, question), ids made numbers.
    @action(
        "delete",
        lazy_gettext("Delete"),
        lazy_gettext("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids: Sequence[str]) -> None:
        """Delete the rows of ``ids``, the list's ticked rows.

        Flask-Admin puts the ids, as the request spells them, into one query,
        where PostgreSQL (with psycopg 3) compares a number with text and fails
        whatever the ids. As numbers they work; an id that no row can have is
        left out, as one that names no row would match nothing.
        """
        super().action_delete([int(id) for id in ids if is_possible_id(id)])


class NoteView(AdminOnlyModelView):
    column_searchable_list = ("title",)
    column_default_sort = ("created_at", True)
    # Flask-Admin leaves out columns of a type it does not know (UTCDateTime);
    # a time typed here is taken to be in UTC.
    form_overrides = {"created_at": DateTimeField}


class UserView(AdminOnlyModelView):
    """Accounts; new ones come from the register page or `flask create-admin`."""

    can_create = False
    column_list = ("email", "is_admin", "created_at")
    column_searchable_list = ("email",)
    form_columns = ("email", "is_admin")
    form_args = {
        "email": {
            "validators": [
                DataRequired(),
                Regexp(EMAIL_PATTERN, message="Enter an email address."),
            ]
        }
    }

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        # Stored as login looks it up: Ada@Example.com would lock Ada out.
        model.email = normalize_email(model.email)


def init_admin(app: Flask) -> None:
    """Give ``app`` its admin pages.

    A new Admin for every app: one shared Admin would register its views'
    blueprints twice when ``create_app`` runs a second time (as tests do).
    """
    admin = Admin(
        app,
        name={{ cookiecutter.project_name | py_str }},
        theme=Bootstrap4Theme(swatch="cerulean", fluid=True),
        index_view=AdminOnlyIndexView(),
    )
    admin.add_view(NoteView(Note, db))
    admin.add_view(UserView(User, db))
