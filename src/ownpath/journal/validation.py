"""Validation of episode fields, shared by the CLI, the importers and the web forms.

Pure Python (no Django): each function returns a clean value or raises FieldError naming
the field and the allowed range, so every entry point words a mistake the same way; a
refused entry raises EpisodeInvalid carrying every field error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ownpath.errors import UserInputError


class FieldError(ValueError):
    """A single field's value is out of range or malformed."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class EpisodeInvalid(UserInputError):
    """An entry refused for bad fields; ``fields`` maps each field, as people see it, to its message.

    Entry points show the message (the CLI) or put each message next to its input (the web, the
    API's ``fields``), without validating the entry again to learn which field was wrong.
    """

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        self.fields = {error.field: error.message for error in self.errors}
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


# One vocabulary: the journal's field names (EpisodeRecord, Episode, the services' raw dicts,
# the API schema) are the model's. People see three of them as shorter words (the CLI flags
# --with/--where/--start, the form fields, the export columns, the field an error names);
# this table is the one place the two meet, and the edges translate through it.
PUBLIC_NAMES = {"with_whom": "with", "place": "where", "start_time": "start"}
FIELD_NAMES = {word: name for name, word in PUBLIC_NAMES.items()}


def canonical_fields(raw: Mapping) -> dict:
    """Raw episode fields keyed by the journal's names; the public words (with, where, start) renamed.

    When a raw dict holds both a name and its word, the name wins (it is what the caller meant to set).
    """
    fields = dict(raw)
    for word, name in FIELD_NAMES.items():
        if word in fields:
            value = fields.pop(word)
            fields.setdefault(name, value)
    return fields


ENERGY_RANGE = (-2, 2)
ENERGY_WORDS = {-2: "drained", -1: "tired", 0: "neutral", 1: "good", 2: "energized"}
SKILL_RANGE = (1, 5)
ENGAGEMENT_RANGE = (0, 10)
MAX_HOURS = 24.0
MAX_HOURS_PER_DAY = 24.0
# Journal entries: from 1970 to today, inside the window every date in ownpath lies in (ownpath.inputs).
EARLIEST_DATE = dt.date(1970, 1, 1)


@dataclass
class EpisodeRecord:
    """A validated episode as plain data, ready to be saved for a user."""

    date: dt.date
    activity: str
    hours: float
    energy: int
    skill: int | None = None
    engagement: int | None = None
    growth: bool | None = None
    off_clock: bool = False
    with_whom: str = ""
    note: str = ""
    start_time: dt.time | None = None
    place: str = ""
    tools: str = ""
    flow: bool = False
    uuid: str | None = None
    source: str = ""
    external_id: str = ""
    extra: dict = field(default_factory=dict)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def parse_int_in_range(field_name: str, value, low: int, high: int, meaning: str = "") -> int:
    """Parse an integer and check it lies in [low, high]; the error states the allowed range."""
    allowed = f"an integer from {low} to {high}{meaning}"
    if isinstance(value, bool):
        raise FieldError(field_name, f"must be {allowed}, got {value!r}")
    if isinstance(value, float):
        if not value.is_integer():
            raise FieldError(field_name, f"must be {allowed}, got {value!r}")
        value = int(value)
    if _blank(value):
        raise FieldError(field_name, f"must be {allowed}")
    if isinstance(value, str):
        text = value.strip()
        try:
            value = int(text[1:]) if text.startswith("+") else int(text)
        except ValueError:
            raise FieldError(field_name, f"must be {allowed}, got {text!r}") from None
    if not isinstance(value, int):
        raise FieldError(field_name, f"must be {allowed}, got {value!r}")
    if not low <= value <= high:
        raise FieldError(field_name, f"must be {allowed}, got {value}")
    return value


def parse_energy(value) -> int:
    """Energy: -2 (drained) … +2 (energized)."""
    if _blank(value):
        raise FieldError("energy", "how did it leave you? Pick one of the five faces (-2 drained … +2 energized)")
    return parse_int_in_range("energy", value, *ENERGY_RANGE, " (-2 drained … +2 energized)")


def parse_skill(value) -> int | None:
    """Skill, "how well it went": 1 (poorly) … 5 (excellently); blank means not rated."""
    if _blank(value):
        return None
    return parse_int_in_range("skill", value, *SKILL_RANGE, " (1 poorly … 5 excellently)")


def parse_engagement(value) -> int | None:
    """Engagement 0 … 10; blank means not rated."""
    if _blank(value):
        return None
    return parse_int_in_range("engagement", value, *ENGAGEMENT_RANGE)


# How people write a duration: "90 min", "45m", "1h30", "1 h 30 min", "2h", "1:30" (hours:minutes).
_MINUTES = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?)$", re.I)
_HOURS_MINUTES = re.compile(r"^(\d+)\s*(?:h|hr|hrs|hours?)\s*(?:(\d{1,2})\s*(?:m|min|mins|minutes?)?)?$", re.I)
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def _duration_hours(text: str) -> float | None:
    """Hours from a duration in minutes or hours and minutes; None when it is not written that way."""
    if match := _MINUTES.match(text):
        return float(match.group(1).replace(",", ".")) / 60.0
    if match := _HOURS_MINUTES.match(text):
        return int(match.group(1)) + int(match.group(2) or 0) / 60.0
    if match := _CLOCK.match(text):
        return int(match.group(1)) + int(match.group(2)) / 60.0
    return None


def parse_hours(value) -> float:
    """Hours: a number greater than 0 and at most 24, or a duration ("90 min", "1h30", "1:30").

    A decimal comma ("1,5") is read as a point. People log in the words they think in, so
    minutes are as good as hours.
    """
    allowed = f"a number of hours greater than 0 and at most {MAX_HOURS:g}, e.g. 1.5, 90 min or 1h30"
    if isinstance(value, bool):
        raise FieldError("hours", f"must be {allowed}")
    if _blank(value):
        raise FieldError("hours", f"how long? Give {allowed}")
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.count(",") == 1 and "." not in text and not _MINUTES.match(text):
        text = text.replace(",", ".")
    try:
        hours = _duration_hours(text) if isinstance(text, str) else None
        hours = float(text) if hours is None else round(hours, 4)
    except (TypeError, ValueError):
        raise FieldError("hours", f"must be {allowed}; {value!r} is not a number") from None
    if not math.isfinite(hours) or not 0 < hours <= MAX_HOURS:
        raise FieldError("hours", f"must be {allowed}, not {value}")
    return hours


def parse_date(value, *, today: dt.date | None = None, field_name: str = "date") -> dt.date:
    """A calendar date YYYY-MM-DD, not before 1970 and not in the future."""
    today = today or dt.date.today()
    allowed = f"a date YYYY-MM-DD from {EARLIEST_DATE} to today ({today})"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        parsed = value
    else:
        try:
            parsed = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise FieldError(field_name, f"must be {allowed}, got {value!r}") from None
    if not EARLIEST_DATE <= parsed <= today:
        raise FieldError(field_name, f"must be {allowed}, got {parsed}")
    return parsed


def parse_week(value: str, *, today: dt.date | None = None) -> dt.date:
    """The Monday of a week given as '2025-W12' or as any date in it (FieldError 'week' otherwise).

    Weeks run from 1970 (where journal dates start) to a year ahead; the bound also keeps the
    previous and next weeks, which pages link to, inside the calendar.
    """
    today = today or dt.date.today()
    text = str(value).strip()
    try:
        if "w" in text.lower():
            year, number = text.upper().split("-W")
            monday = dt.date.fromisocalendar(int(year), int(number), 1)
        else:
            day = dt.date.fromisoformat(text)
            monday = day - dt.timedelta(days=day.weekday())
    except (ValueError, OverflowError):
        raise FieldError("week", f"expected YYYY-Www (e.g. 2025-W12) or a date YYYY-MM-DD, got {value!r}") from None
    latest = today + dt.timedelta(days=366)
    if not EARLIEST_DATE <= monday <= latest:
        raise FieldError("week", f"must be between {EARLIEST_DATE.isoformat()} and {latest.isoformat()}, "
                                 f"got {value!r}")
    return monday


def parse_optional_date(value, *, field_name: str) -> dt.date | None:
    """A date filter such as --since: blank means no limit, otherwise as parse_date."""
    return None if _blank(value) else parse_date(value, field_name=field_name)


def parse_start_time(value) -> dt.time | None:
    """An optional start time HH:MM[:SS]."""
    if _blank(value):
        return None
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldError("start", f"must be a time HH:MM, got {value!r}") from None


_TRUE = {"1", "true", "yes", "y", "growth", "t"}
_FALSE = {"0", "false", "no", "n", "required", "f"}


def _parse_yes_no(field_name: str, value, allowed: str) -> bool | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(field_name, f"must be {allowed}, got {value!r}")


def growth_word(growth: bool | None) -> str:
    """The word for a growth flag, as the exports write it: 'growth', 'required' or blank."""
    return "" if growth is None else ("growth" if growth else "required")


def parse_growth(value) -> bool | None:
    """Growth work (true), required work (false), or not said (blank)."""
    return _parse_yes_no("growth", value, "growth/true, required/false or blank")


def parse_flag(field_name: str, value) -> bool:
    """A yes/no flag; blank means no."""
    return bool(_parse_yes_no(field_name, value, "true or false"))


def parse_text(field_name: str, value, max_length: int) -> str:
    """Free text, trimmed, with a length limit."""
    if value is None:
        return ""
    text = str(value).strip()
    control = next((c for c in text if (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127), None)
    if control is not None:
        raise FieldError(field_name, f"must not contain control characters, found {control!r}")
    if len(text) > max_length:
        raise FieldError(field_name, f"must be at most {max_length} characters, got {len(text)}")
    return text


# Kinds of company a person can name besides people; each synonym maps to one word.
PEOPLE_KINDS = ("alone", "my team", "my manager", "customers")
_KIND_SYNONYMS = {
    "alone": "alone", "nobody": "alone", "solo": "alone",
    "team": "my team", "my team": "my team", "the team": "my team",
    "manager": "my manager", "my manager": "my manager", "boss": "my manager", "my boss": "my manager",
    "customer": "customers", "customers": "customers", "client": "customers", "clients": "customers",
}
MAX_PLACE_LENGTH = 80
MAX_LIST_LENGTH = 200


def split_list(text: str) -> list[str]:
    """The entries of a comma-separated list (people, tools), trimmed, blanks dropped."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def _parse_list(field_name: str, value, canonical) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = parse_text(field_name, value, 10 * MAX_LIST_LENGTH)
    entries: list[str] = []
    seen: set[str] = set()
    for part in split_list(text):
        entry = canonical(" ".join(part.split()))
        if entry.lower() not in seen:
            seen.add(entry.lower())
            entries.append(entry)
    joined = ", ".join(entries)
    if len(joined) > MAX_LIST_LENGTH:
        raise FieldError(field_name, f"must be at most {MAX_LIST_LENGTH} characters, got {len(joined)}")
    return joined


def parse_people(value) -> str:
    """With whom: people's names and kinds (alone, my team, my manager, customers), comma-separated.

    Kinds are written one way ("clients" becomes "customers"); "alone" cannot go with anyone.
    """
    people = _parse_list("with", value, lambda entry: _KIND_SYNONYMS.get(entry.lower(), entry))
    if "alone" in split_list(people) and len(split_list(people)) > 1:
        raise FieldError("with", f"'alone' cannot go with other people, got {people!r}")
    return people


def parse_tools(value) -> str:
    """Tools used, comma-separated (figma, excel…), each written as given."""
    return _parse_list("tools", value, lambda entry: entry)


def parse_place(value) -> str:
    """Where it happened, in the person's own words (home, office, client site, travelling…)."""
    text = " ".join(parse_text("where", value, 10 * MAX_PLACE_LENGTH).split())
    if len(text) > MAX_PLACE_LENGTH:
        raise FieldError("where", f"must be at most {MAX_PLACE_LENGTH} characters, got {len(text)}")
    return text


def closest_activities(name: str, known: Iterable[str], labels: Mapping[str, str] | None = None,
                       n: int = 3) -> list[str]:
    """The known activity slugs closest to a mistyped name (by slug and by label)."""
    known = list(known)
    needle = name.strip().lower()
    matches = difflib.get_close_matches(needle, known, n=n, cutoff=0.5)
    if labels:
        by_label = {label.lower(): slug for slug, label in labels.items()}
        for label in difflib.get_close_matches(needle, list(by_label), n=n, cutoff=0.4):
            if by_label[label] not in matches:
                matches.append(by_label[label])
        for slug, label in labels.items():
            if needle and needle in label.lower() and slug not in matches:
                matches.append(slug)
    if not matches:
        matches = [s for s in known if s.startswith(needle[:2])][:n] if needle else []
    return matches[:n]


def parse_activity(value, known: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """An activity slug the person has; unknown names are refused with the closest ones."""
    known = set(known)
    text = "" if value is None else str(value).strip().lower()
    if text in known:
        return text
    if labels:
        for slug, label in labels.items():
            if label.lower() == text:
                return slug
    if not text:
        raise FieldError("activity", "which activity? Pick one from the list, e.g. research")
    suggestions = closest_activities(text, sorted(known), labels)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else " (not one of your activities)"
    raise FieldError("activity", f"unknown activity {text!r}{hint}")


def validate_episode(raw: Mapping, known_activities: Iterable[str], labels: Mapping[str, str] | None = None,
                     *, today: dt.date | None = None) -> tuple[EpisodeRecord | None, list[FieldError]]:
    """Validate every field of one raw episode; return the record or all field errors.

    ``raw`` is keyed by the journal's field names (the public words with/where/start are read too);
    each error names the field as people see it (``FieldError.field``: with, where, start …).
    """
    errors: list[FieldError] = []
    values: dict = {}
    known = list(known_activities)
    raw = canonical_fields(raw)

    def check(name, fn, *args, **kwargs):
        try:
            values[name] = fn(*args, **kwargs)
        except FieldError as exc:
            errors.append(exc)

    check("date", parse_date, raw.get("date"), today=today)
    check("activity", parse_activity, raw.get("activity"), known, labels)
    check("hours", parse_hours, raw.get("hours"))
    check("energy", parse_energy, raw.get("energy"))
    check("skill", parse_skill, raw.get("skill"))
    check("engagement", parse_engagement, raw.get("engagement"))
    check("growth", parse_growth, raw.get("growth"))
    check("off_clock", parse_flag, "off_clock", raw.get("off_clock"))
    check("with_whom", parse_people, raw.get("with_whom"))
    check("place", parse_place, raw.get("place"))
    check("tools", parse_tools, raw.get("tools"))
    check("flow", parse_flag, "flow", raw.get("flow"))
    check("note", parse_text, "note", raw.get("note"), 5000)
    check("start_time", parse_start_time, raw.get("start_time"))
    if errors:
        return None, errors
    record = EpisodeRecord(**values)
    if not _blank(raw.get("uuid")):
        try:
            record.uuid = str(uuid_module.UUID(str(raw["uuid"])))
        except ValueError:
            return None, [FieldError("uuid", f"must be a UUID, got {raw['uuid']!r}")]
    record.source = str(raw.get("source") or "")
    record.external_id = str(raw.get("external_id") or "")
    return record, []


Where = TypeVar("Where")  # how a caller locates an entry: a line, a label, None


def over_full_days(existing: Mapping[dt.date, float],
                   added: Iterable[tuple[Where, dt.date, float]]) -> list[tuple[Where, dt.date, float, float]]:
    """Dates that would hold more than MAX_HOURS_PER_DAY: (where, date, day's total, hours already there).

    ``existing`` is the hours a date already holds; ``added`` the new entries (where, date,
    hours) in order. Each over-full date is reported once, at the entry that tips it over.
    """
    totals = dict(existing)
    over: dict[dt.date, tuple[Where, float]] = {}
    for where, day, hours in added:
        totals[day] = totals.get(day, 0.0) + hours
        if totals[day] > MAX_HOURS_PER_DAY + 1e-9 and day not in over:
            over[day] = (where, existing.get(day, 0.0))
    return [(where, day, totals[day], before) for day, (where, before) in over.items()]


def day_total_message(day: dt.date, total: float, before: float) -> str:
    """Why an entry is refused: the date, its total and the limit."""
    already = f" ({before:.4g} h already logged that day)" if before else ""
    return (f"{day} would hold {total:.4g} h, more than the {MAX_HOURS_PER_DAY:g} h a day has{already}; "
            "check the hours and the date")
