from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import escape

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


# What the API's users read about its pages, in the browsable API and in
# answers to OPTIONS: the docstrings of the views in api.py.
ROOT = "The endpoints of this API, for the account you are logged in with."
NOTES = "Your notes: list them (newest first) and add one; read, change or delete one."


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("notes:api-root", ROOT),
        ("notes:note-list", NOTES),
        ("notes:note-detail", NOTES),
    ],
    ids=["root", "list", "detail"],
)
def test_pages_describe_themselves_to_the_apis_users(client, user, name, description):
    note = Note.objects.create(owner=user, title="Mine")
    url = reverse(name, args=[note.pk] if name == "notes:note-detail" else [])
    client.force_login(user)

    page = client.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert f"<p>{escape(description)}</p>" in page.text
    assert client.options(url).json()["description"] == description


def test_users_see_only_their_own_notes(client, user):
    other = get_user_model().objects.create_user("carol", password="x")
    note = Note.objects.create(owner=other, title="Private")
    client.force_login(user)

    assert client.get(reverse("notes:note-list")).json()["count"] == 0
    detail_url = reverse("notes:note-detail", args=[note.pk])
    assert client.get(detail_url).status_code == 404


def query_plan(queryset: QuerySet) -> str:
    """The database's plan for ``queryset``, as EXPLAIN prints it.

    PostgreSQL reads a table of a few rows whole rather than through an index,
    which would say nothing about the index: turning sequential scans off (for
    this test's transaction only) leaves it the indexes to choose from, and it
    still picks the cheapest of them. SQLite needs no such nudge.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.fixture
def notes(user) -> None:
    """A few notes of two owners, so that the plans have rows to choose among."""
    other = get_user_model().objects.create_user("carol", password="x")
    owners = [user, other] * 5
    Note.objects.bulk_create(Note(owner=owner, title="A note") for owner in owners)


@pytest.mark.parametrize(
    ("index", "make_queryset"),
    [
        # The API's list: one owner's notes, newest first, a page at a time.
        ("notes_owner_recent_idx", lambda user: user.notes.all()[:20]),
        # The admin's list: everybody's notes, newest first.
        ("notes_recent_idx", lambda user: Note.objects.select_related("owner")[:100]),
    ],
)
def test_note_lists_read_an_index_in_order(
    user, notes: None, index: str, make_queryset: Callable[..., QuerySet]
) -> None:
    """Each list finds its rows through its index and needs no sort step: a
    missing index (or one that no longer matches the ordering) shows up here
    before a big table makes the page slow."""
    plan = query_plan(make_queryset(user))

    assert index in plan, plan
    # SQLite sorts in a "TEMP B-TREE", PostgreSQL in a "Sort" node.
    assert "TEMP B-TREE" not in plan, plan
    assert "Sort" not in plan, plan
