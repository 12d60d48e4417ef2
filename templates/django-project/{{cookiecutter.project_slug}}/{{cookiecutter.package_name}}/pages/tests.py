import pytest
from django.urls import path, reverse


def broken_view(request):
    raise RuntimeError("a bug")


# The URLs of test_unhandled_error_shows_the_500_page: only the broken view,
# so the error page shows that it reverses none of the site's URLs.
urlpatterns = [path("broken/", broken_view)]


def test_home_page(client):
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert "pages/home.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]


def test_unknown_page_is_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Something went wrong"), ("fr", "Un problème est survenu")],
    ids=["en", "fr"],
)
def test_unhandled_error_shows_the_500_page(client, settings, language, text):
    settings.DEBUG = False  # as in production: no technical error page
    client.raise_request_exception = False
    response = client.get("/broken/", headers={"accept-language": language})
    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["500.html"]
    assert text in response.text
    assert f'<html lang="{language}">' in response.text
    assert "/static/css/site.css" in response.text


def test_home_page_in_french(client):
    response = client.get(reverse("pages:home"), headers={"accept-language": "fr"})
    assert "Bienvenue" in response.text
    assert '<html lang="fr">' in response.text
    assert response.headers["Content-Language"] == "fr"


def test_content_security_policy_is_reported(client):
    response = client.get(reverse("pages:home"))
    assert "Content-Security-Policy-Report-Only" in response.headers
