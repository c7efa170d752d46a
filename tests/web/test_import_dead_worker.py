"""A background import whose worker is killed is found within minutes by its lapsed lease, queued
again once (nothing of the first try was committed), then failed; its job row does not stay running."""

from __future__ import annotations

import datetime as dt
import os
import socket

import pytest
from django.utils import timezone

from ownpath.imports import runs as services
from ownpath.imports.models import ImportRun
from ownpath.journal.models import Episode
from tests.web.test_import_in_background import _queued_run, background_above, journal_csv  # noqa: F401

pytestmark = pytest.mark.django_db

DEAD = f"{socket.gethostname()} 4194303"  # above any pid Linux hands out


def _claimed_by(run, worker: str, *, beat_seconds_ago: float, attempts: int = 1):
    """The run as a worker left it when it was killed mid-import: running, its job row running."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    beat = timezone.now() - dt.timedelta(seconds=beat_seconds_ago)
    ImportRun.objects.filter(pk=run.pk).update(status="running", started_at=beat, heartbeat_at=beat, worker=worker,
                                               attempts=attempts)
    DBTaskResult.objects.filter(task_path=services.import_upload_in_background.module_path).update(
        status=TaskResultStatus.RUNNING, started_at=beat)


def _job_statuses() -> list[str]:
    from django_tasks_db.models import DBTaskResult

    return sorted(DBTaskResult.objects.filter(task_path=services.import_upload_in_background.module_path)
                  .values_list("status", flat=True))


def test_a_killed_workers_run_is_queued_again_once_and_then_imported_once(owner_client, user, background_above,
                                                                         run_jobs):
    run = _queued_run(owner_client, journal_csv(6))
    _claimed_by(run, DEAD, beat_seconds_ago=services.LEASE_SECONDS + 5)
    assert services.fail_stalled_import_runs() == 1
    assert ImportRun.objects.get(pk=run.pk).status == "queued"
    assert _job_statuses() == ["FAILED", "READY"]  # the dead job row is closed, a new one waits
    run_jobs()
    run.refresh_from_db()
    assert run.status == "done" and run.attempts == 2 and Episode.objects.filter(user=user).count() == 6


def test_a_run_whose_worker_dies_twice_ends_failed_with_nothing_imported(owner_client, user, background_above):
    run = _queued_run(owner_client, journal_csv(6))
    _claimed_by(run, DEAD, beat_seconds_ago=services.LEASE_SECONDS + 5, attempts=services.MAX_ATTEMPTS)
    status = owner_client.get(f"/import/runs/{run.pk}/status/").content.decode()  # the page finds it too
    assert "Nothing imported" in status and "hx-trigger" not in status
    run.refresh_from_db()
    assert run.status == "failed" and run.error == services.STALLED_MESSAGE and bytes(run.data) == b""
    assert _job_statuses() == ["FAILED"] and Episode.objects.filter(user=user).count() == 0


def test_a_run_within_its_lease_or_with_a_live_process_is_left_alone(owner_client, background_above):
    run = _queued_run(owner_client, journal_csv(6))
    _claimed_by(run, DEAD, beat_seconds_ago=services.LEASE_SECONDS - 20)
    assert services.fail_stalled_import_runs() == 0
    # SQLite holds writes while an import commits, so a live worker may miss beats: its process vouches.
    _claimed_by(run, f"{socket.gethostname()} {os.getpid()}", beat_seconds_ago=services.LEASE_SECONDS * 5)
    assert services.fail_stalled_import_runs() == 0
    assert ImportRun.objects.get(pk=run.pk).status == "running"


def test_the_dead_worker_check_runs_every_minute():
    from django.conf import settings

    every = {job["task"]: job["every"] for job in settings.OWNPATH_PERIODIC_JOBS}
    assert every["ownpath.imports.tasks.fail_stalled_import_runs"] <= 60
    assert services.LEASE_SECONDS <= 90


def test_a_running_import_holds_a_lease_naming_its_worker(owner_client, background_above, monkeypatch):
    from ownpath.journal import bulk

    run = _queued_run(owner_client, journal_csv(6))
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=None)
    monkeypatch.setattr(services, "HEARTBEAT_SECONDS", 0.05)
    seen = []
    insert = bulk.insert_rows

    def slow_insert(*args, **kwargs):
        import time

        time.sleep(0.5)
        seen.append(ImportRun.objects.get(pk=run.pk).worker)
        return insert(*args, **kwargs)

    monkeypatch.setattr(bulk, "insert_rows", slow_insert)
    services.run_import(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and set(seen) == {f"{socket.gethostname()} {os.getpid()}"}
