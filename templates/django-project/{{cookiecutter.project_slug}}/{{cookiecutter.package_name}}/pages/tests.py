from django.urls import reverse


def test_home_page(client):
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert "pages/home.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]


def test_unknown_page_is_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_home_page_in_french(client):
    response = client.get(reverse("pages:home"), headers={"accept-language": "fr"})
    assert "Bienvenue" in response.text
    assert '<html lang="fr">' in response.text
    assert response.headers["Content-Language"] == "fr"


def test_content_security_policy_is_reported(client):
    response = client.get(reverse("pages:home"))
    assert "Content-Security-Policy-Report-Only" in response.headers
