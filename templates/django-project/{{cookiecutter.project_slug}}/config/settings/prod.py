"""Production: Django's deployment checklist, failing fast on unsafe values.

`python manage.py check --deploy --fail-level WARNING` passes with these
settings. TLS is expected to end at a proxy in front of gunicorn.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

# The key signs sessions and password-reset links: refuse a missing, short or
# guessable one (the .env.example placeholder is too short on purpose).
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a random value of at least 50 characters."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# An empty value would answer every request with 400 (and leave nothing to
# derive the defaults below from).
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS to the site's host names.")
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=[f"https://{host}" for host in ALLOWED_HOSTS],
)

# The proxy reports the original scheme; without this the redirect loops.
# Only the proxies in FORWARDED_ALLOW_IPS may send it (config/proxies.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Turn off only where the platform already redirects HTTP to HTTPS.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Health checks from inside the container or the host speak plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Browsers remember HSTS: start with an hour, raise to a year (31536000)
# once every subdomain serves HTTPS.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
{%- if cookiecutter.database == "postgresql" %}

# A pool per process instead of persistent connections (Django refuses both at
# once). A gunicorn worker serves at most GUNICORN_THREADS requests at a time,
# each on one connection, so a bigger pool would only hold idle connections:
# the web processes then open at most WEB_CONCURRENCY x GUNICORN_THREADS, which
# must stay below PostgreSQL's max_connections (100 by default).
threads = env.int("GUNICORN_THREADS", default=4)  # gunicorn.conf.py's default
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
    "min_size": 1,
    "max_size": threads,
    "timeout": 10,
}
{%- endif %}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=587),
            "username": env("EMAIL_HOST_USER", default=""),
            "password": env("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=True),
        },
    }
}
# Addresses that receive error reports, e.g. DJANGO_ADMINS=ops@example.com
ADMINS = env.list("DJANGO_ADMINS", default=[])
{%- if cookiecutter.wagtail %}

# The admin's address in Wagtail's notification emails: base.py's localhost
# default would send editors there, so derive it like CSRF_TRUSTED_ORIGINS.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default=f"https://{ALLOWED_HOSTS[0]}"
)
{%- endif %}
