"""The models: times are timezone-aware and in UTC, read back from any database."""

from datetime import UTC, datetime, timedelta, timezone

from flask import Flask

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import Note, utc_now


def saved_and_read_back(app: Flask, note: Note) -> Note:
    """Save ``note``, then load it again from the database, not the session."""
    with app.app_context():
        db.session.add(note)
        db.session.commit()
        note_id = note.id
    with app.app_context():
        stored = db.session.get(Note, note_id)
        assert stored is not None
        return stored


def test_created_at_reads_back_in_utc(app: Flask) -> None:
    before = utc_now()
    created_at = saved_and_read_back(app, Note(title="Now")).created_at
    assert created_at.tzinfo is not None
    assert created_at.utcoffset() == timedelta(0)
    # Comparable with an aware time (a naive one would raise a TypeError).
    assert before <= created_at <= utc_now()


def test_times_in_other_zones_are_stored_in_utc(app: Flask) -> None:
    paris_summer = timezone(timedelta(hours=2))
    noon_in_paris = datetime(2026, 7, 1, 12, 0, tzinfo=paris_summer)
    note = saved_and_read_back(app, Note(title="Noon", created_at=noon_in_paris))
    assert note.created_at == noon_in_paris
    assert note.created_at.tzinfo is UTC
    assert note.created_at.hour == 10


def test_naive_times_are_taken_as_utc(app: Flask) -> None:
    naive_noon = datetime(2026, 7, 1, 12, 0)
    note = saved_and_read_back(app, Note(title="Noon", created_at=naive_noon))
    assert note.created_at == naive_noon.replace(tzinfo=UTC)
