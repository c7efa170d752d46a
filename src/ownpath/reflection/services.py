"""The weekly AEIOU reflection: a summary of the week's entries per prompt, and the person's answers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from django.db import transaction

from ownpath.errors import UserInputError
from ownpath.journal.validation import PEOPLE_KINDS, FieldError, parse_text, parse_week, split_list
from ownpath.reflection.models import ANSWER_FIELDS, PROMPTS, WeeklyReflection

MAX_ANSWER = 5000


def week_start(week: str | None, today: dt.date | None = None) -> dt.date:
    """Monday of '2026-W48', of the week holding a date, or (default) of the current week."""
    today = today or dt.date.today()
    if not (week or "").strip():
        return today - dt.timedelta(days=today.weekday())
    try:
        return parse_week(week, today=today)
    except FieldError as exc:
        raise UserInputError(str(exc)) from None


def _summary(groups: Mapping[str, list[tuple[float, int, bool]]], limit: int = 6) -> list[dict]:
    """Per name: hours, entries, mean energy, entries in flow; most hours first."""
    rows = []
    for name, items in groups.items():
        hours = sum(h for h, _, _ in items)
        rows.append({"name": name, "hours": round(hours, 2), "entries": len(items),
                     "mean_energy": round(sum(e for _, e, _ in items) / len(items), 2),
                     "flow": sum(1 for _, _, f in items if f)})
    rows.sort(key=lambda r: (-r["hours"], r["name"]))
    return rows[:limit]


def week_prefill(user, monday: dt.date) -> dict[str, list[dict]]:
    """What the week's entries say for each AEIOU prompt (only the person's own entries)."""
    from ownpath.journal.services import activity_labels, episodes_for

    labels = activity_labels(user)
    groups = {key: defaultdict(list) for key in PROMPTS}
    for e in episodes_for(user, monday, monday + dt.timedelta(days=6)):
        item = (e.hours, e.energy, e.flow)
        groups["activities"][labels.get(e.activity.slug, e.activity.slug)].append(item)
        if e.place:
            groups["environments"][e.place].append(item)
        for who in split_list(e.with_whom):
            # Kinds of company are interactions; named people and customers are who the work was for.
            groups["interactions"][who].append(item)
            if who == "customers" or who not in PEOPLE_KINDS:
                groups["users"][who].append(item)
        for tool in split_list(e.tools):
            groups["objects"][tool].append(item)
    return {key: _summary(values) for key, values in groups.items()}


def reflection_for(user, monday: dt.date) -> dict:
    """The week's prompts, pre-filled summaries and the person's saved answers."""
    saved = WeeklyReflection.objects.filter(user=user, week_start=monday).first()
    prefill = week_prefill(user, monday)
    return {
        "week_start": monday.isoformat(),
        "week": f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}",
        "prompts": [{"key": key, "prompt": text, "from_entries": prefill[key],
                     "answer": getattr(saved, ANSWER_FIELDS[key]) if saved else ""} for key, text in PROMPTS.items()],
        "saved_at": saved.updated_at.isoformat(timespec="seconds") if saved else None,
    }


@transaction.atomic
def save_reflection(user, monday: dt.date, answers: Mapping[str, str]) -> WeeklyReflection:
    """Keep the person's answers for the week; every answer is checked, any bad one saves nothing."""
    clean, problems = {}, []
    for key in PROMPTS:
        try:
            clean[ANSWER_FIELDS[key]] = parse_text(key, answers.get(key, ""), MAX_ANSWER)
        except FieldError as error:
            problems.append(f"{error.field}: {error.message}")
    if problems:
        raise UserInputError("; ".join(problems))
    reflection, _ = WeeklyReflection.objects.update_or_create(user=user, week_start=monday, defaults=clean)
    return reflection
