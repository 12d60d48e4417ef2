{%- if cookiecutter.tasks == "celery" -%}
"""Project configuration; loads Celery so that @shared_task binds to its app."""

from .celery import app as celery_app

__all__ = ("celery_app",)
{% endif -%}
