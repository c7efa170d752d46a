"""The weekly AEIOU reflection page: pre-filled from the week's entries, keeping the person's answers."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import redirect, render
from django.urls import reverse

from ownpath.errors import UserInputError
from ownpath.reflection import services as reflection
from ownpath.reflection.models import PROMPTS
from ownpath.web.views.common import person_view


def _week_to_reflect_on(today: dt.date) -> dt.date:
    """The Monday of the week to open on: this week from Friday on, else the last finished week."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday if today.weekday() >= 4 else monday - dt.timedelta(days=7)


@person_view
def reflection_page(request):
    """GET shows the week (?week=2026-W48); POST saves the answers and shows them again."""
    error = None
    asked = request.GET.get("week") or request.POST.get("week")
    try:
        monday = reflection.week_start(asked) if asked else _week_to_reflect_on(dt.date.today())
    except UserInputError as exc:
        monday, error = reflection.week_start(None), exc.message
    if request.method == "POST" and error is None:
        answers = {key: request.POST.get(key, "") for key in PROMPTS}
        try:
            reflection.save_reflection(request.user, monday, answers)
            return redirect(f"{reverse('web:reflection')}?week={monday.isoformat()}&saved=1")
        except UserInputError as exc:
            error = exc.message
    data = reflection.reflection_for(request.user, monday)
    if request.method == "POST":  # keep what was typed when it could not be saved
        for prompt in data["prompts"]:
            prompt["answer"] = request.POST.get(prompt["key"], "")
    return render(request, "web/reflection.html", data | {
        "monday": monday, "error": error, "saved": request.GET.get("saved") == "1",
        "previous_week": (monday - dt.timedelta(days=7)).isoformat(),
        "next_week": (monday + dt.timedelta(days=7)).isoformat() if monday + dt.timedelta(days=7) <= dt.date.today() else None,
    })
