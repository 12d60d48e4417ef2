"""Local development: debug pages, and the secret key from the generated .env."""

from .base import *

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY")
{%- if cookiecutter.debug_toolbar %}

# A dev dependency: only these settings load it, so production never can.
INSTALLED_APPS = [*INSTALLED_APPS, "debug_toolbar"]
MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware", *MIDDLEWARE]
INTERNAL_IPS = ["127.0.0.1"]
{%- endif %}
