"""Import use cases: any detected format for a person, in one transaction, without duplicates.

A file is first *planned* (parsed, classified, checked against what the journal already
holds) so the CLI can show a preview; *applying* the plan saves everything or nothing.
Records with an activity and an energy become episodes; the rest (calendar events, rows
without a rating) wait as PendingEvents for the 'rate' flow, which remembers ratings per
recurring event so a weekly 1:1 is rated once.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import socket
import uuid as uuid_module
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django_tasks import task

from ownpath.analytics.activity_rules import DEFAULT_RULE_DATA, Rule, apply_rules, rules_from_data
from ownpath.analytics.text_classifier import (
    TextClassifier,
    assign_activity,
    builtin_examples,
    dwa_examples,
    own_examples,
)
from ownpath.errors import ImportRejected, NotFound, Problem, UserInputError
from ownpath.imports import bulk, daylio, detect, generic_csv, ics, limits
from ownpath.imports.assign import UnassignedGroup, classify_events, classify_records, group_unassigned, title_key
from ownpath.imports.models import ImportRun, ImportSettings, PendingEvent, PendingUpload, RememberedChoice
from ownpath.imports.records import EpisodeRecord as ImportedRecord
from ownpath.imports.records import Problem as ParseProblem
from ownpath.imports.textio import decode_text
from ownpath.journal.models import Episode
from ownpath.journal.services import (
    activities_for,
    activity_labels,
    add_activity,
    day_total_problems,
    update_settings,
)
from ownpath.journal.validation import EpisodeRecord, FieldError, parse_date, parse_week, validate_episode

BATCH_SIZE = 2000
DAYLIO_DEFAULT_HOURS = 1.0
EXTERNAL_ID_MAX = 200
Progress = Callable[[int, int], None]


class NeedsActivityMapping(UserInputError):
    """A Daylio file names activities the person has not mapped yet; nothing was imported."""

    def __init__(self, counts: Mapping[str, int], suggestions: Mapping[str, str | None]):
        self.counts = dict(counts)
        self.suggestions = dict(suggestions)
        names = ", ".join(sorted(self.counts))
        super().__init__(f"confirm how your Daylio activities map to ownpath activities first ({names}); "
                         "run `ownpath import FILE` interactively, or pass --yes to accept the suggestions")


@dataclass
class ImportOptions:
    """How to read a file; everything is optional and detected when it can be."""

    file_format: str | None = None
    column_map: str | None = None
    energy_range: str | None = None
    date_format: str | None = None
    encoding: str | None = None
    default_hours: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    time_zone: str | None = None
    activity_names: dict[str, str] = field(default_factory=dict)
    accept_suggestions: bool = False
    min_confidence: float = 0.5
    today: dt.date | None = None


@dataclass
class ImportPlan:
    """What an import would do; ``apply_import`` carries it out."""

    file_format: str
    source: str
    episodes: list[tuple[int | str, EpisodeRecord]] = field(default_factory=list)
    pending: list[tuple[int | str, ImportedRecord]] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unassigned: list[UnassignedGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    journal_text: str | None = None  # always None now (JSON is planned like every format); templates test it
    new_activities: list[dict] = field(default_factory=list)  # ownpath JSON: the person's own activities
    journal_settings: dict = field(default_factory=dict)  # ownpath JSON: settings, kept in an empty journal
    daylio_mapping: dict[str, str | None] | None = None  # stored when the plan is applied

    @property
    def total(self) -> int:
        """Rows or events that will be saved."""
        return len(self.episodes) + len(self.pending)

    def hours_by_activity(self) -> Counter:
        """Planned hours per activity slug ('' for unassigned)."""
        hours: Counter = Counter()
        for _, record in self.episodes:
            hours[record.activity] += record.hours
        for _, record in self.pending:
            hours[record.activity or ""] += record.hours or 0.0
        return hours


# --- settings: rules, Daylio mapping, mood scale -------------------------------------------

def import_settings_for(user) -> ImportSettings:
    """The person's import settings, created on first use."""
    settings, _ = ImportSettings.objects.get_or_create(user=user)
    return settings


def rule_data_for(user) -> list[dict]:
    """The person's classification rules as plain data (the shipped defaults until edited)."""
    settings = import_settings_for(user)
    return list(settings.rules) if settings.rules is not None else [dict(r) for r in DEFAULT_RULE_DATA]


def rules_for(user) -> list[Rule]:
    """The person's rules, ready to apply."""
    rules, _ = rules_from_data(rule_data_for(user))
    return rules


def set_rules(user, data) -> list[Rule]:
    """Replace the person's rules; any bad rule refuses the whole set with every problem listed."""
    rules, problems = rules_from_data(data, known_activities=set(activity_labels(user)))
    if problems:
        raise UserInputError("rules not saved:\n  " + "\n  ".join(problems))
    settings = import_settings_for(user)
    settings.rules = [rule.to_data() for rule in rules]
    settings.save(update_fields=["rules"])
    return rules


def add_rule(user, activity: str, keywords: Iterable[str] = (), organiser: Iterable[str] = (),
             min_attendees: int | None = None, max_attendees: int | None = None, name: str = "",
             first: bool = True) -> list[Rule]:
    """Add one rule, first by default (so it wins over the general defaults)."""
    rule: dict = {"activity": activity.strip().lower(), "name": name,
                  "keywords": [k for k in keywords if k.strip()], "organiser": [o for o in organiser if o.strip()]}
    if min_attendees is not None:
        rule["min_attendees"] = min_attendees
    if max_attendees is not None:
        rule["max_attendees"] = max_attendees
    data = rule_data_for(user)
    data.insert(0 if first else len(data), {k: v for k, v in rule.items() if v not in ("", [])})
    return set_rules(user, data)


def remove_rule(user, number: int) -> list[Rule]:
    """Remove rule number ``number`` (1-based, as listed)."""
    data = rule_data_for(user)
    if not 1 <= number <= len(data):
        raise UserInputError(f"rule: there is no rule {number}; you have {len(data)}")
    del data[number - 1]
    return set_rules(user, data)


def reset_rules(user) -> list[Rule]:
    """Go back to the shipped default rules."""
    settings = import_settings_for(user)
    settings.rules = None
    settings.save(update_fields=["rules"])
    return rules_for(user)


def daylio_mapping_for(user) -> dict[str, str | None]:
    """The Daylio activity mapping the person confirmed (name -> slug, or None for 'not work')."""
    return dict(import_settings_for(user).daylio_mapping or {})


def confirm_daylio_mapping(user, mapping: Mapping[str, str | None]) -> dict[str, str | None]:
    """Store (merge) the person's Daylio mapping after checking every target activity exists."""
    known = set(activity_labels(user))
    bad = [f"{name!r} -> {slug!r}" for name, slug in mapping.items() if slug and slug not in known]
    if bad:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(bad))
    settings = import_settings_for(user)
    merged = dict(settings.daylio_mapping or {})
    merged.update({" ".join(name.lower().split()): (slug or None) for name, slug in mapping.items()})
    settings.daylio_mapping = merged
    settings.save(update_fields=["daylio_mapping"])
    return merged


def mood_scale_for(user) -> dict[str, int]:
    """The person's Daylio mood scale (rad=2 … awful=-2 unless changed)."""
    return dict(import_settings_for(user).mood_scale or daylio.DEFAULT_MOOD_SCALE)


def set_mood_scale(user, spec: str) -> dict[str, int]:
    """Set the mood scale from 'rad=2,good=1,...'."""
    scale, problems = daylio.parse_mood_scale(spec)
    if problems or not scale:
        raise UserInputError("mood scale: " + ("; ".join(p.message for p in problems) or "empty"))
    settings = import_settings_for(user)
    settings.mood_scale = scale
    settings.save(update_fields=["mood_scale"])
    return scale


# --- the classifier ---------------------------------------------------------------------------

def onet_dwa_rows() -> list[tuple[str, str]]:
    """DWA (ID, title) rows of the loaded O*NET release; [] when none is loaded or readable.

    The release folders are those `ownpath occupations load` recorded (or OWNPATH_ONET_DIR);
    DWA titles are read in place, never copied.
    """
    folders = [os.environ["OWNPATH_ONET_DIR"]] if os.environ.get("OWNPATH_ONET_DIR") else []
    try:
        from ownpath.occupations import onet_files
        from ownpath.occupations.models import OnetRelease

        release = OnetRelease.objects.first()
        if release is not None and release.source:
            folders += [f.strip() for f in release.source.split(";") if f.strip()]
        for folder in onet_files.expand_release_folders(folders):
            path = Path(folder) / onet_files.LAYOUTS["dwa_reference"].filename
            if path.is_file():
                return [(row.dwa_id, row.title) for row in onet_files.read_dwa_reference(path).values()]
    except Exception:  # a moved or damaged release must not stop an import; train without it
        return []
    return []


def classifier_for(user, max_own: int = 5000) -> TextClassifier:
    """A classifier trained on shipped text, O*NET DWAs if loaded, and the person's own history."""
    examples = builtin_examples() + dwa_examples(onet_dwa_rows())
    own = list(Episode.objects.filter(user=user).exclude(note="")
               .order_by("-date").values_list("note", "activity__slug")[:max_own])
    own += [(key[len("title:"):], slug) for key, slug in RememberedChoice.objects.filter(
        user=user, key__startswith="title:", activity__isnull=False).values_list("key", "activity__slug")]
    examples += own_examples((text[:300], slug) for text, slug in own)
    return TextClassifier().fit(examples)


def explain_activity(user, text: str, organiser: str = "", attendees: int | None = None) -> dict:
    """Which rule or classifier guess would give a title its activity (for `ownpath rules test`)."""
    rules = rules_for(user)
    rule = apply_rules(rules, text, organiser, attendees)
    ranked = classifier_for(user).rank(text, top=3)
    return {"rule": rule.to_data() if rule else None, "rule_number": rules.index(rule) + 1 if rule else None,
            "classifier": ranked}


# --- planning and applying an import ---------------------------------------------------------

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
    too_big = limits.check_size(data)
    if too_big:
        raise ImportRejected([Problem("file", "file", too_big)], source=filename or "file")
    if options.encoding and isinstance(data, bytes):
        # Decode once, here, so detection and every reader see the text the person named.
        data, problems = decode_text(data, options.encoding)
        _reject_if(problems, filename)
    file_format = _choose_format(data, filename, options)
    if file_format not in (detect.ICS, detect.OWNPATH_JSON):
        _check_row_count(data, options, filename)
    if file_format == detect.OWNPATH_JSON:
        plan = _plan_ownpath_json(user, data, filename, options)
    elif file_format == detect.OWNPATH_CSV:
        plan = _plan_ownpath_csv(user, data, options)
    elif file_format == detect.ICS:
        plan = _plan_calendar(user, data, options)
    elif file_format == detect.DAYLIO:
        plan = _plan_daylio(user, data, options)
    else:
        plan = _plan_generic_csv(user, data, options)
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
            episodes.append({
                "user_id": user.pk, "date": record.date, "start_time": record.start_time,
                "activity_id": activity_ids[record.activity], "hours": record.hours, "energy": record.energy,
                "skill": record.skill, "engagement": record.engagement, "growth": record.growth,
                "off_clock": record.off_clock, "with_whom": record.with_whom, "note": record.note,
                "place": record.place, "tools": record.tools, "flow": record.flow,
                "source": record.source, "external_id": record.external_id,
                **({"uuid": uuid_module.UUID(record.uuid)} if record.uuid else {}),
            })
        for _, record in plan.pending:
            key = (plan.source, record.external_id)
            if key in existing:
                continue
            existing.add(key)
            pending.append({
                "user_id": user.pk, "date": record.date, "start_time": record.start, "hours": record.hours,
                "title": record.title[:300], "note": record.note, "with_whom": record.with_whom[:200],
                "place": record.place[:80],
                "activity_id": activity_ids.get(record.activity or ""),
                "activity_source": record.activity_source[:20], "energy": record.energy, "skill": record.skill,
                "engagement": record.engagement, "growth": record.growth, "source": plan.source,
                "external_id": record.external_id, "series_id": record.series_id[:200],
            })
        over_full = day_total_problems(user, added)  # the journal may have changed since the plan
        if over_full:
            raise ImportRejected(over_full)
        try:
            bulk.insert_rows(Episode, episodes, BATCH_SIZE, advance)
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


def import_file(user, data: bytes | str, filename: str = "", options: ImportOptions | None = None,
                progress: Progress | None = None) -> dict:
    """Plan and apply in one go (what the API and scripts use)."""
    return apply_import(user, plan_import(user, data, filename, options), progress)


def _choose_format(data, filename: str, options: ImportOptions) -> str:
    aliases = {"json": detect.OWNPATH_JSON, "ical": detect.ICS, "calendar": detect.ICS}
    wanted = aliases.get((options.file_format or "").lower(), (options.file_format or "").lower())
    detected, problems = detect.detect_format(data, filename)
    if wanted in ("", "auto"):
        _reject_if(problems, filename)
        if detected == detect.GENERIC_CSV and not options.column_map:
            raise UserInputError(
                "this CSV is not an ownpath or Daylio export: say which column holds what, e.g. "
                "--map date=Day,activity=Task,hours=Duration,energy=Mood")
        return detected if not (detected in (detect.OWNPATH_CSV,) and options.column_map) else detect.GENERIC_CSV
    if wanted == "csv":
        return detect.GENERIC_CSV if options.column_map else detect.OWNPATH_CSV
    if wanted not in detect.FORMATS:
        raise UserInputError(f"format: must be one of auto, {', '.join(detect.FORMATS)}, json or csv; got {wanted!r}")
    return wanted


def _check_row_count(data: bytes | str, options: ImportOptions, filename: str) -> None:
    """Refuse a CSV with more rows than limits.MAX_ROWS before any row is parsed."""
    newlines = data.count(b"\n" if isinstance(data, bytes) else "\n")
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


def _reject_if(problems: list[ParseProblem], filename: str = "") -> None:
    if problems:
        raise ImportRejected([_journal_problem(p) for p in problems], source=filename or "file")


def _journal_problem(problem: ParseProblem) -> Problem:
    if problem.uid is not None:
        return Problem(problem.where, problem.field, problem.message)
    return Problem(problem.line if problem.line is not None else "file", problem.field, problem.message)


def _known_activity_names(user) -> dict[str, str]:
    labels = activity_labels(user)
    names = {slug: slug for slug in labels}
    names.update({label.lower(): slug for slug, label in labels.items()})
    return names


def _plan_ownpath_json(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """ownpath's lossless JSON export: every entry validated, own activities and settings kept."""
    from ownpath.journal import transfer

    text, problems = decode_text(data)
    _reject_if(problems, filename)
    labels = activity_labels(user)
    today = options.today or dt.date.today()
    try:
        records, own, settings = transfer.parse_journal_json(
            text, labels.keys(), labels, today=options.today, max_entries=limits.MAX_ROWS,
            quick_check=lambda raw, known: bulk.fast_json_episode(raw, known, today))
    except ImportRejected as rejected:
        raise ImportRejected(rejected.problems, source=filename or "file") from None
    return ImportPlan(file_format=detect.OWNPATH_JSON, source="ownpath", episodes=records, new_activities=own,
                      journal_settings=settings if isinstance(settings, dict) else {})


def _plan_ownpath_csv(user, data, options: ImportOptions) -> ImportPlan:
    from ownpath.journal import transfer

    text, problems = decode_text(data, options.encoding)
    _reject_if(problems)
    labels = activity_labels(user)
    records = bulk.fast_journal_csv(text, set(labels), options.today)
    if records is None:  # some row is not plainly valid: the journal's parser decides and words it
        records = transfer.parse_journal_csv(text, labels.keys(), labels, today=options.today)
        ids = bulk.journal_csv_ids(text)
        for line, record in records:
            if not record.external_id and line in ids:
                record.source, record.external_id = "ownpath-csv", ids[line]
    return ImportPlan(file_format=detect.OWNPATH_CSV, source="ownpath-csv", episodes=records)


def _plan_calendar(user, data, options: ImportOptions) -> ImportPlan:
    today = options.today or dt.date.today()
    result = ics.parse_ics(data, window_start=options.since, window_end=options.until or today,
                           local_tz=_time_zone(options.time_zone), today=today)
    _reject_if(result.problems)
    remembered = {key: slug for key, slug in RememberedChoice.objects.filter(user=user, activity__isnull=False)
                  .values_list("key", "activity__slug")}
    not_work = set(RememberedChoice.objects.filter(user=user, not_work=True).values_list("key", flat=True))
    events = [e for e in result.events if (e.series_id or title_key(e.title)) not in not_work]
    ignored = len(result.events) - len(events)
    records = classify_events(events, rules_for(user), classifier_for(user), options.min_confidence, remembered)
    plan = ImportPlan(file_format=detect.ICS, source="ics", skipped=list(result.skipped))
    problems = []
    for event, record in zip(events, records):
        where = f"event UID {event.uid}" + (f" (line {event.line})" if event.line else "")
        record.external_id = _fit_id(record.external_id)
        record.series_id = _fit_id(record.series_id) if record.series_id else ""
        problems += _check_pending(record, where, options)
        plan.pending.append((where, record))
    if problems:
        raise ImportRejected(problems)
    window = result.notes.get("window")
    if window:
        plan.notes.append(f"calendar events from {window[0]} to {window[1]} (choose with --since/--until)")
    if ignored:
        plan.notes.append(f"{ignored} occurrence(s) of events you marked as not work were left out")
    plan.notes.append("calendar events wait for your energy rating: run `ownpath rate` afterwards")
    return plan


def _plan_daylio(user, data, options: ImportOptions) -> ImportPlan:
    scale = mood_scale_for(user)
    entries, problems = daylio.read_daylio(data, scale)
    _reject_if(problems)
    mapping = daylio_mapping_for(user)
    mapping.update({" ".join(k.lower().split()): v for k, v in options.activity_names.items()})
    counts = daylio.activity_names(entries)
    unmapped = {name: n for name, n in counts.items() if name not in mapping}
    if unmapped:
        suggestions = suggest_daylio_mapping(user, unmapped)
        if not options.accept_suggestions:
            raise NeedsActivityMapping(unmapped, suggestions)
        mapping.update(suggestions)
    unknown = [f"{n!r} -> {s!r}" for n, s in mapping.items() if s and s not in activity_labels(user)]
    if unknown:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(unknown))
    result = daylio.parse_daylio(data, mapping, scale)
    _reject_if(result.problems)
    hours = options.default_hours or DAYLIO_DEFAULT_HOURS
    plan = ImportPlan(file_format=detect.DAYLIO, source="daylio", skipped=list(result.skipped),
                      daylio_mapping={name: mapping[name] for name in counts})
    plan.notes.append(f"Daylio has no durations: each episode counts as {hours:g} h (change with --hours)")
    problems = []
    labels = activity_labels(user)
    known = set(labels)
    for record in result.records:
        record.hours = hours
        where = record.source_line or "file"
        episode, errors = _to_episode(labels, record, "daylio", options, known)
        problems += [Problem(where, e.field, e.message) for e in errors]
        if episode:
            plan.episodes.append((where, episode))
    if problems:
        raise ImportRejected(problems)
    return plan


def suggest_daylio_mapping(user, names: Iterable[str]) -> dict[str, str | None]:
    """A proposal per Daylio name: our activity when the name says so clearly, else 'not work'."""
    known = _known_activity_names(user)
    rules = rules_for(user)
    classifier = classifier_for(user)
    suggestions = {}
    for name in names:
        if name in known:
            suggestions[name] = known[name]
            continue
        assignment = assign_activity(name, rules, classifier, min_confidence=0.8)
        suggestions[name] = assignment.activity
    return suggestions


def _plan_generic_csv(user, data, options: ImportOptions) -> ImportPlan:
    mapping, problems = generic_csv.parse_column_mapping(options.column_map or "")
    energy_range = None
    if options.energy_range:
        energy_range, range_problems = generic_csv.parse_range(options.energy_range)
        problems += range_problems
    _reject_if(problems)
    result = generic_csv.parse_mapped_csv(
        data, mapping, activities=_known_activity_names(user), activity_names=options.activity_names,
        energy_range=energy_range, date_format=options.date_format, encoding=options.encoding, source_name="csv")
    _reject_if(result.problems)
    classify_records([r for r in result.records], rules_for(user),
                     classifier_for(user) if any(not r.activity for r in result.records) else None,
                     options.min_confidence)
    plan = ImportPlan(file_format=detect.GENERIC_CSV, source="csv")
    problems = []
    labels = activity_labels(user)
    known = set(labels)
    for record in result.records:
        where = record.source_line or "file"
        if record.hours is None and options.default_hours:
            record.hours = options.default_hours
        if record.activity and record.energy is not None and record.hours is not None:
            episode, errors = _to_episode(labels, record, "csv", options, known)
            problems += [Problem(where, e.field, e.message) for e in errors]
            if episode:
                plan.episodes.append((where, episode))
        else:
            problems += _check_pending(record, where, options)
            plan.pending.append((where, record))
    if problems:
        raise ImportRejected(problems)
    if plan.pending:
        plan.notes.append(f"{len(plan.pending)} row(s) lack an energy rating or activity: "
                          "they wait for `ownpath rate`")
    return plan


def _to_episode(labels: dict[str, str], record: ImportedRecord, source: str, options: ImportOptions,
                known: set[str] | None = None):
    external_id = _fit_id(record.external_id)
    episode = bulk.fast_episode(record, known if known is not None else set(labels),
                                options.today or dt.date.today(), source, external_id)
    if episode is not None:
        return episode, []
    raw = {"date": record.date, "activity": record.activity, "hours": record.hours, "energy": record.energy,
           "skill": record.skill, "engagement": record.engagement, "growth": record.growth,
           "with": record.with_whom[:200], "note": record.note, "start": record.start}
    episode, errors = validate_episode(raw, labels.keys(), labels, today=options.today)
    if episode:
        episode.source, episode.external_id = source, _fit_id(record.external_id)
    return episode, errors


def _check_pending(record: ImportedRecord, where, options: ImportOptions) -> list[Problem]:
    problems = []
    try:
        parse_date(record.date, today=options.today)
    except FieldError as error:
        problems.append(Problem(where, error.field, error.message))
    if record.hours is None:
        problems.append(Problem(where, "hours", "missing: map a duration column or give --hours"))
    for name, text, limit in (("note", record.note, 5000), ("with", record.with_whom, 200)):
        if len(text) > limit:
            problems.append(Problem(where, name, f"must be at most {limit} characters, got {len(text)}"))
        elif bulk.CONTROL_CHARACTERS.search(text):
            problems.append(Problem(where, name, "must not contain control characters"))
    return problems


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


def _fit_id(external_id: str) -> str:
    if len(external_id) <= EXTERNAL_ID_MAX:
        return external_id
    digest = hashlib.blake2b(external_id.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return external_id[:EXTERNAL_ID_MAX - 34] + "~" + digest


def _time_zone(name: str | None):
    name = name or os.environ.get("OWNPATH_TIME_ZONE") or _system_zone_name()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserInputError(f"time zone: unknown zone {name!r} (e.g. Europe/Berlin)") from None


def _system_zone_name() -> str | None:
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


# --- the 'rate last week' flow ----------------------------------------------------------------

@dataclass
class RatingGroup:
    """Pending events that get one rating together: a recurring series, or one title."""

    key: str
    title: str
    events: list[PendingEvent]
    is_series: bool
    activity: str | None
    remembered_energy: int | None = None
    remembered_skill: int | None = None

    @property
    def hours(self) -> float:
        """Hours the group stands for."""
        return sum(e.hours for e in self.events)


def week_bounds(week: str | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of '2025-W12', of the week holding a date, or (default) of last week."""
    today = today or dt.date.today()
    if not week:
        monday = today - dt.timedelta(days=today.weekday() + 7)
    else:
        try:
            monday = parse_week(week, today=today)
        except FieldError as exc:
            raise UserInputError(str(exc)) from None
    return monday, monday + dt.timedelta(days=6)


def pending_count(user) -> int:
    """How many imported events wait for a rating."""
    return PendingEvent.objects.filter(user=user).count()


def rating_groups(user, since: dt.date | None, until: dt.date | None) -> list[RatingGroup]:
    """The person's pending events in the period, grouped so each series is rated once."""
    events = PendingEvent.objects.filter(user=user).select_related("activity")
    if since:
        events = events.filter(date__gte=since)
    if until:
        events = events.filter(date__lte=until)
    groups: dict[str, RatingGroup] = {}
    for event in events.order_by("date", "start_time", "id"):
        key = event.series_id or title_key(event.title or event.note)
        group = groups.get(key)
        if group is None:
            group = groups[key] = RatingGroup(key=key, title=event.title or event.note[:80], events=[],
                                              is_series=bool(event.series_id),
                                              activity=event.activity.slug if event.activity else None)
        group.events.append(event)
        if group.activity is None and event.activity:
            group.activity = event.activity.slug
    remembered = {c.key: c for c in RememberedChoice.objects.filter(user=user, key__in=list(groups))}
    for key, group in groups.items():
        choice = remembered.get(key)
        if choice is not None and group.is_series:
            group.remembered_energy, group.remembered_skill = choice.energy, choice.skill
    return sorted(groups.values(), key=lambda g: (g.events[0].date, g.title))


def rate_group(user, key: str, energy: int, activity: str | None = None, skill: int | None = None,
               since: dt.date | None = None, until: dt.date | None = None, remember: bool = True) -> int:
    """Turn a group's pending events into episodes with this rating; remember it for the series.

    Returns how many episodes were created. All or nothing.
    """
    group = _group(user, key, since, until)
    slug = (activity or group.activity or "").strip().lower()
    labels = activity_labels(user)
    if not slug:
        raise UserInputError(f"activity: '{group.title}' has no activity yet; give one (see `ownpath activities`)")
    activities = {a.slug: a for a in activities_for(user)}
    created = []
    with transaction.atomic():
        for event in group.events:
            raw = {"date": event.date, "activity": slug, "hours": event.hours, "energy": energy, "skill": skill,
                   "engagement": event.engagement, "growth": event.growth, "with": event.with_whom,
                   "note": event.note, "start": event.start_time, "where": event.place}
            record, errors = validate_episode(raw, labels.keys(), labels)
            if errors:
                raise UserInputError("; ".join(f"{e.field}: {e.message}" for e in errors))
            created.append(Episode(user=user, date=record.date, start_time=record.start_time,
                                   activity=activities[record.activity], hours=record.hours, energy=record.energy,
                                   skill=record.skill, engagement=record.engagement, growth=record.growth,
                                   with_whom=record.with_whom, note=record.note, place=record.place,
                                   source=event.source, external_id=event.external_id))
        over_full = day_total_problems(user, ((f"{e.date} {group.title}", e.date, e.hours) for e in created))
        if over_full:
            raise UserInputError("; ".join(p.message for p in over_full))
        PendingEvent.objects.filter(pk__in=[e.pk for e in group.events]).delete()
        Episode.objects.bulk_create(created)
        if remember:
            RememberedChoice.objects.update_or_create(
                user=user, key=key,
                defaults={"activity": activities[slug], "energy": energy if group.is_series else None,
                          "skill": skill if group.is_series else None, "not_work": False})
    return len(created)


def dismiss_group(user, key: str, since: dt.date | None = None, until: dt.date | None = None,
                  remember: bool = True) -> int:
    """Drop a group as 'not work' (lunch, holidays); future imports leave it out when remembered."""
    group = _group(user, key, since, until)
    with transaction.atomic():
        deleted, _ = PendingEvent.objects.filter(pk__in=[e.pk for e in group.events]).delete()
        if remember:
            RememberedChoice.objects.update_or_create(user=user, key=key, defaults={"not_work": True, "energy": None})
    return deleted


def apply_remembered_ratings(user, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[RatingGroup, int]]:
    """Rate every pending recurring event the person already rated before, with that rating."""
    applied = []
    for group in rating_groups(user, since, until):
        if group.is_series and group.remembered_energy is not None and group.activity:
            count = rate_group(user, group.key, group.remembered_energy, group.activity, group.remembered_skill,
                               since, until, remember=False)
            applied.append((group, count))
    return applied


def _group(user, key: str, since, until) -> RatingGroup:
    for group in rating_groups(user, since, until):
        if group.key == key:
            return group
    # NotFound: another person's key, or one already rated, looks the same (a 404 on the web).
    raise NotFound(f"nothing pending for {key!r} in that period")


def remember_title_activities(user, choices: Mapping[str, str]) -> int:
    """Remember the activity the person gave event titles (title -> slug); later plans use it.

    Every slug is checked first: one unknown activity saves none. Empty slugs are skipped.
    """
    labels = activity_labels(user)
    chosen = {title_key(title): slug.strip().lower() for title, slug in choices.items() if slug and slug.strip()}
    bad = sorted(slug for slug in chosen.values() if slug not in labels)
    if bad:
        raise UserInputError("activity: unknown " + ", ".join(repr(s) for s in bad) + " (see your activities)")
    activities = {a.slug: a for a in activities_for(user)}
    with transaction.atomic():
        for key, slug in chosen.items():
            RememberedChoice.objects.update_or_create(user=user, key=key,
                                                      defaults={"activity": activities[slug], "not_work": False})
    return len(chosen)


# --- uploads from the web page: preview first, then confirm --------------------------------------

UPLOAD_MAX_BYTES = int(float(os.environ.get("OWNPATH_WEB_IMPORT_MAX_MB", "5")) * 1024 * 1024)
_OPTION_FIELDS = ("file_format", "column_map", "energy_range", "date_format", "encoding", "default_hours",
                  "since", "until", "time_zone", "activity_names")


def store_upload(user, data: bytes, filename: str, options: ImportOptions) -> PendingUpload:
    """Keep an uploaded file on the server until the person confirms it (replacing any earlier one)."""
    if not data:
        raise UserInputError("file: the uploaded file is empty")
    if len(data) > UPLOAD_MAX_BYTES:
        raise UserInputError(f"file: {len(data) / 1024 / 1024:.1f} MB is more than the "
                             f"{UPLOAD_MAX_BYTES / 1024 / 1024:g} MB a web upload may hold; "
                             "split it, or use `ownpath import FILE` on the command line")
    stored = {name: getattr(options, name) for name in _OPTION_FIELDS}
    stored["since"] = options.since.isoformat() if options.since else None
    stored["until"] = options.until.isoformat() if options.until else None
    upload, _ = PendingUpload.objects.update_or_create(
        user=user, defaults={"data": bytes(data), "filename": filename[:255], "options": stored})
    return upload


def pending_upload_for(user) -> PendingUpload | None:
    """The person's upload awaiting confirmation, if any."""
    return PendingUpload.objects.filter(user=user).first()


def upload_options(upload: PendingUpload | ImportRun) -> ImportOptions:
    """The reading options stored with an upload (or with the run importing it in the background)."""
    stored = dict(upload.options or {})
    for name in ("since", "until"):
        stored[name] = dt.date.fromisoformat(stored[name]) if stored.get(name) else None
    stored["activity_names"] = dict(stored.get("activity_names") or {})
    return ImportOptions(**{name: stored.get(name) for name in _OPTION_FIELDS if name in stored})


def plan_upload(user) -> tuple[PendingUpload, ImportPlan]:
    """Plan the person's pending upload, or reuse its plan while nothing it depends on changed."""
    upload = pending_upload_for(user)
    if upload is None:
        raise NotFound("nothing uploaded to import: choose a file first")
    return upload, _upload_plan(user, upload)


# Planning a large or hostile file costs seconds; the preview page is shown again on every GET
# and the confirm needs the same plan, so it is kept (and so is a refusal) while valid.
PLAN_CACHE_SECONDS = 30 * 60


def _upload_plan(user, upload: PendingUpload, inputs: str | None = None) -> ImportPlan:
    """The plan of an upload, cached under everything it depends on; refusals are cached too."""
    inputs = inputs or _plan_inputs(user, upload)
    key = f"ownpath:import-plan:{user.pk}:{inputs}"
    outcome = cache.get(key)
    if outcome is None:
        try:
            outcome = ("plan", plan_import(user, bytes(upload.data), upload.filename, upload_options(upload)))
        except NeedsActivityMapping as needs:
            outcome = ("needs-mapping", needs.counts, needs.suggestions)
        except ImportRejected as rejected:
            outcome = ("rejected", rejected.problems, rejected.source)
        except UserInputError as error:
            outcome = ("refused", error.message)
        cache.set(key, outcome, PLAN_CACHE_SECONDS)
    kind, *details = outcome
    if kind == "plan":
        _remember_planned_entries(upload, inputs, details[0].total)
        return details[0]
    if kind == "needs-mapping":
        raise NeedsActivityMapping(*details)
    if kind == "rejected":
        raise ImportRejected(*details)
    raise UserInputError(*details)


def _remember_planned_entries(upload: PendingUpload, inputs: str, entries: int) -> None:
    """Note on the upload how many entries its plan has, for the inputs it was planned from.

    The plan cache is per server process; this row is not, so any process can tell at the confirm
    that a big upload goes to the worker without planning it again.
    """
    if (upload.planned_for, upload.planned_entries) != (inputs, entries):
        # update(), not save(): saving would move created_at (auto_now), one of the plan's inputs.
        PendingUpload.objects.filter(pk=upload.pk).update(planned_for=inputs, planned_entries=entries)
        upload.planned_for, upload.planned_entries = inputs, entries


def _plan_inputs(user, upload: PendingUpload) -> str:
    """A digest of what a plan depends on: the upload, the journal, rules, choices, the day."""
    own_activities = activities_for(user).filter(owner=user).aggregate(n=Count("id"), last=Max("id"))
    episodes = Episode.objects.filter(user=user).aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    pending = PendingEvent.objects.filter(user=user).aggregate(n=Count("id"), last=Max("id"))
    remembered = RememberedChoice.objects.filter(user=user).aggregate(n=Count("id"), changed=Max("updated_at"))
    settings = list(ImportSettings.objects.filter(user=user).values_list("rules", "daylio_mapping", "mood_scale"))
    content = hashlib.blake2b(bytes(upload.data)).hexdigest()
    state = (upload.pk, upload.created_at, upload.filename, upload.options, content, dt.date.today(),
             own_activities, episodes, pending, remembered, settings, os.environ.get("OWNPATH_TIME_ZONE"))
    return hashlib.blake2b(repr(state).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def set_upload_activity_names(user, names: Mapping[str, str | None]) -> PendingUpload:
    """Record how the upload's Daylio activities map ('' or None: not work); stored when imported."""
    upload = pending_upload_for(user)
    if upload is None:
        raise NotFound("nothing uploaded to import: choose a file first")
    known = set(activity_labels(user))
    cleaned = {" ".join(name.lower().split()): (slug or "").strip().lower() or None for name, slug in names.items()}
    bad = sorted(f"{name!r} -> {slug!r}" for name, slug in cleaned.items() if slug and slug not in known)
    if bad:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(bad))
    options = dict(upload.options or {})
    options["activity_names"] = {**(options.get("activity_names") or {}), **cleaned}
    upload.options = options
    upload.save(update_fields=["options"])
    return upload


def confirm_upload(user) -> dict | ImportRun:
    """Import the person's pending upload, all or nothing, and forget the upload once saved.

    An upload planning more than OWNPATH_IMPORT_BACKGROUND_ROWS entries is queued for the worker
    instead and its ImportRun returned; either way the upload is gone, so a second confirm is NotFound.
    """
    with transaction.atomic():
        upload = PendingUpload.objects.select_for_update().filter(user=user).first()
        if upload is None:
            raise NotFound("nothing uploaded to import: choose a file first")
        inputs = _plan_inputs(user, upload)
        # Planned by the preview from these very inputs (in any server process): not planned again here.
        known = upload.planned_for == inputs
        entries = upload.planned_entries if known else _upload_plan(user, upload, inputs).total
        if entries > background_rows():
            run = _queue_import_run(user, upload, entries)
            upload.delete()
            return run
        summary = apply_import(user, _upload_plan(user, upload, inputs))
        upload.delete()
    return summary


def discard_upload(user) -> bool:
    """Forget the person's pending upload without importing it."""
    deleted, _ = PendingUpload.objects.filter(user=user).delete()
    return bool(deleted)


# --- big uploads: imported by the background worker ------------------------------------------------

# A running run's worker renews its lease every HEARTBEAT_SECONDS; one not renewed for
# LEASE_SECONDS lost its worker (killed, machine restarted) unless its process is seen alive on
# this machine (SQLite holds writes while an import commits, so a live worker may miss a beat).
# Its transaction never committed: the run is queued again once, then marked failed.
HEARTBEAT_SECONDS = 10
LEASE_SECONDS = 60
MAX_ATTEMPTS = 2
# However alive its process looks, a run still "running" this long after it started is failed.
STALLED_RUN_MINUTES = 60
# A finished run (file name and summary, the file itself already wiped) is kept this long.
KEEP_FINISHED_RUN_DAYS = 30
STALLED_MESSAGE = ("The import stopped before it finished (the background worker was interrupted); "
                   "nothing was imported. Upload the file again.")
CRASHED_MESSAGE = ("The import stopped on an unexpected error; nothing was imported. Try again, "
                   "or use `ownpath import FILE` on the command line.")


def background_rows() -> int:
    """How many planned entries a web upload may have and still be imported inside the confirm request.

    Above it the worker imports the upload (setting OWNPATH_IMPORT_BACKGROUND_ROWS, default 5,000).
    """
    return int(getattr(django_settings, "OWNPATH_IMPORT_BACKGROUND_ROWS", 5000))


def _queue_import_run(user, upload: PendingUpload, entries: int) -> ImportRun:
    """Move an upload into a queued run and enqueue its job, in the caller's transaction."""
    run = ImportRun.objects.create(user=user, filename=upload.filename, data=bytes(upload.data),
                                   options=dict(upload.options or {}), entries=entries)
    # The job row is written in the same transaction as the run: both exist or neither does.
    import_upload_in_background.enqueue(run.pk)
    return run


def import_run_for(user, run_id: int) -> ImportRun:
    """One of the person's import runs; another person's run is NotFound, like one that never was.

    A run left running past STALLED_RUN_MINUTES is marked failed here, so the page never waits forever.
    """
    run = ImportRun.objects.filter(user=user, pk=run_id).defer("data").first()
    if run is None:
        raise NotFound("no such import")
    if run.status == ImportRun.Status.RUNNING and fail_stalled_import_runs(run_ids=[run.pk]):
        run.refresh_from_db()
    return run


def unfinished_import_runs(user) -> list[ImportRun]:
    """The person's runs still queued or running, newest first.

    The import page shows them, so leaving a run's page and coming back still finds it.
    """
    return list(ImportRun.objects.filter(user=user, status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING])
                .defer("data"))


def run_import(run_id: int) -> ImportRun | None:
    """Import a queued run's file in one transaction and record its summary, or its problems.

    The run is claimed first, so a job delivered twice imports once; whatever goes wrong the run
    ends done or failed (the file forgotten), never left running. None when the run is gone.
    """
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=now, heartbeat_at=now, worker=_this_worker(),
        attempts=F("attempts") + 1)
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if not claimed or run is None:
        return run
    with _heartbeat(run.pk):
        return _import_claimed(run)


def _import_claimed(run: ImportRun) -> ImportRun:
    try:
        # Planning only reads and takes seconds: outside the transaction it holds no SQLite write lock;
        # apply_import checks the journal again as it saves.
        plan = plan_import(run.user, bytes(run.data), run.filename, upload_options(run))
        with transaction.atomic():
            summary = apply_import(run.user, plan)
            # "done" commits with the entries; a run failed meanwhile as stalled rolls them back.
            if not _finish_run(run, ImportRun.Status.DONE, summary=summary):
                raise _RunNoLongerRunning()
    except _RunNoLongerRunning:
        pass
    except ImportRejected as rejected:
        _finish_run(run, ImportRun.Status.FAILED, error=f"Nothing imported: {len(rejected.problems)} problem(s).",
                    problems=[{"line": p.line, "field": p.field, "message": p.message} for p in rejected.problems])
    except UserInputError as refused:  # a Daylio mapping missing now, a conflict with entries saved meanwhile …
        _finish_run(run, ImportRun.Status.FAILED, error=_one_line(refused.message))
    except Exception:
        # The traceback goes to the job queue's record and the worker's log, never to the person.
        _finish_run(run, ImportRun.Status.FAILED, error=CRASHED_MESSAGE)
        raise
    run.refresh_from_db()
    return run


@task()
def import_upload_in_background(run_id: int) -> str | None:
    """The background job: import one queued ImportRun (all or nothing), recording its summary or problems.

    Enqueued by `confirm_upload` for an upload above OWNPATH_IMPORT_BACKGROUND_ROWS entries; returns its status.
    """
    run = run_import(run_id)
    return None if run is None else run.status


class _RunNoLongerRunning(Exception):
    """The run was failed (as stalled) while it was being imported: undo the import."""


def _finish_run(run: ImportRun, status: str, summary: dict | None = None, error: str = "",
                problems: list | None = None) -> bool:
    """Record how a running run ended and forget its file; False when it was no longer running."""
    return bool(ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
        status=status, summary=summary, error=error[:300], problems=problems or [], data=b"",
        finished_at=timezone.now()))


def _one_line(message: str) -> str:
    """A message on one line: the run page shows it as one sentence."""
    return " ".join(message.split())


def prune_finished_import_runs(now: dt.datetime | None = None, keep_days: int = KEEP_FINISHED_RUN_DAYS) -> int:
    """Delete runs that ended (done or failed) more than ``keep_days`` ago; how many.

    Their file is gone already; what is left (a file name and a summary) is only worth keeping a while.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=keep_days)
    deleted, _ = ImportRun.objects.filter(status__in=[ImportRun.Status.DONE, ImportRun.Status.FAILED],
                                          finished_at__lt=cutoff).delete()
    return deleted


def _this_worker() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def _process_alive(worker: str) -> bool:
    """Whether the worker named "host pid" is a live process on this machine (False elsewhere or gone)."""
    host, _, pid = worker.rpartition(" ")
    if host != socket.gethostname() or not pid.isascii() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return False


class _heartbeat:
    """Renew a run's lease every HEARTBEAT_SECONDS from a thread while the import runs."""

    def __init__(self, run_id: int):
        import threading

        self.run_id = run_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"import-run-{run_id}-heartbeat", daemon=True)

    def _beat(self) -> None:
        from django.db import connection

        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                try:
                    ImportRun.objects.filter(pk=self.run_id, status=ImportRun.Status.RUNNING).update(
                        heartbeat_at=timezone.now())
                except Exception:  # a busy SQLite file: the live process still vouches for the run
                    pass
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=HEARTBEAT_SECONDS + 30)


def _dead_runs(now: dt.datetime, run_ids: Iterable[int] | None) -> list[ImportRun]:
    lease_cutoff = now - dt.timedelta(seconds=LEASE_SECONDS)
    stalled_cutoff = now - dt.timedelta(minutes=STALLED_RUN_MINUTES)
    running = ImportRun.objects.filter(status=ImportRun.Status.RUNNING).filter(
        Q(heartbeat_at__lt=lease_cutoff) | Q(heartbeat_at__isnull=True) | Q(started_at__lt=stalled_cutoff))
    if run_ids is not None:
        running = running.filter(pk__in=list(run_ids))
    return [run for run in running.defer("data")
            if (run.started_at and run.started_at < stalled_cutoff) or not _process_alive(run.worker)]


def fail_stalled_import_runs(now: dt.datetime | None = None, run_ids: Iterable[int] | None = None) -> int:
    """Recover runs whose worker died mid-import (its lease lapsed and its process is gone); how many.

    The import's transaction never committed, so nothing was imported: a run tried fewer than
    MAX_ATTEMPTS times is queued again (its file is still held), else it ends failed. Its job row,
    left "running" by the dead worker, is marked failed too.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    recovered = 0
    for run in _dead_runs(now, run_ids):
        with transaction.atomic():
            DBTaskResult.objects.filter(task_path=import_upload_in_background.module_path, args_kwargs__args=[run.pk],
                                        status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="ownpath.imports.WorkerDied",
                traceback=f"the worker ({run.worker}) stopped renewing its lease; it was killed or its machine stopped")
            retry = run.attempts < MAX_ATTEMPTS and (not run.started_at or run.started_at >= now - dt.timedelta(
                minutes=STALLED_RUN_MINUTES))
            alive = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING, heartbeat_at=run.heartbeat_at)
            if retry and alive.exclude(data=b"").update(status=ImportRun.Status.QUEUED, worker="", heartbeat_at=None):
                import_upload_in_background.enqueue(run.pk)
            elif not alive.update(status=ImportRun.Status.FAILED, error=STALLED_MESSAGE, data=b"", finished_at=now):
                continue
        recovered += 1
    return recovered
