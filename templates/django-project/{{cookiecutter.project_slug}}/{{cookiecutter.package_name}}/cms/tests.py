import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale, Page, Site

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
