"""ownpath's own CSV and JSON rows, and other formats' drafts, as journal records on a fast path.

A 100,000-row file must import in seconds. Validation takes a strict fast path for rows that
are plainly valid, without a per-field exception; anything else returns None and goes through
the journal's full validator, so error messages and accepted values stay exactly the journal's.
Pure: text in, records out, no Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import operator
import re
import uuid

from ownpath.journal.transfer import from_spreadsheet_safe
from ownpath.journal.validation import (
    EARLIEST_DATE,
    ENERGY_RANGE,
    ENGAGEMENT_RANGE,
    MAX_HOURS,
    SKILL_RANGE,
    EpisodeRecord,
    parse_flag,
    parse_growth,
    parse_people,
    parse_place,
    parse_start_time,
    parse_tools,
)

OWNPATH_CSV_COLUMNS = ("date", "activity", "hours", "energy", "skill", "engagement", "growth", "with", "note",
                       "start", "where", "tools", "flow", "id")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NotPlainlyValid(Exception):
    """A row the fast path does not vouch for; the full validator decides (and words the error)."""


def _int(text: str, low: int, high: int) -> int:
    text = text.strip()
    value = int(text[1:]) if text.startswith("+") else int(text)
    if not low <= value <= high:
        raise NotPlainlyValid
    return value


def _optional_int(text: str, low: int, high: int) -> int | None:
    return None if not text.strip() else _int(text, low, high)


def _text(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) > limit or CONTROL_CHARACTERS.search(text):
        raise NotPlainlyValid
    return text


def _day(value, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date):
        value = dt.date.fromisoformat(value.strip())
    if not EARLIEST_DATE <= value <= today:
        raise NotPlainlyValid
    return value


def fast_journal_csv(text: str, known: set[str], today: dt.date | None = None) -> list[tuple[int, EpisodeRecord]] | None:
    """Parse an ownpath CSV whose every row is plainly valid; None means 'use the full parser'."""
    today = today or dt.date.today()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        return None
    if set(header) - set(OWNPATH_CSV_COLUMNS) or not {"date", "activity", "hours", "energy"} <= set(header):
        return None
    width = len(header)
    exported = "id" in header  # written by ownpath: text cells are spreadsheet-safe
    # Missing optional columns read as the empty cell appended to every row.
    pick = operator.itemgetter(*[header.index(n) if n in header else width for n in OWNPATH_CSV_COLUMNS])
    records: list[tuple[int, EpisodeRecord]] = []
    seen: set[str] = set()
    low_energy, high_energy = ENERGY_RANGE
    previous_end = 0
    try:
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue
                return None
            row.append("")
            (day, activity, hours_text, energy_text, skill, engagement, growth_text, with_whom, note,
             start, where, tools, flow, row_id) = pick(row)
            if exported:
                activity, with_whom, note, where, tools = (
                    from_spreadsheet_safe(activity), from_spreadsheet_safe(with_whom), from_spreadsheet_safe(note),
                    from_spreadsheet_safe(where), from_spreadsheet_safe(tools))
            activity = activity.strip().lower()
            if activity not in known:
                return None
            hours = float(hours_text)
            if not (0 < hours <= MAX_HOURS):  # NaN fails this too
                return None
            energy = _int(energy_text, low_energy, high_energy)
            record = EpisodeRecord(
                date=_day(day, today), activity=activity, hours=hours, energy=energy,
                skill=_optional_int(skill, *SKILL_RANGE) if skill else None,
                engagement=_optional_int(engagement, *ENGAGEMENT_RANGE) if engagement else None,
                growth=parse_growth(growth_text),  # a FieldError is a ValueError: not plainly valid
                # The context parsers raise FieldError, a ValueError: "not plainly valid".
                with_whom=parse_people(with_whom) if with_whom else "", note=_text(note, 5000) if note else "",
                start_time=parse_start_time(start) if start else None,
                place=parse_place(where) if where else "", tools=parse_tools(tools) if tools else "",
                flow=parse_flag("flow", flow) if flow else False,
                source="ownpath-csv", external_id=row_fingerprint(row, seen),
                uuid=str(uuid.UUID(row_id)) if row_id.strip() else None,
            )
            records.append((line, record))
    except (ValueError, NotPlainlyValid, csv.Error):
        return None
    return records


def journal_csv_ids(text: str) -> dict[int, str]:
    """Row ids of an ownpath CSV keyed by the line each row ends on (the journal parser's line)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    ids: dict[int, str] = {}
    seen: set[str] = set()
    try:
        width = len(next(reader))
        for row in reader:
            if len(row) == width:
                row.append("")
                ids[reader.line_num] = row_fingerprint(row, seen)
    except (StopIteration, csv.Error):
        pass
    return ids


def row_fingerprint(row: list[str], seen: set[str]) -> str:
    """A short, stable id for a row's content; repeated identical rows get #2, #3, ..."""
    fingerprint = "row:" + hashlib.blake2b("\x1f".join(row).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    if fingerprint in seen:
        number = 2
        while f"{fingerprint}#{number}" in seen:
            number += 1
        fingerprint = f"{fingerprint}#{number}"
    seen.add(fingerprint)
    return fingerprint


def _json_int(value, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise NotPlainlyValid
    return value


def _json_optional_int(value, low: int, high: int) -> int | None:
    return None if value is None else _json_int(value, low, high)


def _json_text(value, limit: int) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        raise NotPlainlyValid
    return _text(value, limit)


def _json_context(parse, value) -> str:
    """A context field (with, where, tools) through the journal's own parser; text only."""
    if value is None or value == "":
        return ""
    if type(value) is not str:
        raise NotPlainlyValid
    return parse(value)


def fast_json_episode(raw: dict, known: set[str], today: dt.date | None = None) -> EpisodeRecord | None:
    """An entry of ownpath's JSON export as a record when every field is plainly valid, else None.

    Accepts only what the export writes (exact JSON types, ISO strings); anything else goes to
    the journal's full validator, which also words the errors.
    """
    try:
        activity = raw["activity"]
        if type(activity) is not str or activity not in known:
            return None
        hours = raw["hours"]
        if type(hours) not in (int, float) or not 0 < hours <= MAX_HOURS:
            return None
        growth, off_clock, flow = raw.get("growth"), raw.get("off_clock", False), raw.get("flow", False)
        if (growth is not None and type(growth) is not bool) or type(off_clock) is not bool or type(flow) is not bool:
            return None
        start, identity = raw.get("start"), raw.get("uuid")
        source, external_id = raw.get("source") or "", raw.get("external_id") or ""
        if type(source) is not str or type(external_id) is not str:
            return None
        if type(raw["date"]) is not str:
            return None
        return EpisodeRecord(
            date=_day(raw["date"], today or dt.date.today()), activity=activity, hours=float(hours),
            energy=_json_int(raw["energy"], *ENERGY_RANGE),
            skill=_json_optional_int(raw.get("skill"), *SKILL_RANGE),
            engagement=_json_optional_int(raw.get("engagement"), *ENGAGEMENT_RANGE),
            growth=growth, off_clock=bool(off_clock),
            with_whom=_json_context(parse_people, raw["with"] if "with" in raw else raw.get("with_whom")),
            place=_json_context(parse_place, raw["where"] if "where" in raw else raw.get("place")),
            tools=_json_context(parse_tools, raw.get("tools")), flow=flow,
            note=_json_text(raw.get("note"), 5000),
            start_time=None if start is None else dt.time.fromisoformat(start),
            uuid=None if identity is None else str(uuid.UUID(identity)),
            source=source, external_id=external_id,
        )
    except (KeyError, TypeError, ValueError, AttributeError, NotPlainlyValid):
        return None


def fast_episode(record, known: set[str], today: dt.date, source: str, external_id: str) -> EpisodeRecord | None:
    """An imported record as a journal record when every field is plainly valid, else None."""
    try:
        if record.activity not in known or record.energy is None or record.hours is None:
            return None
        if not (0 < record.hours <= MAX_HOURS) or not ENERGY_RANGE[0] <= record.energy <= ENERGY_RANGE[1]:
            return None
        return EpisodeRecord(
            date=_day(record.date, today), activity=record.activity, hours=float(record.hours), energy=record.energy,
            skill=record.skill, engagement=record.engagement, growth=record.growth,
            with_whom=_text(record.with_whom, 200), note=_text(record.note, 5000), start_time=record.start,
            source=source, external_id=external_id,
        )
    except (ValueError, NotPlainlyValid):
        return None
