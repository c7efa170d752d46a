"""Background jobs of anonymous figures: contributions refreshed periodically, releases published on demand."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_aggregate_contributions() -> int:
    """Recompute stale contributions of everyone sharing for aggregates, then publish changed figures.

    Periodic (OWNPATH_PERIODIC_JOBS). Returns how many contributions were rewritten.
    """
    from ownpath.sharing.aggregates import publish_figures, refresh_contributions
    from ownpath.teams.models import Organisation

    written = refresh_contributions(stale_only=True)
    for organisation in Organisation.objects.all():
        publish_figures(organisation)
    return written


@task()
def publish_organisation_figures(organisation_id: int) -> int | None:
    """Publish a new release of one organisation's figures if an input changed; returns its id."""
    from ownpath.sharing.aggregates import publish_figures
    from ownpath.teams.models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return None if organisation is None else publish_figures(organisation).pk
