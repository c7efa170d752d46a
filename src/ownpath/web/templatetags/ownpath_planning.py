"""Template filters for team decisions: a shared track fit in the same words as its own page."""

from __future__ import annotations

from django import template

from ownpath.team_planning.presenting import present_track_fit

register = template.Library()


@register.filter
def track_fit_words(fit):
    """The track fit's plain data as sentences (``team_planning.presenting.present_track_fit``)."""
    return present_track_fit(fit)


def _plain(value, depth: int = 0) -> str:
    if isinstance(value, dict):
        if depth > 2:
            return "…"
        return "; ".join(f"{str(k).replace('_', ' ')}: {_plain(v, depth + 1)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v, depth + 1) for v in value) or "none"
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@register.filter
def plain_value(value) -> str:
    """Any shared value as words ("energy: +0.3; entries: 12"), never a data structure's repr."""
    return _plain(value)
