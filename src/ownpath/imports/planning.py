"""Planning an import (read, classify, check against the journal) and applying the plan.

A file is first *planned* so the CLI and the web page can show a preview; *applying* the
plan saves everything or nothing. Records with an activity and an energy become episodes;
the rest (calendar events, rows without a rating) wait as PendingEvents for the rating
flow (``imports.rating``). Each format's reading lives in ``imports.formats``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable

from django.db import IntegrityError, transaction

from ownpath.errors import ImportRejected, Problem, UserInputError
from ownpath.imports import limits
from ownpath.imports.assign import group_unassigned
from ownpath.imports.formats import choose_format, planner_for
from ownpath.imports.formats.base import ImportOptions, ImportPlan, reject_if
from ownpath.imports.formats.daylio import add_mood_levels, confirm_daylio_mapping
from ownpath.imports.models import PendingEvent
from ownpath.imports.parsers import detect
from ownpath.imports.parsers.textio import decode_text
from ownpath.journal import bulk
from ownpath.journal.models import Episode
from ownpath.journal.services import (
    activities_for,
    add_activity,
    day_total_problems,
    insert_episode_records,
    update_settings,
)
from ownpath.journal.validation import EpisodeRecord

__all__ = ["ImportOptions", "ImportPlan", "Progress", "apply_import", "plan_import"]

BATCH_SIZE = 2000
Progress = Callable[[int, int], None]


def plan_import(user, data: bytes | str, filename: str = "", options: ImportOptions | None = None) -> ImportPlan:
    """Parse, classify and check a file against the journal without saving anything.

    Raises ImportRejected listing every problem (line or event UID, and field) under the
    file's name, or NeedsActivityMapping when a Daylio file names activities not mapped yet.
    """
    try:
        return _plan(user, data, filename, options or ImportOptions())
    except ImportRejected as rejected:
        if filename and rejected.source != filename:
            raise ImportRejected(rejected.problems, source=filename) from None
        raise


def _plan(user, data: bytes | str, filename: str, options: ImportOptions) -> ImportPlan:
    """Bound the file, choose its format, let that format's planner read it, then check it against the journal."""
    too_big = limits.check_size(data)
    if too_big:
        raise ImportRejected([Problem("file", "file", too_big)], source=filename or "file")
    if options.encoding and isinstance(data, bytes):
        # Decode once, here, so detection and every reader see the text the person named.
        data, problems = decode_text(data, options.encoding)
        reject_if(problems, filename)
    planner = planner_for(choose_format(data, filename, options))
    if planner.counts_rows:
        _check_row_count(data, options, filename)
    plan = planner.plan(user, data, filename, options)
    _drop_duplicates(user, plan)
    over_full = day_total_problems(user, ((where, r.date, r.hours) for where, r in plan.episodes))
    if over_full:
        raise ImportRejected(over_full, source=filename or "file")
    plan.unassigned = group_unassigned([r for _, r in plan.pending])
    return plan


def apply_import(user, plan: ImportPlan, progress: Progress | None = None) -> dict:
    """Save a plan in one transaction: all of it or, on any failure, nothing."""
    total = plan.total
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    with transaction.atomic():
        if plan.daylio_mapping:
            confirm_daylio_mapping(user, plan.daylio_mapping)
        if plan.mood_levels:
            add_mood_levels(user, plan.mood_levels)
        activities_created = _add_own_activities(user, plan.new_activities)
        activity_ids = {a.slug: a.pk for a in activities_for(user)}
        held_before = Episode.objects.filter(user=user).count() if plan.journal_settings else 0
        existing = _existing_keys(user)
        uuids = _existing_uuids(user) if any(r.uuid for _, r in plan.episodes) else set()
        episodes, pending, added = [], [], []
        for where, record in plan.episodes:
            key = (record.source, record.external_id)
            if (record.external_id and key in existing) or (record.uuid and record.uuid in uuids):
                continue
            existing.add(key)
            added.append((where, record.date, record.hours))
            if record.uuid:
                uuids.add(record.uuid)
            episodes.append(record)
        for _, draft in plan.pending:
            key = (plan.source, draft.external_id)
            if key in existing:
                continue
            existing.add(key)
            pending.append({
                "user_id": user.pk, "date": draft.date, "start_time": draft.start_time, "hours": draft.hours,
                "title": draft.title[:300], "note": draft.note, "with_whom": draft.with_whom[:200],
                "place": draft.place[:80],
                "activity_id": activity_ids.get(draft.activity or ""),
                "activity_source": draft.activity_source[:20], "energy": draft.energy, "skill": draft.skill,
                "engagement": draft.engagement, "growth": draft.growth, "source": plan.source,
                "external_id": draft.external_id, "series_id": draft.series_id[:200],
            })
        over_full = day_total_problems(user, added)  # the journal may have changed since the plan
        if over_full:
            raise ImportRejected(over_full)
        try:
            insert_episode_records(user, episodes, BATCH_SIZE, advance)  # the journal writes its episodes
            bulk.insert_rows(PendingEvent, pending, BATCH_SIZE, advance)
        except IntegrityError as error:  # a concurrent writer; the transaction rolls back
            raise UserInputError(f"import conflicts with entries saved meanwhile, nothing imported ({error})") from None
        target = plan.journal_settings.get("target_hours_per_week")
        if isinstance(target, (int, float)) and not isinstance(target, bool) and held_before == (
                len(plan.episodes) - len(episodes) + plan.duplicates):
            # Settings travel with a journal only into a journal holding nothing but its entries.
            update_settings(user, target_hours_per_week=float(target))
    return {"imported": len(episodes), "pending": len(pending), "skipped_duplicates": plan.duplicates,
            **({"activities_created": activities_created} if plan.file_format == detect.OWNPATH_JSON else {}),
            "format": plan.file_format}


def _add_own_activities(user, definitions: list[dict]) -> int:
    """Add the person's own activities an ownpath export brings that they do not have yet."""
    if not definitions:
        return 0
    held = {a.slug for a in activities_for(user)}
    created = 0
    for definition in definitions:
        if definition["slug"] not in held:
            add_activity(user, definition["slug"], definition.get("label", ""), definition.get("description", ""),
                         definition.get("gwa_ids", ()))
            held.add(definition["slug"])
            created += 1
    return created


def _check_row_count(data: bytes | str, options: ImportOptions, filename: str) -> None:
    """Refuse a CSV with more rows than limits.MAX_ROWS before any row is parsed."""
    newlines = data.count(b"\n") if isinstance(data, bytes) else data.count("\n")
    if newlines <= limits.MAX_ROWS:
        return  # rows never outnumber lines (minus the header)
    text, _ = decode_text(data, options.encoding)
    rows = -1  # the header
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows += bool(row)
            if rows > limits.MAX_ROWS:
                break
    except csv.Error:
        return  # the parser words the broken quote with its line
    if rows > limits.MAX_ROWS:
        raise ImportRejected([Problem("file", "rows", limits.rows_message(rows))], source=filename or "file")


def _drop_duplicates(user, plan: ImportPlan) -> None:
    """Leave out what the journal already holds: same id, same source row, or (ownpath CSV) same content."""
    existing = _existing_keys(user)
    uuids = _existing_uuids(user) if any(r.uuid for _, r in plan.episodes) else set()
    kept_episodes = [(w, r) for w, r in plan.episodes
                     if not (r.external_id and (r.source, r.external_id) in existing) and r.uuid not in uuids]
    if plan.file_format == detect.OWNPATH_CSV:
        kept_episodes = _drop_same_content(user, kept_episodes)
    kept_pending = [(w, r) for w, r in plan.pending if (plan.source, r.external_id) not in existing]
    plan.duplicates = len(plan.episodes) - len(kept_episodes) + len(plan.pending) - len(kept_pending)
    plan.episodes, plan.pending = kept_episodes, kept_pending


def _content_key(day, activity: str, hours: float, energy, skill, engagement, growth, with_whom: str, note: str,
                 place: str, tools: str, flow: bool):
    return (day, activity, round(float(hours), 6), energy, skill, engagement, growth, with_whom, note, place, tools,
            bool(flow))


def _drop_same_content(user, episodes: list[tuple[int | str, EpisodeRecord]]) -> list[tuple[int | str, EpisodeRecord]]:
    """Rows without an id that equal an entry already in the journal, one for one.

    An ownpath CSV written before exports carried ids has only its content to go by: a row
    equal in every field to an entry the journal holds is that entry (two equal rows match
    two equal entries).
    """
    candidates = [(w, r) for w, r in episodes if not r.uuid]
    if not candidates:
        return episodes
    days = [r.date for _, r in candidates]
    held = Counter(_content_key(*values) for values in Episode.objects.filter(
        user=user, date__gte=min(days), date__lte=max(days)).values_list(
        "date", "activity__slug", "hours", "energy", "skill", "engagement", "growth", "with_whom", "note", "place",
        "tools", "flow"))
    kept = []
    for where, record in episodes:
        if not record.uuid:
            key = _content_key(record.date, record.activity, record.hours, record.energy, record.skill,
                               record.engagement, record.growth, record.with_whom, record.note, record.place,
                               record.tools, record.flow)
            if held[key] > 0:
                held[key] -= 1
                continue
        kept.append((where, record))
    return kept


def _existing_uuids(user) -> set[str]:
    return {str(value) for value in Episode.objects.filter(user=user).values_list("uuid", flat=True)}


def _existing_keys(user) -> set[tuple[str, str]]:
    keys = set(Episode.objects.filter(user=user).exclude(external_id="").values_list("source", "external_id"))
    keys |= set(PendingEvent.objects.filter(user=user).values_list("source", "external_id"))
    return keys
