"""What every format planner takes and returns, and the checks they share.

A planner (one module per format in this package) turns a file into an ``ImportPlan``:
entries ready for the journal and calendar-like events waiting for a rating. It saves
nothing; ``imports.planning`` drops duplicates and ``apply_import`` saves the plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ownpath.errors import ImportRejected, Problem
from ownpath.imports.assign import UnassignedGroup
from ownpath.imports.parsers.ownpath import CONTROL_CHARACTERS, fast_episode
from ownpath.imports.parsers.records import EpisodeDraft
from ownpath.journal.validation import EpisodeRecord, FieldError, parse_date, validate_episode

EXTERNAL_ID_MAX = 200


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
    mood_levels: dict[str, int] = field(default_factory=dict)  # renamed Daylio moods -> -2 … +2
    accept_suggestions: bool = False
    min_confidence: float = 0.5
    today: dt.date | None = None

    # What an upload (or its background run) keeps of the options until it is imported.
    STORED = ("file_format", "column_map", "energy_range", "date_format", "encoding", "default_hours",
              "since", "until", "time_zone", "activity_names", "mood_levels")

    def stored(self) -> dict:
        """The reading options as JSON-ready data, for an upload awaiting its confirm."""
        data = {name: getattr(self, name) for name in self.STORED}
        data["since"] = self.since.isoformat() if self.since else None
        data["until"] = self.until.isoformat() if self.until else None
        return data

    @classmethod
    def from_stored(cls, data: dict | None) -> ImportOptions:
        """The options ``stored`` wrote, read back (what is missing takes its default)."""
        data = dict(data or {})
        for name in ("since", "until"):
            data[name] = dt.date.fromisoformat(data[name]) if data.get(name) else None
        data["activity_names"] = dict(data.get("activity_names") or {})
        data["mood_levels"] = dict(data.get("mood_levels") or {})
        return cls(**{name: data.get(name) for name in cls.STORED if name in data})


@dataclass
class ImportPlan:
    """What an import would do; ``apply_import`` carries it out."""

    file_format: str
    source: str
    episodes: list[tuple[int | str, EpisodeRecord]] = field(default_factory=list)
    pending: list[tuple[int | str, EpisodeDraft]] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unassigned: list[UnassignedGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    journal_text: str | None = None  # always None now (JSON is planned like every format); templates test it
    new_activities: list[dict] = field(default_factory=list)  # ownpath JSON: the person's own activities
    journal_settings: dict = field(default_factory=dict)  # ownpath JSON: settings, kept in an empty journal
    daylio_mapping: dict[str, str | None] | None = None  # stored when the plan is applied
    mood_levels: dict[str, int] | None = None  # renamed Daylio moods, added to the scale when applied

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


@dataclass(frozen=True)
class FormatPlanner:
    """One import format: its name (as ``parsers.detect`` reports it) and how to plan a file of it.

    ``counts_rows`` says whether the file is row-based, so planning refuses one with too many rows
    before any row is parsed (a calendar counts occurrences instead, a JSON export its entries).
    """

    name: str
    plan: Callable[..., ImportPlan]  # (user, data, filename, options) -> ImportPlan
    counts_rows: bool = True


def reject_if(problems: list[Problem], filename: str = "") -> None:
    """Refuse the file, listing every parser problem (each at its place), when there is any."""
    if problems:
        raise ImportRejected([p.located() for p in problems], source=filename or "file")


def to_episode(labels: dict[str, str], record: EpisodeDraft, source: str, options: ImportOptions,
                known: set[str] | None = None):
    """A parsed record as a validated journal record, or None with the field errors."""
    external_id = fit_id(record.external_id)
    episode = fast_episode(record, known if known is not None else set(labels),
                                options.today or dt.date.today(), source, external_id)
    if episode is not None:
        return episode, []
    raw = {"date": record.date, "activity": record.activity, "hours": record.hours, "energy": record.energy,
           "skill": record.skill, "engagement": record.engagement, "growth": record.growth,
           "with_whom": record.with_whom[:200], "note": record.note, "start_time": record.start_time}
    episode, errors = validate_episode(raw, labels.keys(), labels, today=options.today)
    if episode:
        episode.source, episode.external_id = source, fit_id(record.external_id)
    return episode, errors


def check_pending(record: EpisodeDraft, where, options: ImportOptions) -> list[Problem]:
    """What is wrong with a record that waits for a rating (its date, hours, note, people)."""
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
        elif CONTROL_CHARACTERS.search(text):
            problems.append(Problem(where, name, "must not contain control characters"))
    return problems


def fit_id(external_id: str) -> str:
    """An external id short enough for its column; a long one keeps a prefix and a digest of the rest."""
    if len(external_id) <= EXTERNAL_ID_MAX:
        return external_id
    digest = hashlib.blake2b(external_id.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return external_id[:EXTERNAL_ID_MAX - 34] + "~" + digest
