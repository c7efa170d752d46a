"""'Rate last week': imported calendar events of a week, one card per recurring event or title,
each rated with the five faces; a recurring event's rating is remembered and pre-filled next time."""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from ownpath.analytics.plain_words import entries_word
from ownpath.errors import NotFound, UserInputError
from ownpath.imports import rating
from ownpath.inputs import strict_int
from ownpath.journal.services import activities_for, activity_labels
from ownpath.journal.validation import ENERGY_WORDS
from ownpath.web.views.common import person_view


def _period(week: str) -> tuple[dt.date | None, dt.date | None]:
    """The week asked for ('all': every pending event), or last week."""
    if week == "all":
        return None, None
    return rating.week_bounds(week or None)


def _posted_week(view):
    """Parse the posted week once for the rating actions; a bad week is a plain 400."""

    @functools.wraps(view)
    def wrapper(request):
        week = request.POST.get("week", "").strip()
        try:
            since, until = _period(week)
        except UserInputError as exc:
            return HttpResponse(exc.message, status=400, content_type="text/plain")
        return view(request, week, since, until)

    return wrapper


def _week_name(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def _group_of(user, key: str, since, until):
    """The person's pending group with this key, as stored (not as the browser echoes it); NotFound otherwise."""
    for group in rating.rating_groups(user, since, until):
        if group.key == key:
            return group
    raise NotFound("nothing pending for that event")


def _card_context(request, group, week: str) -> dict:
    return {"group": group, "week": week, "labels": activity_labels(request.user)}


@person_view
def rate_page(request):
    """The chosen week's pending events grouped so each recurring event is rated once."""
    week = request.GET.get("week", "").strip()
    try:
        since, until = _period(week)
    except UserInputError as exc:
        return render(request, "web/rate.html", {"error": exc.message, "groups": [], "week": week,
                                                 "pending": rating.pending_count(request.user)}, status=400)
    groups = rating.rating_groups(request.user, since, until)
    context = {"groups": groups, "prefilled": sum(1 for g in groups if g.remembered_energy is not None and g.activity),
               "week": week or (_week_name(since) if since else ""), "since": since, "until": until,
               "pending": rating.pending_count(request.user), "activities": activities_for(request.user),
               "labels": activity_labels(request.user)}
    if since:
        context["previous_week"] = _week_name(since - dt.timedelta(days=7))
        context["next_week"] = _week_name(since + dt.timedelta(days=7))
        # People read weeks by their Monday, not by ISO number.
        context["previous_monday"] = since - dt.timedelta(days=7)
        context["next_monday"] = since + dt.timedelta(days=7)
    return render(request, "web/rate.html", context)


def _back_to_week(request, week: str, text: str):
    """Say what was done and show the same week again."""
    messages.success(request, text)
    return redirect(reverse("web:rate_week") + (f"?week={week}" if week else ""))


def _after(request, week: str, text: str):
    """With HTMX the card is replaced by a one-line result; otherwise back to the same week."""
    if request.htmx:
        return HttpResponse(format_html('<p class="rated ok" role="status">{}</p>', text))
    return _back_to_week(request, week, text)


@require_POST
@person_view
@_posted_week
def rate_save(request, week: str, since, until):
    """Rate one group: every pending occurrence becomes a journal episode with this energy."""
    key = request.POST.get("key", "")
    errors = {}
    try:
        energy = strict_int(request.POST.get("energy", ""), "energy", low=-2, high=2)
    except UserInputError:
        errors["energy"] = "choose one of the five faces"
        energy = None
    skill_text = request.POST.get("skill", "").strip()
    skill = None
    if skill_text:
        try:
            skill = strict_int(skill_text, "skill", low=1, high=5)
        except UserInputError:
            errors["skill"] = "choose 1 to 5, or leave it unrated"
    activity = request.POST.get("activity", "").strip().lower() or None
    group = _group_of(request.user, key, since, until)
    if not errors:
        try:
            count = rating.rate_group(request.user, key, energy, activity, skill, since, until)
        except NotFound:
            raise
        except UserInputError as exc:
            errors["form"] = exc.message
        else:
            return _after(request, week, f"Rated {count} × {group.title[:80]}: {ENERGY_WORDS[energy]} "
                                         f"({energy:+d}); saved to your journal.")
    # Show the card again with the messages.
    context = _card_context(request, group, week) | {"errors": errors, "chosen": request.POST,
                                                     "activities": activities_for(request.user)}
    if request.htmx:
        # htmx swaps only 2xx answers: the card with its messages comes back as 200, as the quick log does.
        return render(request, "web/partials/rate_card.html", context)
    return render(request, "web/rate.html", {"groups": [group], "week": week, "errors_for": key,
                                             "pending": rating.pending_count(request.user)} | context, status=400)


@require_POST
@person_view
@_posted_week
def rate_dismiss(request, week: str, since, until):
    """Drop a group as not work (lunch, holidays); later imports leave it out."""
    key = request.POST.get("key", "")
    title = _group_of(request.user, key, since, until).title[:80]
    count = rating.dismiss_group(request.user, key, since, until)
    return _after(request, week, f"Left out {count} × {title} as not work.")


@require_POST
@person_view
@_posted_week
def rate_remembered(request, week: str, since, until):
    """Save every pre-filled rating of the week at once (recurring events rated before)."""
    applied = rating.apply_remembered_ratings(request.user, since, until)
    return _back_to_week(request, week, f"Saved {entries_word(sum(n for _, n in applied))} with the ratings you gave before.")
