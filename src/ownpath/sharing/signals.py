"""Keep what a person shares current as they log: a changed journal queues a refit of their shared insights.

Without it, a manager's first view after someone logs an entry would fit that person's journal
inside the request; with it, the worker has usually stored the new fit by then.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ownpath.journal.models import Episode


@receiver([post_save, post_delete], sender=Episode, dispatch_uid="ownpath-sharing-refit-on-log")
def refit_shared_insights_soon(sender, instance: Episode, **kwargs) -> None:
    """After an entry of someone who shares an insights-based item is saved or deleted, queue their refit."""
    from ownpath.sharing.models import Share
    from ownpath.sharing.profile import INSIGHT_ITEMS

    person_id = instance.user_id
    if Share.objects.filter(owner_id=person_id, revoked_at__isnull=True, item__in=INSIGHT_ITEMS).exists():
        transaction.on_commit(lambda: _queue_refit(person_id))


def _queue_refit(person_id: int) -> None:
    from ownpath.jobs.services import enqueue_once
    from ownpath.sharing.tasks import refresh_person_shared_insights

    enqueue_once(refresh_person_shared_insights, person_id)
