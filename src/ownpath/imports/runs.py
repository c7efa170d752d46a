"""Big uploads, imported by the background worker: queued, claimed once, finished or failed.

The job is enqueued in the same transaction as its run, so both exist or neither does. A
run whose worker died is marked failed (nothing was imported: its transaction never committed).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterable
from typing import Any  # a Status member: a str, typed so only with Django stubs

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from ownpath.errors import ImportRejected, NotFound, UserInputError
from ownpath.imports.formats.base import ImportOptions
from ownpath.imports.models import ImportRun, PendingUpload
from ownpath.imports.planning import apply_import, plan_import

# A running run's worker renews its lease every HEARTBEAT_SECONDS; one not renewed for
# LEASE_SECONDS lost its worker (killed, machine restarted) unless its process is seen alive on
# this machine (SQLite holds writes while an import commits, so a live worker may miss a beat).
# Its transaction never committed: the run is queued again once, then marked failed.
HEARTBEAT_SECONDS = 10
LEASE_SECONDS = 60
MAX_ATTEMPTS = 2
# However alive its process looks, a run still "running" this long after it started is failed.
STALLED_RUN_MINUTES = 60
# A finished run (file name and summary, the file itself already wiped) is kept this long.
KEEP_FINISHED_RUN_DAYS = 30
STALLED_MESSAGE = ("The import stopped before it finished (the background worker was interrupted); "
                   "nothing was imported. Upload the file again.")
CRASHED_MESSAGE = ("The import stopped on an unexpected error; nothing was imported. Try again, "
                   "or import the file on the computer that runs ownpath.")


def background_rows() -> int:
    """How many planned entries a web upload may have and still be imported inside the confirm request.

    Above it the worker imports the upload (setting OWNPATH_IMPORT_BACKGROUND_ROWS, default 5,000).
    """
    return int(getattr(django_settings, "OWNPATH_IMPORT_BACKGROUND_ROWS", 5000))


def queue_import_run(user, upload: PendingUpload, entries: int) -> ImportRun:
    """Move an upload into a queued run and enqueue its job, in the caller's transaction."""
    run = ImportRun.objects.create(user=user, filename=upload.filename, data=bytes(upload.data),
                                   options=dict(upload.options or {}), entries=entries)
    # The job row is written in the same transaction as the run: both exist or neither does.
    import_upload_in_background.enqueue(run.pk)
    return run


def import_run_for(user, run_id: int) -> ImportRun:
    """One of the person's import runs; another person's run is NotFound, like one that never was.

    A run left running past STALLED_RUN_MINUTES is marked failed here, so the page never waits forever.
    """
    run = ImportRun.objects.filter(user=user, pk=run_id).defer("data").first()
    if run is None:
        raise NotFound("no such import")
    if run.status == ImportRun.Status.RUNNING and fail_stalled_import_runs(run_ids=[run.pk]):
        run.refresh_from_db()
    return run


def unfinished_import_runs(user) -> list[ImportRun]:
    """The person's runs still queued or running, newest first.

    The import page shows them, so leaving a run's page and coming back still finds it.
    """
    return list(ImportRun.objects.filter(user=user, status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING])
                .defer("data"))


def run_import(run_id: int) -> ImportRun | None:
    """Import a queued run's file in one transaction and record its summary, or its problems.

    The run is claimed first, so a job delivered twice imports once; whatever goes wrong the run
    ends done or failed (the file forgotten), never left running. None when the run is gone.
    """
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=now, heartbeat_at=now, worker=_this_worker(),
        attempts=F("attempts") + 1)
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if not claimed or run is None:
        return run
    with _heartbeat(run.pk):
        return _import_claimed(run)


def _import_claimed(run: ImportRun) -> ImportRun:
    try:
        # Planning only reads and takes seconds: outside the transaction it holds no SQLite write lock;
        # apply_import checks the journal again as it saves.
        plan = plan_import(run.user, bytes(run.data), run.filename, ImportOptions.from_stored(run.options))
        with transaction.atomic():
            summary = apply_import(run.user, plan)
            # "done" commits with the entries; a run failed meanwhile as stalled rolls them back.
            if not _finish_run(run, ImportRun.Status.DONE, summary=summary):
                raise _RunNoLongerRunning()
    except _RunNoLongerRunning:
        pass
    except ImportRejected as rejected:
        _finish_run(run, ImportRun.Status.FAILED, error=f"Nothing imported: {len(rejected.problems)} problem(s).",
                    problems=[{"line": p.line, "field": p.field, "message": p.message} for p in rejected.problems])
    except UserInputError as refused:  # a Daylio mapping missing now, a conflict with entries saved meanwhile …
        _finish_run(run, ImportRun.Status.FAILED, error=_one_line(refused.message))
    except Exception:
        # The traceback goes to the job queue's record and the worker's log, never to the person.
        _finish_run(run, ImportRun.Status.FAILED, error=CRASHED_MESSAGE)
        raise
    run.refresh_from_db()
    return run


@task()
def import_upload_in_background(run_id: int) -> str | None:
    """The background job: import one queued ImportRun (all or nothing), recording its summary or problems.

    Enqueued by `confirm_upload` for an upload above OWNPATH_IMPORT_BACKGROUND_ROWS entries; returns its status.
    """
    run = run_import(run_id)
    return None if run is None else run.status


class _RunNoLongerRunning(Exception):
    """The run was failed (as stalled) while it was being imported: undo the import."""


def _finish_run(run: ImportRun, status: Any, summary: dict | None = None, error: str = "",
                problems: list | None = None) -> bool:
    """Record how a running run ended and forget its file; False when it was no longer running."""
    return bool(ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
        status=status, summary=summary, error=error[:300], problems=problems or [], data=b"",
        finished_at=timezone.now()))


def _one_line(message: str) -> str:
    """A message on one line: the run page shows it as one sentence."""
    return " ".join(message.split())


def prune_finished_import_runs(now: dt.datetime | None = None, keep_days: int = KEEP_FINISHED_RUN_DAYS) -> int:
    """Delete runs that ended (done or failed) more than ``keep_days`` ago; how many.

    Their file is gone already; what is left (a file name and a summary) is only worth keeping a while.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=keep_days)
    deleted, _ = ImportRun.objects.filter(status__in=[ImportRun.Status.DONE, ImportRun.Status.FAILED],
                                          finished_at__lt=cutoff).delete()
    return deleted


def _this_worker() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def _process_alive(worker: str) -> bool:
    """Whether the worker named "host pid" is a live process on this machine (False elsewhere or gone)."""
    host, _, pid = worker.rpartition(" ")
    if host != socket.gethostname() or not pid.isascii() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return False


class _heartbeat:
    """Renew a run's lease every HEARTBEAT_SECONDS from a thread while the import runs."""

    def __init__(self, run_id: int):
        import threading

        self.run_id = run_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"import-run-{run_id}-heartbeat", daemon=True)

    def _beat(self) -> None:
        from django.db import connection

        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                try:
                    ImportRun.objects.filter(pk=self.run_id, status=ImportRun.Status.RUNNING).update(
                        heartbeat_at=timezone.now())
                except Exception:  # a busy SQLite file: the live process still vouches for the run
                    pass
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=HEARTBEAT_SECONDS + 30)


def _dead_runs(now: dt.datetime, run_ids: Iterable[int] | None) -> list[ImportRun]:
    lease_cutoff = now - dt.timedelta(seconds=LEASE_SECONDS)
    stalled_cutoff = now - dt.timedelta(minutes=STALLED_RUN_MINUTES)
    running = ImportRun.objects.filter(status=ImportRun.Status.RUNNING).filter(
        Q(heartbeat_at__lt=lease_cutoff) | Q(heartbeat_at__isnull=True) | Q(started_at__lt=stalled_cutoff))
    if run_ids is not None:
        running = running.filter(pk__in=list(run_ids))
    return [run for run in running.defer("data")
            if (run.started_at and run.started_at < stalled_cutoff) or not _process_alive(run.worker)]


def fail_stalled_import_runs(now: dt.datetime | None = None, run_ids: Iterable[int] | None = None) -> int:
    """Recover runs whose worker died mid-import (its lease lapsed and its process is gone); how many.

    The import's transaction never committed, so nothing was imported: a run tried fewer than
    MAX_ATTEMPTS times is queued again (its file is still held), else it ends failed. Its job row,
    left "running" by the dead worker, is marked failed too.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    recovered = 0
    for run in _dead_runs(now, run_ids):
        with transaction.atomic():
            DBTaskResult.objects.filter(task_path=import_upload_in_background.module_path, args_kwargs__args=[run.pk],
                                        status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="ownpath.imports.WorkerDied",
                traceback=f"the worker ({run.worker}) stopped renewing its lease; it was killed or its machine stopped")
            retry = run.attempts < MAX_ATTEMPTS and (not run.started_at or run.started_at >= now - dt.timedelta(
                minutes=STALLED_RUN_MINUTES))
            alive = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING, heartbeat_at=run.heartbeat_at)
            if retry and alive.exclude(data=b"").update(status=ImportRun.Status.QUEUED, worker="", heartbeat_at=None):
                import_upload_in_background.enqueue(run.pk)
            elif not alive.update(status=ImportRun.Status.FAILED, error=STALLED_MESSAGE, data=b"", finished_at=now):
                continue
        recovered += 1
    return recovered
