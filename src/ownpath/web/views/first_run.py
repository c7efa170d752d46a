"""Day one: a welcome that gets a new person to their first evidence the same day.

The welcome says what ownpath does and that the journal is private, asks for the weekly target
(the default is never assumed silently), then offers two ways to a first journal: import a
calendar, or reconstruct yesterday (the Day Reconstruction Method, Kahneman et al. 2004: walk
through yesterday as a sequence of episodes and rate each). Then the first insight and what it
still needs.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ownpath.errors import UserInputError
from ownpath.journal import services as journal
from ownpath.journal.validation import FieldError, parse_date
from ownpath.web import sources
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

# Rows on the reconstruction form: a working day is usually five or six episodes (more: save, then add).
DAY_ROWS = 6
ROW_FIELDS = ("activity", "start", "hours", "energy", "engagement", "with", "note")


def needs_welcome(user) -> bool:
    """Day one: an empty journal and no weekly target chosen yet (the local mode's home opens the welcome)."""
    return not journal.target_is_set(user) and sources.entry_count(user) == 0


@person_view
def welcome(request):
    """The first-run page; a POST saves the weekly target and comes back to the next step."""
    errors = {}
    if request.method == "POST":
        raw = request.POST.get("target_hours", "").strip().replace(",", ".")
        try:
            journal.update_settings(request.user, target_hours_per_week=float(raw))
            return redirect(reverse("web:welcome") + "#first-entries")
        except ValueError:
            errors["target_hours"] = f"target hours: give a number of hours a week, e.g. 40 (not {raw!r})"
        except UserInputError as exc:
            errors["target_hours"] = exc.message
    user = request.user
    entries = sources.entry_count(user)
    first_insight = None
    if entries:
        report = sources.insights_for(user)
        ranked = sorted(report["activities"], key=lambda a: -a["energy"]["estimate"])
        first_insight = {"top": ranked[0] if ranked else None, "bottom": ranked[-1] if len(ranked) > 1 else None,
                         "missing": report["missing"][:3], "entries": report["episodes"]}
    context = {"target": journal.settings_for(user).target_hours_per_week, "target_set": journal.target_is_set(user),
               "entries": entries, "first_insight": first_insight, "errors": errors,
               "yesterday": dt.date.today() - dt.timedelta(days=1)}
    return render(request, "web/welcome.html", context, status=400 if errors else 200)


def _blank_rows() -> list[dict]:
    return [{name: "" for name in ROW_FIELDS} for _ in range(DAY_ROWS)]


@person_view
def yesterday(request):
    """Reconstruct a day episode by episode and rate each; the whole day is saved together or not at all."""
    default_day = dt.date.today() - dt.timedelta(days=1)
    if request.method == "POST":
        rows = [{name: request.POST.get(f"{name}-{i}", "").strip() for name in ROW_FIELDS} for i in range(DAY_ROWS)]
        day_text = request.POST.get("date", "").strip()
        try:
            day = parse_date(day_text or default_day.isoformat(), field_name="date")
            labels = {a.label.lower(): a.slug for a in journal.activities_for(request.user)}
            raws = [row | {"activity": labels.get(row["activity"].lower(), row["activity"])} for row in rows]
            saved = journal.log_day(request.user, day, raws)
        except FieldError as exc:
            error = f"{exc.field}: {exc.message}"
        except UserInputError as exc:
            error = error_html(exc)
        else:
            hours = sum(e.hours for e in saved)
            messages.success(request, f"Saved {len(saved)} episode{'s' if len(saved) != 1 else ''} of {day:%A %-d %B} "
                                      f"({hours:g} h). Here is what your journal says so far.")
            return redirect(reverse("web:welcome") + "#first-insight")
        return render(request, "web/yesterday.html", {"rows": rows, "date": day_text, "error": error,
                                                      "activities": journal.activities_for(request.user)},
                      status=400)
    return render(request, "web/yesterday.html", {"rows": _blank_rows(), "date": default_day.isoformat(),
                                                  "error": "", "activities": journal.activities_for(request.user)})
