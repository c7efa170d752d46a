"""Background jobs of imports: a big web upload imported by the worker, stalled runs closed."""

from __future__ import annotations

from django_tasks import task


@task()
def import_upload_in_background(run_id: int) -> str | None:
    """Import one queued ImportRun (all or nothing) and record its summary or problems; returns its status.

    Enqueued by `confirm_upload` for an upload above OWNPATH_IMPORT_BACKGROUND_ROWS entries.
    """
    from ownpath.imports.services import run_import

    run = run_import(run_id)
    return None if run is None else run.status


@task()
def fail_stalled_import_runs() -> int:
    """Mark import runs whose worker died mid-import as failed; returns how many.

    Periodic (OWNPATH_PERIODIC_JOBS), so such a run ends failed even if nobody opens its page.
    """
    from ownpath.imports.services import fail_stalled_import_runs as fail_stalled

    return fail_stalled()
