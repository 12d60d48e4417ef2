"""The contact form validates its input and requires a CSRF token."""

import re

from flask.testing import FlaskClient


def csrf_token(client: FlaskClient) -> str:
    page = client.get("/contact").text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "the form has no CSRF token"
    return match.group(1)


def test_form_is_shown(client: FlaskClient) -> None:
    response = client.get("/contact")
    assert response.status_code == 200
    assert "<form" in response.text


def test_post_without_csrf_token_is_rejected(client: FlaskClient) -> None:
    response = client.post("/contact", data={"name": "Ada", "message": "Hi"})
    assert response.status_code == 400
    # The site's error page, with the reason.
    assert response.mimetype == "text/html"
    assert "style.css" in response.text
    assert "The CSRF token is missing." in response.text


def test_valid_post_is_accepted(client: FlaskClient) -> None:
    token = csrf_token(client)
    response = client.post(
        "/contact",
        data={"name": "Ada", "message": "Hi", "csrf_token": token},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Thank you" in response.text


def test_invalid_post_shows_errors(client: FlaskClient) -> None:
    token = csrf_token(client)
    response = client.post("/contact", data={"name": "", "csrf_token": token})
    assert response.status_code == 200
    assert "This field is required." in response.text
