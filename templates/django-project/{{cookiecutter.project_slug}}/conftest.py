"""Fixtures shared by every app's tests."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def password():
    return "correct-horse-battery-staple"


@pytest.fixture
def user(db, password):
    return get_user_model().objects.create_user(
        username="alice", email="alice@example.com", password=password
    )
