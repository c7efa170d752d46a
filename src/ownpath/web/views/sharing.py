"""The person's Sharing page: what they share with whom (live or snapshot), a preview, revoking,
their own words, and the access log. Every call goes to ``sharing.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing import services as sharing
from ownpath.sharing.items import ITEMS, get_item
from ownpath.sharing.models import Share
from ownpath.teams import services as teams
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

GRID_AUDIENCES = (Share.MANAGER, Share.TEAM, Share.AGGREGATE)


def _grid(owner) -> list[dict]:
    live = {}
    for found in sharing.shares_of(owner).exclude(audience=Share.PERSON):
        live.setdefault((found.item, found.audience), found)
    rows = []
    for slug, item in ITEMS.items():
        cells = [{"audience": audience, "label": sharing.AUDIENCE_LABELS[audience],
                  "allowed": audience in item.audiences, "share": live.get((slug, audience))}
                 for audience in GRID_AUDIENCES]
        rows.append({"item": item, "cells": cells})
    return rows


@person_view
def sharing_page(request, status: int = 200):
    """What the person shares, with whom, since when; the forms to share and revoke; who read what."""
    owner = request.user
    wish = sharing.career_wish_of(owner)
    return render(request, "web/sharing.html", {
        "rows": _grid(owner),
        "person_shares": sharing.shares_of(owner).filter(audience=Share.PERSON),
        "audience_now": {"manager": sharing.audience_now(owner, Share.MANAGER),
                         "team": sharing.audience_now(owner, Share.TEAM)},
        "colleagues": teams.colleagues_of(owner),
        "items": list(ITEMS.values()),
        "wish": wish,
        "access_log": sharing.access_log_of(owner, limit=100),
        "in_organisation": teams.organisations_of(owner).exists(),
        "changes": sharing.relation_changes_of(owner)[:20],
    }, status=status)


@require_POST
@person_view
def relation_change_answer(request, change_id: int):
    """The person has seen a change of manager or teammate; for a new manager, keep sharing or not."""
    answer = request.POST.get("keep_sharing")
    try:
        change = sharing.answer_relation_change(request.user, change_id,
                                                None if answer is None else answer == "yes")
    except NotFound:
        raise  # someone else's notice looks missing (404), never a 400 page
    except UserInputError as exc:
        messages.error(request, exc.message)
        return sharing_page(request, status=400)
    if change["asks_keep_sharing"]:
        reaches = "now reaches" if change["keep_sharing"] else "does not reach"
        messages.success(request, f"What you share with 'my manager' {reaches} {change['other']}.")
    return redirect("web:sharing")


@require_POST
@person_view
def share_add(request):
    """Share one item with one audience (live or a snapshot taken now)."""
    try:
        person = None
        if request.POST.get("audience") == Share.PERSON:
            person = teams.colleague(request.user, request.POST.get("person", ""))
        made = sharing.share(request.user, request.POST.get("item", ""), request.POST.get("audience", ""),
                             mode=request.POST.get("mode", Share.LIVE), person=person)
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return sharing_page(request, status=400)
    nobody = sharing.nobody_reached(made)
    if nobody:
        messages.warning(request, f"“{get_item(made.item).label}” is set to be shared, but {nobody}")
    else:
        messages.success(request, f"Shared “{get_item(made.item).label}” with {made.get_audience_display()}"
                                  f" ({made.get_mode_display()}).")
    return redirect("web:sharing")


@require_POST
@person_view
def share_revoke(request, share_id: int):
    """End one of the person's shares now."""
    ended = sharing.revoke(request.user, share_id)
    messages.success(request, f"Stopped sharing “{get_item(ended.item).label}” with {ended.get_audience_display()}.")
    return redirect("web:sharing")


@require_POST
@person_view
def career_wish_save(request):
    """Save the person's own words (what they want out of their role, five-year wish)."""
    try:
        sharing.set_career_wish(request.user, want_from_role=request.POST.get("want_from_role", ""),
                                five_year_wish=request.POST.get("five_year_wish", ""))
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return sharing_page(request, status=400)
    messages.success(request, "Your words are saved (shared only where you share them).")
    return redirect("web:sharing")


@person_view
def share_preview(request, item: str):
    """Exactly what an audience sees of this item right now (an HTMX partial, or a page without JS)."""
    if item not in ITEMS:
        raise NotFound(f"no item '{item}'")
    shown = {"item": item, "label": ITEMS[item].label, "mode": Share.LIVE, "taken_at": None,
             "content": sharing.preview(request.user, item)}
    template = "web/partials/shared_item.html" if request.htmx else "web/share_preview.html"
    return render(request, template, {"shared": shown, "preview": True})
