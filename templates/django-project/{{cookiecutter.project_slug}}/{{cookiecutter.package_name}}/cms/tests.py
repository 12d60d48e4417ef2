from django.urls import reverse

from .models import HomePage


def test_wagtail_home_page_is_served(client, db):
    # Migration 0002 made this page the root of the default site.
    assert HomePage.objects.get(slug="home").url == "/content/"
    response = client.get("/content/")
    assert response.status_code == 200
    assert "cms/home_page.html" in [t.name for t in response.templates]


def test_cms_admin_asks_for_login(client, db):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
