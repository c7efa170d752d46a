"""Template helpers for an entry's context: the person's own places, people and tools."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def context_lists(user) -> dict[str, list[str]]:
    """The person's places, people and tools, most used first (empty lists for nobody)."""
    from ownpath.journal.services import context_lists_for

    if user is None or not getattr(user, "is_authenticated", False):
        return {"places": [], "people": [], "tools": []}
    return context_lists_for(user)
