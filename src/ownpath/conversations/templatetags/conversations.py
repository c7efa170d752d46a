"""Template tags of career conversations (the open agreements on the manager's team page)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def open_agreements(viewer, person) -> list[dict]:
    """The open agreements between `viewer` (as manager) and `person`; empty for anyone else."""
    from ownpath.conversations.services import open_agreements_with

    return open_agreements_with(viewer, person)
