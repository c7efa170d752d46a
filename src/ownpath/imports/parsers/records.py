"""Plain records the import parsers produce: episodes to save, and problems to show.

No Django here: parsers turn bytes into these dataclasses, and the service layer decides
whether to save them (only when the problem list is empty: imports are all or nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from ownpath.journal import validation
from ownpath.journal.validation import MAX_HOURS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by line number or calendar event UID."""

    field: str
    message: str
    line: int | None = None
    uid: str | None = None

    @property
    def where(self) -> str:
        """Human location: 'line 12', 'event UID abc@x (line 40)', or 'file'."""
        if self.uid is not None:
            suffix = f" (line {self.line})" if self.line is not None else ""
            return f"event UID {self.uid}{suffix}"
        if self.line is not None:
            return f"line {self.line}"
        return "file"

    def __str__(self) -> str:
        return f"{self.where}, field {self.field}: {self.message}"


@dataclass
class EpisodeRecord:
    """One episode ready to be validated and saved by the journal's import service.

    ``external_id`` is stable for the same source item across re-imports (so importing a
    file twice does not duplicate); ``series_id`` groups occurrences of one recurring
    calendar event (ratings are remembered per series).
    """

    date: date
    hours: float | None = None
    activity: str | None = None
    energy: int | None = None
    skill: int | None = None
    engagement: int | None = None
    growth: bool | None = None
    with_whom: str = ""
    note: str = ""
    start: time | None = None
    place: str = ""
    title: str = ""
    external_id: str = ""
    series_id: str = ""
    source_line: int | None = None
    activity_source: str = ""  # "file", "rule", "classifier", "mapping", "" (unassigned)


@dataclass
class ParseResult:
    """What a parser returns: records, problems, and facts for the preview and summary."""

    format: str
    records: list[EpisodeRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong, i.e. the records may be saved."""
        return not self.problems


# --- shared field parsers: each returns (value, error message or None) -------------------


def parse_int_in_range(text: str, low: int, high: int) -> tuple[int | None, str | None]:
    """Parse an optional whole number and check it lies in [low, high]."""
    text = text.strip()
    if not text:
        return None, None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None, f"{text!r} is not a number (expected {low} to {high})"
    if number != number or not number.is_integer():
        return None, f"{text!r} is not a whole number (expected {low} to {high})"
    value = int(number)
    if not low <= value <= high:
        return None, f"{value} is outside {low} to {high}"
    return value, None


def parse_hours(text: str) -> tuple[float | None, str | None]:
    """Parse an optional duration in hours ('1.5', '1,5', '90m', '1:30')."""
    text = text.strip().lower()
    if not text:
        return None, None
    try:
        if ":" in text:
            hours_part, minutes_part = text.split(":", 1)
            value = int(hours_part) + int(minutes_part) / 60.0
        elif text.endswith("min") or text.endswith("m"):
            value = float(text.rstrip("min").strip()) / 60.0
        elif text.endswith("h"):
            value = float(text[:-1].strip().replace(",", "."))
        else:
            value = float(text.replace(",", "."))
    except ValueError:
        return None, f"{text!r} is not a duration in hours"
    if value != value or value <= 0 or value > MAX_HOURS:
        return None, f"{text!r} hours is outside 0 (exclusive) to {MAX_HOURS:g}"
    return round(value, 4), None


def parse_growth(text: str) -> tuple[bool | None, str | None]:
    """Parse an optional growth flag: yes/no, true/false, 1/0, growth/required."""
    try:  # the journal's yes/no vocabulary, worded for the import preview
        return validation.parse_growth(text), None
    except validation.FieldError:
        return None, f"{text.strip().lower()!r} is not yes/no"


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def parse_clock_time(text: str) -> tuple[time | None, str | None]:
    """Parse '14:30', '9:05', '8:30 am' or '12:15 PM' into a time of day."""
    text = text.strip()
    if not text:
        return None, None
    match = _TIME.match(text)
    if not match:
        return None, f"{text!r} is not a time of day"
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            return None, f"{text!r} is not a 12-hour time"
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, f"{text!r} is not a time of day"
    return time(hour, minute, second), None
