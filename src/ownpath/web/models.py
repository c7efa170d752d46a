"""The web app's own state: failed log-in counters (kept in the database, so every server
process sees the same count)."""

from __future__ import annotations

from django.db import models


class LoginFailures(models.Model):
    """Failed log-ins for one (hashed) username and client address within the current window."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.failures} failed log-ins since {self.window_started_at}"
