"""Periodic background jobs of imports: stalled runs closed, old finished runs removed.

The job that imports a big web upload lives beside what it runs and enqueues it, in
``imports.runs`` (``import_upload_in_background``).
"""

from __future__ import annotations

from django_tasks import task

from ownpath.imports import runs


@task()
def fail_stalled_import_runs() -> int:
    """Mark import runs whose worker died mid-import as failed; returns how many.

    Periodic (OWNPATH_PERIODIC_JOBS), so such a run ends failed even if nobody opens its page.
    """
    return runs.fail_stalled_import_runs()


@task()
def prune_finished_import_runs() -> int:
    """Delete import runs that ended more than 30 days ago; returns how many (periodic, daily)."""
    return runs.prune_finished_import_runs()
