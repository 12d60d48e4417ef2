from importlib import import_module

import pytest
from django.conf import settings
{%- if cookiecutter.tasks == "django-tasks" %}
from django.core.management import call_command
{%- endif %}
from django.db import connection
from django.db.migrations import SeparateDatabaseAndState
from django.urls import reverse
from wagtail.models import Locale, Page, Site
from wagtail.search.models import IndexEntry
{%- if cookiecutter.tasks == "django-tasks" %}

from config.settings import base
{%- endif %}

from .models import HomePage


@pytest.fixture
def home_page(db):
    """The default site and its home page, as migration 0002 leaves them.

    The tests build their database from the models (``--no-migrations`` in
    pyproject.toml), so the pages that migrations make are not there; with
    ``pytest --migrations`` they are. Either way, start from an empty tree.
    """
    Page.objects.all().delete()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def test_wagtail_home_page_is_served(client, home_page):
    assert home_page.url == "/content/"
    response = client.get("/content/")
    assert response.status_code == 200
    assert "cms/home_page.html" in [t.name for t in response.templates]


def test_cms_admin_asks_for_login(client, db):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.fixture
def search_index(db) -> None:
    """Wagtail's search index on SQLite as its migrations make it.

    Built from the models (``--no-migrations``), the index's full-text table
    is a plain one, which searches fail on: Wagtail's migration makes it an
    FTS5 table, filled by triggers. Run that migration's SQL here. PostgreSQL's
    index needs nothing beyond the models.
    """
    if connection.vendor != "sqlite":
        return
    table = f"{IndexEntry._meta.db_table}_fts"
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
        if cursor.fetchone()[0].startswith("CREATE VIRTUAL TABLE"):
            return  # made by the migrations (pytest --migrations)
        migration = import_module("wagtail.search.migrations.0006_customise_indexentry")
        (fts,) = [
            operation
            for operation in migration.Migration.operations
            if isinstance(operation, SeparateDatabaseAndState)
        ]
        cursor.execute(f"DROP TABLE {table}")
        for run_sql in fts.database_operations:
            cursor.execute(run_sql.sql)


def publish_page(parent: Page, title: str) -> Page:
    """Publish a new page under ``parent``, as an editor does in the admin."""
    page = parent.add_child(instance=HomePage(title=title, live=False))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


def search(text: str) -> list[Page]:
    """The live pages that the site's search finds for ``text``."""
    return list(Page.objects.live().search(text))


def test_published_page_is_found_by_search(home_page, search_index) -> None:
    """Publishing updates Wagtail's search index
{%- if cookiecutter.tasks == "django-tasks" %}: here at once, because the
    test settings run tasks inline (the next test runs them in db_worker).
{%- else %} at once: TASKS runs its tasks
    in the request that publishes the page (config/settings/base.py).
{%- endif %}"""
    page = publish_page(home_page, "Zebra crossing")

    assert search("zebra") == [page]
{%- if cookiecutter.tasks == "django-tasks" %}


# The worker closes the database connection when it is done, which would end
# the transaction that a test otherwise runs in.
@pytest.mark.django_db(transaction=True)
def test_db_worker_indexes_published_pages(home_page, search_index, settings) -> None:
    """With the tasks backend of development and production, the page is
    found by search once `manage.py db_worker` has run the queued tasks."""
    settings.TASKS = base.TASKS
    page = publish_page(home_page, "Zebra crossing")
    assert search("zebra") == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert search("zebra") == [page]
{%- endif %}
