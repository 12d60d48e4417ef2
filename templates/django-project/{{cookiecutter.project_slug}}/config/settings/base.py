"""Settings shared by every environment.

dev.py, test.py and prod.py start from these and change only what differs.
Whatever varies between deployments comes from the environment (or, on a
developer's machine, from the git-ignored .env file), never from code.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# Real environment variables win over the file, so deployments need no .env.
# Tests skip it, so they never touch a developer's database or services.
if os.environ.get("DJANGO_SETTINGS_MODULE") != "config.settings.test":
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = False

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
# The addresses of the reverse proxies whose X-Forwarded-* headers count
# (config/proxies.py); gunicorn reads the same variable.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])

INSTALLED_APPS = [
    # The project's apps first, so their templates win over third-party ones.
    "{{ cookiecutter.package_name }}.users",
    "{{ cookiecutter.package_name }}.pages",
{%- if cookiecutter.drf %}
    "{{ cookiecutter.package_name }}.notes",
{%- endif %}
{%- if cookiecutter.wagtail %}
    "{{ cookiecutter.package_name }}.cms",
{%- endif %}
    # Lets runserver serve static files the way WhiteNoise does in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if cookiecutter.database == "postgresql" %}
    # PostgreSQL fields, indexes and full-text search (Wagtail's search uses them).
    "django.contrib.postgres",
{%- endif %}
{%- if cookiecutter.drf %}
    "rest_framework",
{%- endif %}
{%- if cookiecutter.tasks == "django-tasks" %}
    "django_tasks_db",
{%- endif %}
{%- if cookiecutter.wagtail %}
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
{%- endif %}
]

MIDDLEWARE = [
    # First: the rest see the client's address and scheme that a proxy reports.
    "config.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after security: serves collected static files without a web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Between sessions and common: picks the language from the request.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "{{ cookiecutter.package_name }}" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite unless DATABASE_URL names another database.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes write at once: gunicorn's workers
{%- if cookiecutter.tasks == "django-tasks" %} and db_worker
{%- elif cookiecutter.tasks == "celery" %} and Celery's workers
{%- endif %}. WAL lets
    # readers go on while one of them writes; IMMEDIATE takes the write lock
    # when a transaction begins, so another writer waits up to the timeout
    # (seconds, below gunicorn's 30) instead of failing at once with "database
    # is locked". WAL needs a local disk: not NFS or another network share.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL",
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
{%- if cookiecutter.cache %}

# Redis in development and production (CACHE_URL=redis://...); sessions are
# read from the cache and written through to the database.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
{%- endif %}

# A custom user model from day one: swapping it in later is painful.
AUTH_USER_MODEL = "users.User"
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Served from this site, unless DJANGO_STATIC_URL names a CDN that pulls them
# from it, with the same path (https://cdn.example.com/static/): the static
# tag then writes absolute URLs on the CDN's host, and WhiteNoise goes on
# serving /static/ here, to the CDN.
STATIC_URL = env("DJANGO_STATIC_URL", default="static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "{{ cookiecutter.package_name }}" / "static"]
{%- if cookiecutter.wagtail %}
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
{%- endif %}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names that browsers and CDNs may cache forever.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail goes to the console until prod.py configures SMTP.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content-Security-Policy, report-only: browsers block nothing and print each
# violation in their developer console. To collect violations from visitors'
# browsers as well, add "report-uri": ["https://..."], the address of your own
# collector or of a reporting service. Rename the setting to SECURE_CSP to
# enforce the policy once nothing is reported; the project's own templates
# use no inline script or style.
{%- if cookiecutter.wagtail %}
# Before that, give the Wagtail admin (/cms/) a policy of its own: it runs
# inline scripts without a nonce and shows Gravatar images. Wrap its views in
# django.views.decorators.csp.csp_override, all at once with
# wagtail.utils.urlpatterns.decorate_urlpatterns in config/urls.py.
{%- endif %}
{%- if cookiecutter.drf %}
# DRF's browsable API (/api/ in a browser) colours its JSON with an inline
# <style>: enforcing costs it only the colours.
{%- endif %}
# Pages load static files from the CDN's host too, when there is one.
static_hosts = [host] if (host := urlsplit(STATIC_URL).netloc) else []
SECURE_CSP_REPORT_ONLY = {
    "default-src": [CSP.SELF, *static_hosts],
    "script-src": [CSP.SELF, CSP.NONCE, *static_hosts],
    "img-src": [CSP.SELF, "data:", *static_hosts],
}

# Everything to stdout: the process manager or container runtime keeps logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "loggers": {
        # Django's default adds a console handler of its own when DEBUG is on,
        # which would print each record a second time; the errors mailed to
        # ADMINS in production stay.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
{%- if cookiecutter.drf %}

# APIs are private unless a view says otherwise.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}
{%- endif %}
{%- if cookiecutter.tasks == "django-tasks" %}

# Tasks are stored in the database; `python manage.py db_worker` runs them.
{%- if cookiecutter.wagtail %}
# Wagtail's too: it updates its search and reference indexes in tasks, so a
# page published in the admin is found by search once the worker has run.
{%- endif %}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
{%- elif cookiecutter.wagtail %}

# Wagtail updates its search and reference indexes in tasks of Django's tasks
# framework. Its immediate backend (Django's default, spelled out) runs them
# in the request that publishes a page: search finds the page at once, with
# no worker to run.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}

# Celery reads every CELERY_* setting (see config/celery.py).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/1")
{%- endif %}
{%- if cookiecutter.wagtail %}

WAGTAIL_SITE_NAME = {{ cookiecutter.project_name | py_str }}
# Links back to the admin in notification emails: runserver's address here,
# the site's own in prod.py.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
{%- endif %}
