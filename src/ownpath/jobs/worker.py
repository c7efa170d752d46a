"""The worker: runs queued jobs (django-tasks' database worker) and enqueues periodic jobs.

`run_worker` is what `ownpath worker` runs; `start_worker_process` is how `ownpath serve`
starts one alongside the web app in local use.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading

from django.db import close_old_connections
from django.utils.crypto import get_random_string

logger = logging.getLogger("ownpath.jobs")


def run_queued_jobs(*, max_jobs: int | None = None) -> int:
    """Enqueue due periodic jobs, run every queued job, and return how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker
    from ownpath.jobs.periodic import enqueue_due_periodic_jobs

    enqueue_due_periodic_jobs()
    worker = _worker(Worker, batch=True, interval=0, max_jobs=max_jobs)
    worker.run()
    return worker._run_tasks


def _worker(worker_class, *, batch: bool, interval: float, max_jobs: int | None = None):
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

    return worker_class(queue_names=["*"], interval=interval, batch=batch, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                        startup_delay=False, max_tasks=max_jobs, worker_id=f"ownpath-{get_random_string(12)}",
                        excluded_queue_names=[])


def _schedule_periodic_jobs(stop: threading.Event, check_seconds: float, parent_pid: int | None) -> None:
    import time

    from ownpath.jobs.periodic import enqueue_due_periodic_jobs

    next_check = 0.0
    while not stop.is_set():
        if parent_pid and os.getppid() != parent_pid:
            # The web app that started us is gone (even killed): stop as if asked to.
            os.kill(os.getpid(), signal.SIGTERM)
            return
        if time.monotonic() >= next_check:
            next_check = time.monotonic() + check_seconds
            try:
                close_old_connections()
                enqueued = enqueue_due_periodic_jobs()
                if enqueued:
                    logger.info("enqueued periodic jobs: %s", ", ".join(enqueued))
            except Exception:  # a failing schedule must not stop the jobs already queued
                logger.exception("could not enqueue periodic jobs")
            finally:
                close_old_connections()
        stop.wait(1.0)


def run_worker(*, poll_seconds: float = 2.0, check_seconds: float = 60.0, parent_pid: int | None = None) -> None:
    """Run jobs until SIGINT/SIGTERM; every `check_seconds` enqueue the periodic jobs due.

    Several workers may run against one database (a team deployment): each job runs once.
    With `parent_pid` the worker also stops when that process ends.
    """
    from django_tasks_db.management.commands.db_worker import Worker

    stop = threading.Event()
    scheduler = threading.Thread(target=_schedule_periodic_jobs, args=(stop, check_seconds, parent_pid),
                                 name="ownpath-periodic-jobs", daemon=True)
    scheduler.start()
    worker = _worker(Worker, batch=False, interval=poll_seconds)
    worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()


def start_worker_process() -> subprocess.Popen:
    """Start `ownpath worker` as a child process on the same database (the environment carries it)."""
    return subprocess.Popen([sys.executable, "-m", "ownpath", "worker", "--quiet", "--parent-pid", str(os.getpid())],
                            env=dict(os.environ))


def stop_worker_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Ask the worker to finish its current job and exit; kill it if it does not in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _WorkerKeeper:
    """Keeps one job worker process running beside the web app: one that dies (killed, crashed) is
    replaced, so queued jobs, and imports whose worker died, are picked up again."""

    def __init__(self):
        self.stopping = threading.Event()
        self.process = start_worker_process()
        self.thread = threading.Thread(target=self._keep, name="ownpath-job-worker-keeper", daemon=True)
        self.thread.start()

    def _keep(self) -> None:
        while not self.stopping.is_set():
            try:
                self.process.wait()
            except ChildProcessError:  # reaped by the server's own wait for its workers
                pass
            if self.stopping.wait(1.0):  # never restart faster than once a second
                return
            print(f"background jobs: worker process {self.process.pid} ended; starting a replacement",
                  file=sys.stderr, flush=True)
            self.process = start_worker_process()

    def stop(self) -> None:
        self.stopping.set()
        stop_worker_process(self.process)


def serve_with_worker(serve, with_worker: bool = True) -> None:
    """Run `serve()` (the web app) with a worker process beside it, replaced if it dies and stopped
    when serving ends."""
    if not with_worker:
        serve()
        return
    keeper = _WorkerKeeper()
    print(f"background jobs: worker process {keeper.process.pid}", file=sys.stderr, flush=True)
    # SIGTERM ends serving normally (waitress shuts down on SystemExit), so the worker is stopped too.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        serve()
    finally:
        signal.signal(signal.SIGTERM, previous)
        keeper.stop()
