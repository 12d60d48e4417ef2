from django.conf import settings
from django.db import models


class Note(models.Model):
    """A short text that belongs to one user; the API's example resource."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # A stable order keeps pagination from repeating or skipping rows.
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title
