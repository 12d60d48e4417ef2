"""pytest settings: fast and self-contained; .env is not read (see base.py).

The database is SQLite in memory unless DATABASE_URL is set in the environment.
"""

from .base import *

SECRET_KEY = "tests-only-not-secret"

# The default hasher is slow on purpose; tests don't need that.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest storage needs collectstatic first; tests use plain files.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve files from the apps directly, without scanning an uncollected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
{%- if cookiecutter.cache %}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
{%- endif %}
{%- if cookiecutter.tasks == "django-tasks" %}

# Run tasks inline, so tests see their effects without a worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
{%- elif cookiecutter.tasks == "celery" %}

# Run tasks inline, so tests see their effects without a broker or worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
{%- endif %}
