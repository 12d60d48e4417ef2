import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User


def test_project_uses_the_custom_user_model():
    assert get_user_model() is User


def test_sign_up_log_in_log_out(client, db, password):
    response = client.post(
        reverse("users:signup"),
        {
            "username": "bob",
            "email": "bob@example.com",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("users:login")
    assert User.objects.get(username="bob").email == "bob@example.com"

    response = client.post(
        reverse("users:login"), {"username": "bob", "password": password}
    )
    assert response.status_code == 302
    assert client.get(reverse("pages:home")).context["user"].username == "bob"

    response = client.post(reverse("users:logout"))
    assert response.status_code == 302
    assert not client.get(reverse("pages:home")).context["user"].is_authenticated


def test_sign_up_needs_an_email(client, db, password):
    response = client.post(
        reverse("users:signup"),
        {"username": "bob", "email": "", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("email", "required")
    assert not User.objects.filter(username="bob").exists()


def test_sign_up_refuses_an_email_in_use_whatever_its_case(client, user, password):
    response = client.post(
        reverse("users:signup"),
        {
            "username": "bob",
            "email": user.email.upper(),
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("email", "unique")
    assert not User.objects.filter(username="bob").exists()


def test_logout_needs_a_post(client, user):
    client.force_login(user)
    assert client.get(reverse("users:logout")).status_code == 405


def test_wrong_password_is_refused(client, user):
    response = client.post(
        reverse("users:login"), {"username": "alice", "password": "wrong"}
    )
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_password_change(client, user, password):
    client.force_login(user)
    new_password = "another-long-passphrase"
    response = client.post(
        reverse("users:password_change"),
        {
            "old_password": password,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("users:password_change_done")
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.parametrize("page", ["users:login", "users:signup"])
def test_logged_in_users_are_sent_on(client, user, page):
    client.force_login(user)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)


def test_login_page_links_to_password_reset(client):
    response = client.get(reverse("users:login"))
    assert reverse("users:password_reset") in response.text


def test_password_reset(client, user, mailoutbox):
    response = client.post(reverse("users:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert response.url == reverse("users:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert "\n" not in mailoutbox[0].subject
    link = re.search(r"http://testserver(/\S+)", mailoutbox[0].body)[1]

    # The link stores its token in the session and drops it from the URL.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response.url
    new_password = "another-long-passphrase"
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert response.url == reverse("users:password_reset_complete")
    assert client.get(response.url).status_code == 200

    response = client.post(
        reverse("users:login"), {"username": user.username, "password": new_password}
    )
    assert response.status_code == 302
    assert client.get(reverse("pages:home")).context["user"] == user

    # A link works once: the new password invalidates its token.
    assert not client.get(link).context["validlink"]


def test_password_reset_tells_nothing_about_unknown_addresses(client, user, mailoutbox):
    url = reverse("users:password_reset")
    known = client.post(url, {"email": user.email}, follow=True)
    mailoutbox.clear()
    unknown = client.post(url, {"email": "nobody@example.com"}, follow=True)
    assert not mailoutbox
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.text == known.text


def test_password_reset_mail_speaks_the_visitors_language(client, user, mailoutbox):
    client.post(
        reverse("users:password_reset"),
        {"email": user.email},
        headers={"accept-language": "fr"},
    )
    message = mailoutbox[0]
    assert message.subject == "Réinitialisation de votre mot de passe sur testserver"
    assert "Votre nom d’utilisateur est alice." in message.body


def test_password_reset_link_with_a_bad_token_is_refused(client, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(
        reverse(
            "users:password_reset_confirm",
            kwargs={"uidb64": uid, "token": "bad-token"},
        )
    )
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert "This password reset link is invalid" in response.text
    assert "new_password1" not in response.text


def test_admin_login(client, db, password):
    User.objects.create_superuser("admin", "admin@example.com", password)
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": password, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
