"""Periodic background jobs of sharing: contributions and figures refreshed, sharers' stored insights kept current.

The on-demand job that publishes one organisation's figures lives beside what it runs, in
``sharing.aggregates`` (``publish_organisation_figures``), which enqueues it.
"""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_aggregate_contributions() -> int:
    """Recompute stale contributions of everyone sharing for aggregates, then publish changed figures.

    Periodic (OWNPATH_PERIODIC_JOBS). Returns how many contributions were rewritten.
    """
    from ownpath.sharing.aggregates import refresh_figures

    return refresh_figures(stale_only=True)[0]


@task()
def refresh_shared_insights() -> int:
    """Keep the stored insights of everyone sharing an insights-based item current; returns how many were fitted.

    Periodic (OWNPATH_PERIODIC_JOBS): a manager's first view of the team page then reads stored
    rows in every server process instead of fitting each report's journal.
    """
    from django.contrib.auth import get_user_model

    from ownpath.sharing.models import Share
    from ownpath.sharing.profile import INSIGHT_ITEMS, refresh_stored_insights

    sharers = Share.objects.filter(revoked_at__isnull=True, item__in=INSIGHT_ITEMS).values("owner_id")
    return refresh_stored_insights(get_user_model().objects.filter(pk__in=sharers))
