"""Quick log, the journal list with filters, editing and deleting an entry."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ownpath.errors import UserInputError
from ownpath.inputs import strict_int
from ownpath.journal import services as journal
from ownpath.journal.validation import EpisodeInvalid, FieldError, parse_date
from ownpath.web import sources
from ownpath.web.forms import episode_initial, episode_raw_from_post
from ownpath.web.views.common import person_view

LIST_LIMIT = 100


def _form_context(user, values: dict, errors: dict | None = None, episode=None) -> dict:
    return {"values": values, "errors": errors or {}, "episode": episode, "activities": journal.activities_for(user),
            "quick_picks": sources.quick_picks(user) if episode is None else [],
            "entry_uuid": values.get("uuid") or uuid.uuid4()}


def _page_number(request) -> int:
    # ASCII digits only, and a page a database offset can reach; anything else is the first page.
    try:
        return strict_int(request.GET.get("page", "1"), "page", low=1, high=1_000_000)
    except UserInputError:
        return 1


def _filters(request) -> tuple[dict, dict]:
    """The journal list's filters from the query string, and a message per bad one."""
    raw = {name: request.GET.get(name, "").strip() for name in ("since", "until", "activity")}
    parsed, errors = {"since": None, "until": None, "activity": raw["activity"] or None}, {}
    for name in ("since", "until"):
        if raw[name]:
            try:
                parsed[name] = parse_date(raw[name], field_name=name)
            except FieldError as exc:
                errors[name] = exc.message
    return raw | {"parsed": parsed}, errors


@person_view
def journal_page(request):
    """The quick-log form above the person's journal, newest first, with filters."""
    filters, filter_errors = _filters(request)
    parsed = filters.pop("parsed")
    page = _page_number(request)
    latest, total = sources.latest_entries(request.user, LIST_LIMIT, parsed["since"], parsed["until"],
                                           parsed["activity"], offset=(page - 1) * LIST_LIMIT)
    if not latest and page > 1:  # past the last page (entries were deleted): show the last one
        page = max(1, -(-total // LIST_LIMIT))
        latest, total = sources.latest_entries(request.user, LIST_LIMIT, parsed["since"], parsed["until"],
                                               parsed["activity"], offset=(page - 1) * LIST_LIMIT)
    initial = episode_initial()
    context = _form_context(request.user, initial) | {
        "episodes": latest, "total": total, "limit": LIST_LIMIT, "filters": filters,
        "filter_errors": filter_errors, "filtered": any(filters.values()), "page": page,
        "first_shown": (page - 1) * LIST_LIMIT + 1 if latest else 0, "last_shown": (page - 1) * LIST_LIMIT + len(latest),
        "newer_page": page - 1 if page > 1 else None,
        "older_page": page + 1 if page * LIST_LIMIT < total else None,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
    }
    wanted = request.GET.get("log", "").strip()
    if wanted:
        # "Log X" links from the insights story open the form with X and its usual hours filled in.
        pick = next((p for p in context["quick_picks"] if p["slug"] == wanted), None)
        label = next((a.label for a in context["activities"] if a.slug == wanted), "")
        context["values"] = initial | {"activity": label, "hours": pick["hours"] if pick else ""}
    return render(request, "web/journal.html", context, status=400 if filter_errors else 200)


@require_POST
@person_view
def log_entry(request):
    """Save one entry. With HTMX: the fresh form plus the new row, no reload; errors stay in the form."""
    raw = episode_raw_from_post(request.POST)
    # The form's entry id, chosen on the device: the same entry sent twice is saved once.
    raw["uuid"] = request.POST.get("uuid", "").strip()
    errors, episode = {}, None
    try:
        episode = journal.log_episode(request.user, raw)
    except EpisodeInvalid as exc:
        errors = exc.fields  # each bad field, named as the form names its input
    except UserInputError as exc:
        errors = {"form": exc.message}
    if request.headers.get("X-Ownpath-Queued") == "1":
        # An entry the phone kept while offline, sent by app.js: a short answer it can act on.
        if errors:
            return JsonResponse({"saved": False, "errors": errors}, status=400)
        return JsonResponse({"saved": True, "id": episode.id, "uuid": str(episode.uuid)})
    if request.htmx:
        if errors:
            return render(request, "web/partials/quick_log_form.html",
                          _form_context(request.user, raw, errors))
        values = episode_initial() | {"date": raw["date"]}
        return render(request, "web/partials/logged.html",
                      _form_context(request.user, values) | {"new_episode": episode, "limit": LIST_LIMIT,
                                                             "total": sources.entry_count(request.user)})
    if errors:
        context = _form_context(request.user, raw, errors) | {
            "episodes": [], "total": 0, "limit": LIST_LIMIT, "filters": {}, "filter_errors": {}}
        return render(request, "web/journal.html", context, status=400)
    return redirect("web:journal")


@person_view
def edit_entry(request, episode_id: int):
    """Change one of the person's entries; a bad field saves nothing and says why."""
    episode = journal.get_episode(request.user, episode_id)
    if request.method == "POST":
        raw = episode_raw_from_post(request.POST)
        try:
            journal.update_episode(request.user, episode_id, raw)
            return redirect(reverse("web:journal"))
        except EpisodeInvalid as exc:
            errors = exc.fields
        except UserInputError as exc:
            errors = {"form": exc.message}
        return render(request, "web/edit_entry.html",
                      _form_context(request.user, raw, errors, episode), status=400)
    return render(request, "web/edit_entry.html", _form_context(request.user, episode_initial(episode), None, episode))


@require_POST
@person_view
def delete_entry(request, episode_id: int):
    """Delete one of the person's entries (with HTMX the row just disappears)."""
    journal.delete_episode(request.user, episode_id)
    if request.htmx:
        return HttpResponse("")
    return redirect("web:journal")
