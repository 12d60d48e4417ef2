{%- set db = cookiecutter.database is defined -%}
"""Background tasks: they run at once in the tests (eager mode), in the app's
context, and the site queues them where it should."""

{% if cookiecutter.forms %}import re
{% endif %}{% if db %}from datetime import timedelta
{% endif %}{% if cookiecutter.forms or db %}from unittest.mock import patch

{% endif %}import pytest
from celery import Celery
from flask import Flask
{%- if cookiecutter.forms %}
from flask.testing import FlaskClient, FlaskCliRunner
{%- else %}
from flask.testing import FlaskCliRunner
{%- endif %}

from {{ cookiecutter.package_name }} import tasks
{%- if db %}
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import Note, utc_now
{%- endif %}


def test_the_factory_makes_a_celery_app(app: Flask) -> None:
    celery_app = app.extensions["celery"]
    assert isinstance(celery_app, Celery)
    assert celery_app.conf.task_always_eager  # no worker, no broker in the tests
    assert celery_app.conf.task_ignore_result
    assert celery_app.conf.broker_url.startswith("redis://")


def test_the_broker_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from {{ cookiecutter.package_name }} import create_app

    monkeypatch.setenv("CELERY_BROKER_URL", "redis://broker.example:6379/3")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    celery_app = app.extensions["celery"]
    assert celery_app.conf.broker_url == "redis://broker.example:6379/3"
    assert celery_app.conf.result_backend == "redis://broker.example:6379/3"


def test_ping_runs_in_the_app_context(app: Flask) -> None:
    assert tasks.ping.delay().get(timeout=1) == "pong"


def test_ping_worker_command(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["ping-worker"])
    assert result.exit_code == 0, result.output
    assert "The worker answered pong." in result.output
{%- if cookiecutter.forms %}


def csrf_token(client: FlaskClient) -> str:
    page = client.get("/contact").text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "the form has no CSRF token"
    return match.group(1)


def test_the_contact_form_queues_its_message(app: Flask, client: FlaskClient) -> None:
    data = {"name": "Ada", "message": "Hello", "csrf_token": csrf_token(client)}
    # In the app's context: its Celery app's task is the one that the view calls.
    with app.app_context(), patch.object(tasks.send_contact_message, "delay") as delay:
        response = client.post("/contact", data=data)
    assert response.status_code == 302
    delay.assert_called_once_with("Ada", "Hello")


def test_the_contact_message_is_passed_on(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """End to end: the form queues the task, which runs (eagerly) and logs it."""
    data = {"name": "Ada", "message": "Hello there", "csrf_token": csrf_token(client)}
    with caplog.at_level("INFO"):
        response = client.post("/contact", data=data, follow_redirects=True)
    assert "Thank you" in response.text
    assert "Contact message from 'Ada': 'Hello there'" in caplog.text
{%- endif %}
{%- if db %}


def add_note(title: str, days_old: int) -> None:
    db.session.add(Note(title=title, created_at=utc_now() - timedelta(days=days_old)))
    db.session.commit()


def test_delete_old_notes_keeps_the_recent_ones(app: Flask) -> None:
    with app.app_context():
        add_note("Old", days_old=40)
        add_note("Recent", days_old=2)
        assert tasks.delete_old_notes.delay(30).get(timeout=1) == 1
        titles = db.session.scalars(db.select(Note.title)).all()
    assert titles == ["Recent"]


def test_the_command_queues_the_deletion(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context(), patch.object(tasks.delete_old_notes, "delay") as delay:
        result = runner.invoke(args=["delete-old-notes", "--days", "30"])
    assert result.exit_code == 0, result.output
    delay.assert_called_once_with(30)


def test_the_command_deletes_old_notes(app: Flask, runner: FlaskCliRunner) -> None:
    """End to end: the command queues the task, which runs (eagerly)."""
    with app.app_context():
        add_note("Old", days_old=400)
    result = runner.invoke(args=["delete-old-notes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(db.select(Note)).all() == []
{%- endif %}
