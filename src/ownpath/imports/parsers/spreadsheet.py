"""Any spreadsheet CSV, read through a column mapping such as ``date=Day,energy=Mood``.

The mapping names, for each journal field, the spreadsheet column that holds it. Energy
written on another scale (say 1..5) is rescaled linearly to -2..+2 when the person gives
the range; activity names that are neither our slugs nor labels are resolved through an
explicit name mapping, never guessed.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections import Counter

from ownpath.imports.parsers.csvtools import normalise_header, parse_day, read_table
from ownpath.imports.parsers.records import (
    EpisodeRecord,
    ParseResult,
    Problem,
    parse_clock_time,
    parse_growth,
    parse_hours,
    parse_int_in_range,
)
from ownpath.imports.parsers.textio import decode_text
from ownpath.journal.validation import ENERGY_RANGE, ENGAGEMENT_RANGE, SKILL_RANGE

FIELDS = ("date", "activity", "hours", "energy", "skill", "engagement", "growth", "with", "note", "start", "title")
REQUIRED_FIELDS = ("date",)


def parse_column_mapping(spec: str) -> tuple[dict[str, str], list[Problem]]:
    """Parse 'date=Day,energy=Mood' into {field: column}; unknown fields are problems."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, column = part.partition("=")
        name = name.strip().lower()
        if not sep or not column.strip():
            problems.append(Problem(field="--map", message=f"{part!r} is not 'field=Column'"))
        elif name not in FIELDS:
            problems.append(Problem(field="--map", message=f"unknown field {name!r}; fields are {', '.join(FIELDS)}"))
        elif name in mapping:
            problems.append(Problem(field="--map", message=f"field {name!r} is mapped twice"))
        else:
            mapping[name] = column.strip()
    return mapping, problems


_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.|:|,|-|–|to)\s*(-?\d+(?:\.\d+)?)\s*$")


def parse_range(spec: str) -> tuple[tuple[float, float] | None, list[Problem]]:
    """Parse an energy range: '1..5', '1-5', '1,5', '1:5' or '-2..2' (low before high)."""
    match = _RANGE.match(spec or "")
    if match:
        low, high = float(match.group(1)), float(match.group(2))
        if low < high:
            return (low, high), []
    return None, [Problem(field="--energy-range", message=f"{spec!r} is not a range like 1..5, 1-5 or 1,5 "
                                                           "(lowest first)")]


def parse_mapped_csv(
    data: bytes | str,
    mapping: dict[str, str],
    *,
    activities: dict[str, str] | None = None,
    activity_names: dict[str, str] | None = None,
    energy_range: tuple[float, float] | None = None,
    date_format: str | None = None,
    encoding: str | None = None,
    source_name: str = "csv",
) -> ParseResult:
    """Parse a CSV through a column mapping into episodes, with every bad cell located.

    ``activities`` maps accepted slugs and labels (lower case) to slugs; without it any
    non-empty activity is taken as written. ``activity_names`` maps other spellings the
    person confirmed. Rows without an activity column stay unassigned for classification.
    """
    result = ParseResult(format="csv")
    unknown_fields = [name for name in mapping if name not in FIELDS]
    if unknown_fields:
        result.problems.append(Problem(field="--map", message=f"unknown field(s) {', '.join(unknown_fields)}"))
    for required in REQUIRED_FIELDS:
        if required not in mapping:
            result.problems.append(Problem(field="--map", message=f"map the {required!r} field to a column"))
    if result.problems:
        return result
    text, problems = decode_text(data, fallback_encoding=encoding)
    if problems:
        result.problems.extend(problems)
        return result
    table, problems = read_table(text)
    result.problems.extend(problems)
    if table is None:
        return result
    columns = table.index()
    positions: dict[str, int] = {}
    for name, column in mapping.items():
        position = columns.get(normalise_header(column))
        if position is None:
            result.problems.append(Problem(field=name, line=1,
                                           message=f"column {column!r} is not in the header ({', '.join(table.header)})"))
        else:
            positions[name] = position
    if result.problems:
        return result

    names = {" ".join(k.lower().split()): v for k, v in (activity_names or {}).items()}
    known = {k.lower(): v for k, v in (activities or {}).items()}
    seen_ids: Counter = Counter()
    width = len(table.header)
    # Unmapped fields read as the empty cell appended to every row.
    pick = operator.itemgetter(*[positions.get(name, width) for name in FIELDS])
    for line, row in table.rows:
        cells = dict(zip(FIELDS, pick(row + [""])))
        cell = cells.__getitem__
        row_problems: list[Problem] = []
        day, moment, error = parse_day(cell("date"), date_format)
        if error:
            row_problems.append(Problem(field="date", line=line, message=error))
        start, error = parse_clock_time(cell("start"))
        if error:
            row_problems.append(Problem(field="start", line=line, message=error))
        if start is None and moment is not None and moment.time() != moment.min.time():
            start = moment.time()
        hours, error = parse_hours(cell("hours"))
        if error:
            row_problems.append(Problem(field="hours", line=line, message=error))
        energy, error = _energy(cell("energy"), energy_range)
        if error:
            row_problems.append(Problem(field="energy", line=line, message=error))
        skill, error = parse_int_in_range(cell("skill"), *SKILL_RANGE)
        if error:
            row_problems.append(Problem(field="skill", line=line, message=error))
        engagement, error = parse_int_in_range(cell("engagement"), *ENGAGEMENT_RANGE)
        if error:
            row_problems.append(Problem(field="engagement", line=line, message=error))
        growth, error = parse_growth(cell("growth"))
        if error:
            row_problems.append(Problem(field="growth", line=line, message=error))
        activity, error = _activity(cell("activity"), known, names, activities is not None)
        if error:
            row_problems.append(Problem(field="activity", line=line, message=error))
        if row_problems:
            result.problems.extend(row_problems)
            continue
        assert day is not None
        title = cell("title").strip()
        note = cell("note").strip()
        fingerprint = _row_fingerprint(source_name, row)
        seen_ids[fingerprint] += 1
        if seen_ids[fingerprint] > 1:  # identical rows: both are real entries
            fingerprint = f"{fingerprint}#{seen_ids[fingerprint]}"
        result.records.append(EpisodeRecord(
            date=day, start=start, hours=hours, activity=activity,
            activity_source="file" if activity else "",
            energy=energy, skill=skill, engagement=engagement, growth=growth,
            with_whom=cell("with").strip(), note=note or title, title=title or note,
            external_id=fingerprint, source_line=line,
        ))
    result.notes["rows"] = len(table.rows)
    return result


def _energy(text: str, energy_range: tuple[float, float] | None) -> tuple[int | None, str | None]:
    if energy_range is None:
        return parse_int_in_range(text, *ENERGY_RANGE)
    text = text.strip()
    if not text:
        return None, None
    low, high = energy_range
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None, f"{text!r} is not a number (expected {low:g} to {high:g})"
    if value != value or not low <= value <= high:
        return None, f"{text} is outside {low:g} to {high:g}"
    scaled = ENERGY_RANGE[0] + (value - low) * (ENERGY_RANGE[1] - ENERGY_RANGE[0]) / (high - low)
    return int(round(scaled)), None


def _activity(text: str, known: dict[str, str], names: dict[str, str], checked: bool) -> tuple[str | None, str | None]:
    name = " ".join(text.strip().lower().split())
    if not name:
        return None, None
    if name in names:
        return names[name], None
    if not checked:
        return name, None
    if name in known:
        return known[name], None
    return None, f"unknown activity {text.strip()!r}; map it to one of yours"


def _row_fingerprint(source_name: str, row: list[str]) -> str:
    # The row's own content identifies it, so re-importing an edited-elsewhere copy of
    # the same spreadsheet skips the rows already imported and adds only new ones.
    digest = hashlib.blake2b("\x1f".join(row).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return f"{source_name}:{digest}"
