"""Periodic jobs: a list in settings that the worker enqueues once per period.

`settings.OWNPATH_PERIODIC_JOBS` is a list of `{"task": "dotted.path.to.task", "every": seconds}`.
Each task is a django-tasks task taking no arguments. Once per period (counted from the epoch
in UTC, so an `every` of 86400 means once per UTC day) the worker enqueues it; the task itself
decides what is due (e.g. reminders not yet sent), so a late or repeated run does no harm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ownpath.jobs.models import PeriodicJobRun


@dataclass(frozen=True)
class PeriodicJob:
    """One entry of OWNPATH_PERIODIC_JOBS: which task, how often (seconds)."""

    task: str
    every: int

    def period_at(self, moment: dt.datetime) -> int:
        """The number of whole periods between the epoch and `moment`."""
        return int(moment.timestamp()) // self.every


def periodic_jobs() -> list[PeriodicJob]:
    """The configured periodic jobs, checked: a clear error names a bad entry."""
    jobs = []
    for index, entry in enumerate(getattr(settings, "OWNPATH_PERIODIC_JOBS", [])):
        try:
            job = PeriodicJob(task=str(entry["task"]), every=int(entry["every"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"OWNPATH_PERIODIC_JOBS[{index}] needs 'task' (dotted path) and 'every' (seconds)") from None
        if job.every <= 0:
            raise ValueError(f"OWNPATH_PERIODIC_JOBS[{index}]: 'every' must be a positive number of seconds")
        jobs.append(job)
    return jobs


def enqueue_due_periodic_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every periodic job whose current period has not been enqueued yet.

    Safe to call from several workers at once: each period is claimed by one atomic update.
    Returns the task paths enqueued now.
    """
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        period = job.period_at(now)
        with transaction.atomic():
            claimed = PeriodicJobRun.objects.filter(name=job.task, period__lt=period).update(
                period=period, enqueued_at=now)
            if not claimed:
                try:
                    with transaction.atomic():
                        PeriodicJobRun.objects.create(name=job.task, period=period, enqueued_at=now)
                    claimed = 1
                except IntegrityError:  # already there: this period is enqueued already
                    claimed = 0
            if claimed:
                # Same database as the claim: both happen or neither does.
                import_string(job.task).enqueue()
                enqueued.append(job.task)
    return enqueued
