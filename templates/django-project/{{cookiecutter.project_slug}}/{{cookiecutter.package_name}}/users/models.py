"""The user model, in place before the first migration.

Django recommends a custom user model for every new project: switching to one
later means rewriting migrations. Add profile fields here as the site grows.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A site user; AbstractUser supplies username, email, names and password."""
