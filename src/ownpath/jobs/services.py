"""Putting work on the background queue."""

from __future__ import annotations


def enqueue_once(task, *args) -> bool:
    """Enqueue ``task(*args)`` unless the same call is already waiting to run; True when it was enqueued.

    For work that recomputes everything it needs (a release of figures): asking twice before
    the worker gets to it should cost one run, not two.
    """
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().filter(task_path=task.module_path, args_kwargs__args=list(args))
    if waiting.exists():
        return False
    task.enqueue(*args)
    return True
