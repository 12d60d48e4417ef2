from django.contrib.auth import get_user_model
from django.urls import reverse

from .models import Note


def test_anonymous_requests_are_refused(client, db):
    assert client.get(reverse("notes:note-list")).status_code == 403


def test_crud_for_a_logged_in_user(client, user):
    client.force_login(user)
    list_url = reverse("notes:note-list")

    response = client.post(
        list_url, {"title": "First", "body": "Hello"}, content_type="application/json"
    )
    assert response.status_code == 201
    detail_url = reverse("notes:note-detail", args=[response.json()["id"]])

    page = client.get(list_url).json()
    assert page["count"] == 1
    assert page["results"][0]["title"] == "First"

    response = client.patch(
        detail_url, {"title": "Renamed"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get(detail_url).json()["title"] == "Renamed"

    assert client.delete(detail_url).status_code == 204
    assert not Note.objects.exists()


def test_users_see_only_their_own_notes(client, user):
    other = get_user_model().objects.create_user("carol", password="x")
    note = Note.objects.create(owner=other, title="Private")
    client.force_login(user)

    assert client.get(reverse("notes:note-list")).json()["count"] == 0
    detail_url = reverse("notes:note-detail", args=[note.pk])
    assert client.get(detail_url).status_code == 404
