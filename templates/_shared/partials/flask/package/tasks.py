{%- set db = cookiecutter.database is defined -%}
{%- set contact = cookiecutter.forms -%}
"""Background tasks with Celery, as Flask's documentation shows ("Background
Tasks with Celery"): the factory makes a Celery app whose tasks run inside the
Flask app's context, and keeps it in ``app.extensions["celery"]``.

A worker runs the queued tasks; start one beside the web server with
``celery -A {{ cookiecutter.package_name }}.worker worker --loglevel INFO``. The broker is the Redis
server that ``CELERY_BROKER_URL`` names. In the tests every task runs at once,
in the test's own process (eager mode), and needs no server.

Settings come from ``app.config["CELERY"]``, such as
``FLASK_CELERY__task_time_limit=60`` in the environment.
"""

import os
{%- if db %}
from datetime import timedelta
{%- endif %}

import click
from celery import Celery, Task, shared_task
from celery.exceptions import TimeoutError as CeleryTimeoutError
from flask import Flask, appcontext_pushed{% if contact %}, current_app{% endif %}, has_app_context
from flask.cli import with_appcontext
{%- if db %}

from .extensions import db
from .models import Note, utc_now
{%- endif %}

BROKER_URL = "redis://127.0.0.1:6379/1"


def init_app(app: Flask) -> Celery:
    """Make the Celery app of ``app`` and keep it in ``app.extensions["celery"]``."""

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            if has_app_context():
                # Run eagerly from a request or a test: in that app already.
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    broker_url = os.environ.get("CELERY_BROKER_URL") or BROKER_URL
    config = {
        "broker_url": broker_url,
        # Where the results of the tasks that keep one go (ping below).
        "result_backend": os.environ.get("CELERY_RESULT_BACKEND") or broker_url,
        # Most tasks are fire-and-forget: storing their results would only fill Redis.
        "task_ignore_result": True,
        # A queued task is taken off the queue only once it has run: a worker
        # killed in the middle leaves it for the next one.
        "task_acks_late": True,
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
    }
    if app.testing:
        # Run each task at once in the test's process; its errors fail the test.
        config |= {"task_always_eager": True, "task_eager_propagates": True}
    app.config["CELERY"] = config | app.config.get("CELERY", {})

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app

    def use_this_celery_app(sender: Flask, **extra: object) -> None:
        # Where one process makes several apps (the tests do), a task queued
        # in an app's context goes through that app's Celery, with its settings.
        celery_app.set_current()

    appcontext_pushed.connect(use_this_celery_app, app, weak=False)
    app.cli.add_command(ping_worker){% if db %}
    app.cli.add_command(queue_delete_old_notes){% endif %}
    return celery_app


@click.command("ping-worker")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait.")
@with_appcontext
def ping_worker(timeout: float) -> None:
    """Check that a Celery worker runs the queued tasks."""
    try:
        answer = ping.delay().get(timeout=timeout)
    except CeleryTimeoutError:
        raise click.ClickException(
            f"no answer in {timeout:g} s: is a worker running on CELERY_BROKER_URL?"
        ) from None
    click.echo(f"The worker answered {answer}.")
{%- if db %}


@click.command("delete-old-notes")
@click.option("--days", default=365, show_default=True, help="Keep the last DAYS days.")
@with_appcontext
def queue_delete_old_notes(days: int) -> None:
    """Queue the deletion of the notes older than DAYS days for a worker."""
    delete_old_notes.delay(days)
    click.echo(f"Queued: delete the notes older than {days} days.")
{%- endif %}


@shared_task(ignore_result=False)
def ping() -> str:
    """Answer ``pong``: ``flask --app {{ cookiecutter.package_name }} ping-worker`` checks with it that a
    worker takes tasks from the broker and sends results back."""
    return "pong"
{%- if contact %}


@shared_task
def send_contact_message(name: str, message: str) -> None:
    """Pass on a message from the contact form, away from the request.

    It is logged, where the site's owner reads it; sending it by mail (slow,
    and may fail and be retried) goes here too.
    """
    # Quoted (repr): a line break in the message cannot forge a log line.
    current_app.logger.info("Contact message from %r: %r", name, message)
{%- endif %}
{%- if db %}


@shared_task
def delete_old_notes(days: int) -> int:
    """Delete the notes written more than ``days`` days ago; return how many.

    Queued by ``flask --app {{ cookiecutter.package_name }} delete-old-notes --days 30`` (from cron, say),
    so that the work is done by a worker, whatever it takes.
    """
    cutoff = utc_now() - timedelta(days=days)
    old = db.session.scalars(db.select(Note).where(Note.created_at < cutoff)).all()
    for note in old:  # through the ORM, so that its events (the cache) hear of it
        db.session.delete(note)
    db.session.commit()
    return len(old)
{%- endif %}
