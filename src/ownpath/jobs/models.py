"""The one row per periodic job that makes its scheduling idempotent across workers."""

from __future__ import annotations

from django.db import models


class PeriodicJobRun(models.Model):
    """The latest period in which a periodic job was enqueued.

    `period` counts whole intervals since the epoch (e.g. hours for an hourly job); a worker
    enqueues the job only when it moves this number forward, so several workers never
    enqueue the same period twice.
    """

    name = models.CharField(max_length=200, unique=True)
    period = models.BigIntegerField()
    enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.period}"
