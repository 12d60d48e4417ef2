"""The database tables, as SQLAlchemy 2.0 typed models.

After changing a model, write a migration with ``flask db migrate -m "..."``,
review it, then apply it with ``flask db upgrade``.
"""

{% if cookiecutter.login %}import hashlib
{% endif %}from datetime import UTC, datetime

{% if cookiecutter.login %}from flask import current_app
from flask_login import UserMixin
{% endif %}from sqlalchemy import DateTime, Dialect, String, Text{% if cookiecutter.admin %}, false{% endif %}
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator
{%- if cookiecutter.login %}
from werkzeug.security import check_password_hash, generate_password_hash
{%- endif %}

from .extensions import db

# The largest id that fits an Integer column on every database: PostgreSQL's
# INTEGER has 32 bits. Routes bound the ids in their URLs with it, so that a
# larger one is a 404 instead of a database error.
MAX_ID = 2**31 - 1


def utc_now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, stored in UTC and read back timezone-aware, in UTC.

    ``DateTime(timezone=True)`` alone reads back aware on PostgreSQL but naive
    on SQLite, which stores no offset (and so would keep an aware time's local
    clock reading). A naive value is taken to be in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return as_utc(value)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return as_utc(value)


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` in UTC, timezone-aware; a naive one is taken to be in UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class Note(db.Model):
    """An example model: a short text with a title."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed: the list pages order and look up notes by these columns.
    title: Mapped[str] = mapped_column(String(200), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utc_now, index=True
    )

    def __repr__(self) -> str:
        return f"<Note {self.id} {self.title!r}>"
{%- if cookiecutter.login %}


class User(UserMixin, db.Model):
    """An account that logs in with an email address and a password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    # Only a salted hash is stored, never the password.
    password_hash: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.admin %}
    # Admins may use the admin pages; `flask create-admin` makes one.
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
{%- endif %}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    def set_password(self, password: str) -> None:
        """Store a hash of ``password``, made with the app's PASSWORD_HASH_METHOD."""
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def check_password(self, password: str) -> bool:
        """Tell whether ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def password_stamp(self) -> str:
        """A digest of the password hash, which changes with the password."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def get_id(self) -> str:
        """What sessions and remember-me cookies keep: the id and the password
        stamp, so that a new password logs out every browser that knew the old."""
        return f"{self.id}:{self.password_stamp()}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r}>"
{%- endif %}
