"""Housekeeping jobs of the queue itself."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

# Finished jobs are kept this long for looking into problems, then removed.
KEEP_FINISHED_DAYS = 30


@task()
def prune_finished_jobs() -> int:
    """Delete finished (succeeded or failed) jobs older than KEEP_FINISHED_DAYS; returns how many."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - dt.timedelta(days=KEEP_FINISHED_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
