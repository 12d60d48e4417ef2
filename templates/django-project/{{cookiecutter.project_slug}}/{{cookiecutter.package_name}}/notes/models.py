from django.conf import settings
from django.db import models


class Note(models.Model):
    """A short text that belongs to one user; the API's example resource."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notes",
        # The owner_recent index below starts with the owner, so it serves
        # every lookup by owner (and the deletes that cascade from a user):
        # a separate index of the owner alone would only slow down writes.
        db_index=False,
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # A stable order keeps pagination from repeating or skipping rows.
        ordering = ["-created_at", "-id"]
        # Each list reads its page straight off an index, already in order,
        # instead of sorting every matching row first: the API lists one
        # owner's notes, the admin lists everybody's.
        indexes = [
            models.Index(
                fields=["owner", "-created_at", "-id"], name="notes_owner_recent_idx"
            ),
            models.Index(fields=["-created_at", "-id"], name="notes_recent_idx"),
        ]

    def __str__(self):
        return self.title
