"""Periodic background jobs of imports: stalled runs closed.

The job that imports a big web upload lives beside what it runs and enqueues it, in
``imports.services`` (``import_upload_in_background``).
"""

from __future__ import annotations

from django_tasks import task


@task()
def fail_stalled_import_runs() -> int:
    """Mark import runs whose worker died mid-import as failed; returns how many.

    Periodic (OWNPATH_PERIODIC_JOBS), so such a run ends failed even if nobody opens its page.
    """
    from ownpath.imports.services import fail_stalled_import_runs as fail_stalled

    return fail_stalled()
