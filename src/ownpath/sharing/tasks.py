"""Aggregate contributions refreshed as a periodic job of the background worker (OWNPATH_PERIODIC_JOBS)."""

from __future__ import annotations

from django_tasks import task

from ownpath.sharing.aggregates import refresh_contributions


@task()
def refresh_aggregate_contributions() -> int:
    """Recompute the stale contributions of everyone sharing for anonymous aggregates; returns how many."""
    return refresh_contributions(stale_only=True)
