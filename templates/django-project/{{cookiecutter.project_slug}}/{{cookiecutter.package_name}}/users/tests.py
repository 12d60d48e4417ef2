from django.contrib.auth import get_user_model
from django.urls import reverse

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


def test_admin_login(client, db, password):
    User.objects.create_superuser("admin", "admin@example.com", password)
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": password, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
