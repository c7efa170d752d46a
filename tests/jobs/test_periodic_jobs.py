"""Periodic jobs: enqueued once per period however often (and by however many workers) it is asked."""

from __future__ import annotations

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from ownpath.jobs.periodic import enqueue_due_periodic_jobs, periodic_jobs

pytestmark = pytest.mark.django_db

PRUNE = "ownpath.jobs.tasks.prune_finished_jobs"
NOON = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def hourly_prune(settings):
    settings.OWNPATH_PERIODIC_JOBS = [{"task": PRUNE, "every": 3600}]


def _queued(task_path: str) -> int:
    return DBTaskResult.objects.filter(task_path=task_path).count()


def test_a_periodic_job_is_enqueued_once_per_period(hourly_prune):
    assert enqueue_due_periodic_jobs(NOON) == [PRUNE]
    assert enqueue_due_periodic_jobs(NOON + dt.timedelta(minutes=59)) == []
    assert _queued(PRUNE) == 1
    assert enqueue_due_periodic_jobs(NOON + dt.timedelta(hours=1)) == [PRUNE]
    assert _queued(PRUNE) == 2


def test_an_earlier_clock_never_enqueues_a_period_again(hourly_prune):
    enqueue_due_periodic_jobs(NOON)
    assert enqueue_due_periodic_jobs(NOON - dt.timedelta(hours=3)) == []
    assert _queued(PRUNE) == 1


def test_settings_ship_the_daily_prune_of_finished_jobs():
    from django.conf import settings as django_settings

    assert {"task": PRUNE, "every": 86400} in django_settings.OWNPATH_PERIODIC_JOBS


@pytest.mark.parametrize("entry", [{"every": 60}, {"task": PRUNE}, {"task": PRUNE, "every": "often"},
                                   {"task": PRUNE, "every": 0}])
def test_a_bad_periodic_job_entry_is_named_in_the_error(settings, entry):
    settings.OWNPATH_PERIODIC_JOBS = [{"task": PRUNE, "every": 60}, entry]
    with pytest.raises(ValueError, match=r"OWNPATH_PERIODIC_JOBS\[1\]"):
        periodic_jobs()


def test_every_shipped_periodic_job_is_enqueued_and_runs(run_jobs, settings):
    """The shipped schedule (reminders, conversation and agreement e-mails, aggregate refresh) all run."""
    from ownpath import settings as shipped_settings

    shipped = [entry["task"] for entry in shipped_settings.OWNPATH_PERIODIC_JOBS]
    assert {"ownpath.reminders.tasks.send_reminders",
            "ownpath.sharing.tasks.refresh_aggregate_contributions"} <= set(shipped)
    settings.OWNPATH_PERIODIC_JOBS = shipped_settings.OWNPATH_PERIODIC_JOBS
    assert sorted(enqueue_due_periodic_jobs(NOON)) == sorted(shipped)
    run_jobs()
    assert DBTaskResult.objects.count() >= len(shipped)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
