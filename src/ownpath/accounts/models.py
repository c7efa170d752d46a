"""Personal API tokens: only a hash is stored; the token itself is shown once, at creation."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A token a person created to use the API as themselves (e.g. from a script)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    # The first characters, so a person can tell their tokens apart without the secret.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        db_table = "api_apitoken"  # the table the api app created; the model moved, its rows did not

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
