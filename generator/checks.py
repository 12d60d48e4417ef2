"""Validators for free-text answers, named by ``fields.*.check`` in the metadata.

Each returns ``None`` for a good value and a short reason otherwise, so the
same function serves the interactive prompt (ask again, showing the reason)
and flags or answers files (a one-line error).
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Callable
from email.headerregistry import Address

# Names a project package must not take: it would shadow a module that the
# generated project or its tools import, from its own dependencies or theirs
# (tests/test_deep.py checks that every module an installed project has is
# here). The standard library's are refused as well (see check_package_name),
# as any of them may be imported by the project or by Python itself on the
# way; "test" (CPython's own tests) is not among those.
SHADOWED_MODULES = frozenset(
    {
        # Both frameworks, the server and the tools
        "app", "config", "test", "tests", "click", "gunicorn", "packaging", "pytest",
        "pluggy", "iniconfig", "pygments", "ruff", "pre_commit", "cfgv", "identify",
        "nodeenv", "virtualenv", "distlib", "filelock", "platformdirs", "yaml",
        "python_discovery", "typing_extensions", "psycopg", "psycopg_binary", "psycopg_pool",
        # Flask and its extensions
        "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "blinker", "dotenv",
        "sqlalchemy", "greenlet", "alembic", "mako", "flask_sqlalchemy", "flask_migrate",
        "flask_wtf", "wtforms", "flask_login", "flask_admin", "flask_smorest", "marshmallow",
        "webargs", "apispec", "flask_caching", "cachelib", "flask_swagger_ui",
        # Django and its extensions
        "django", "asgiref", "sqlparse", "environ", "whitenoise", "brotli", "debug_toolbar",
        "pytest_django", "rest_framework", "django_tasks", "django_tasks_db", "celery", "kombu",
        "billiard", "vine", "amqp", "redis", "dateutil", "tzdata", "tzlocal", "prompt_toolkit",
        "wcwidth", "click_didyoumean", "click_repl", "click_plugins", "wagtail", "modelcluster",
        "taggit", "django_filters", "treebeard", "permissionedforms", "willow", "filetype",
        "defusedxml", "bs4", "soupsieve", "openpyxl", "et_xmlfile", "telepath", "laces",
        "anyascii", "draftjs_exporter", "l18n", "requests", "urllib3", "certifi", "idna",
        "charset_normalizer", "pillow_heif", "six", "modelsearch", "swapper", "sample_taggit",
        "ninja", "pydantic", "pydantic_core", "annotated_types", "typing_inspection",
        "django_stubs_ext", "py", "djlint", "cssbeautifier", "jsbeautifier", "editorconfig",
        "json5", "pathspec", "regex", "uvicorn", "uvicorn_worker", "h11",
    }
)  # fmt: skip

# Distribution names of dependencies that differ from their module's name:
# a project of that name could not be installed beside them.
SHADOWED_DISTRIBUTIONS = frozenset(
    {
        "python-dotenv", "django-environ", "djangorestframework", "django-debug-toolbar",
        "django-filter", "django-modelcluster", "django-taggit", "django-treebeard",
        "django-permissionedforms", "beautifulsoup4", "pillow", "pyyaml", "python-dateutil",
        "draftjs-exporter", "django-ninja", "flask-caching", "uvicorn-worker",
    }
)  # fmt: skip

# What a generated project keeps beside its package: a package of the same
# name would clash with the folder (Flask-Migrate's migrations, Flask's
# instance folder, collectstatic's output, uploads) or with the module.
PROJECT_ENTRIES = frozenset(
    {"conftest", "instance", "manage", "media", "migrations", "staticfiles"}
)

_PROJECT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]*")
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
# PEP 440, without local versions (an index refuses them).
_VERSION = re.compile(r"(?:\d+!)?\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?")
MAX_TEXT = 500
# A name becomes a folder (and ".NAME.scaffold-XXXXXXXX" beside it while it is
# written) and a file name: well within the 255 bytes a file system allows.
MAX_NAME = 100


def check_project_name(value: str) -> str | None:
    """A human name whose package name (derived from it) is valid too."""
    if len(value) > MAX_NAME:
        return f"longer than {MAX_NAME} characters"
    if not _PROJECT_NAME.fullmatch(value):
        return "use letters, digits, spaces, '-' or '_', starting with a letter"
    return check_package_name(re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_"))


def check_project_slug(value: str) -> str | None:
    """A folder and distribution name: lowercase words joined by '-'."""
    if len(value) > MAX_NAME:
        return f"longer than {MAX_NAME} characters"
    if not _SLUG.fullmatch(value):
        return "use lowercase letters and digits separated by single '-'"
    if value in SHADOWED_DISTRIBUTIONS or value.replace("-", "_") in SHADOWED_MODULES:
        return f"{value!r} is the name of a package the project depends on"
    return None


def check_package_name(value: str) -> str | None:
    """An import name that is no keyword and hides no module the project needs."""
    if len(value) > MAX_NAME:
        return f"longer than {MAX_NAME} characters"
    if not _PACKAGE.fullmatch(value) or not value.isidentifier():
        return f"{value!r} is not a valid import name (lowercase letters, digits, '_')"
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return f"{value!r} is a Python keyword"
    if value in SHADOWED_MODULES:
        return f"{value!r} would shadow the module {value!r} that the project imports"
    if value in PROJECT_ENTRIES:
        return f"{value!r} is taken by the project's own {value!r} folder or module"
    if value in sys.stdlib_module_names:
        return f"{value!r} would shadow the standard-library module {value!r}; choose another name"
    return None


def check_email(value: str) -> str | None:
    """An address the generated project's build backend takes, as written.

    flit_core (Flask templates) and hatchling (Django) both read ``[project]
    authors`` with ``email.headerregistry.Address``: what it refuses
    (``a..b@c.d``) fails the project's ``pip install``, and what it rewrites
    (``a @b.c`` or a comment) would not be the address given. A domain
    without a dot is no address on the internet.
    """
    try:
        address = Address(addr_spec=value)
    # Besides ValueError and the email package's own errors, CPython's parser
    # raises IndexError or AttributeError on some input ("a@", "a@[").
    except Exception:
        return "not an email address (name@example.com)"
    if address.addr_spec != value or "." not in address.domain:
        return "not an email address (name@example.com)"
    return None


def check_version(value: str) -> str | None:
    """A version a package index accepts."""
    return None if _VERSION.fullmatch(value) else "not a PEP 440 version (e.g. 0.1.0)"


def check_text(value: str) -> str | None:
    """One line of free text of reasonable length."""
    if len(value) > MAX_TEXT:
        return f"longer than {MAX_TEXT} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return "contains a control character (a newline, tab or NUL)"
    return None


CHECKS: dict[str, Callable[[str], str | None]] = {
    "project_name": check_project_name,
    "project_slug": check_project_slug,
    "package_name": check_package_name,
    "email": check_email,
    "version": check_version,
    "text": check_text,
}


def check(kind: str, value: str) -> str | None:
    """Run the validator ``kind`` (unknown kinds fall back to ``text``)."""
    reason = check_text(value)
    return reason or CHECKS.get(kind, check_text)(value)
