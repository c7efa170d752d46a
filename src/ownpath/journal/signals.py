"""Keep the built-in activities in the database in step with ownpath.taxonomy."""

from __future__ import annotations

from ownpath.taxonomy import BUILTIN_ACTIVITIES


def sync_builtin_activities(sender=None, using="default", **kwargs) -> None:
    """Create or refresh the built-in activities after every migrate (slugs never change)."""
    from ownpath.journal.models import Activity

    for definition in BUILTIN_ACTIVITIES:
        Activity.objects.using(using).update_or_create(
            owner=None,
            slug=definition.slug,
            defaults={
                "label": definition.label,
                "description": definition.description,
                "gwa_ids": list(definition.gwa_ids),
            },
        )
