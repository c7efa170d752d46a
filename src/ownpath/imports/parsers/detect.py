"""Recognising an import file's format from its content (the file name is only a hint)."""

from __future__ import annotations

import json

from ownpath.imports.parsers.csvtools import normalise_header, read_table
from ownpath.imports.parsers.daylio import looks_like_daylio
from ownpath.imports.limits import json_depth_problem
from ownpath.imports.parsers.records import Problem
from ownpath.imports.parsers.textio import decode_text

ICS = "ics"
DAYLIO = "daylio"
OWNPATH_CSV = "ownpath-csv"
OWNPATH_JSON = "ownpath-json"
GENERIC_CSV = "csv"
FORMATS = (ICS, DAYLIO, OWNPATH_CSV, OWNPATH_JSON, GENERIC_CSV)

OWNPATH_CSV_HEADER = ("date", "activity", "hours", "energy", "skill", "engagement", "growth", "with", "note",
                      "start", "where", "tools", "flow", "id")


def detect_format(data: bytes | str, filename: str = "") -> tuple[str | None, list[Problem]]:
    """Return one of FORMATS for the content, or None with a problem saying why."""
    text, problems = decode_text(data)
    if problems:
        return None, problems
    head = text.lstrip(" \t\r\n")
    if not head:
        return None, [Problem(field="file", line=1, message="the file is empty")]
    if head[:15].upper().startswith("BEGIN:VCALENDAR"):
        return ICS, []
    if head[0] in "{[":
        too_deep = json_depth_problem(text)
        if too_deep:
            return None, [Problem(field="json", line=too_deep[0], message=too_deep[1])]
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            return None, [Problem(field="json", line=line, message=f"looks like JSON but cannot be read: {error}")]
        if _looks_like_ownpath_json(document):
            return OWNPATH_JSON, []
        return None, [Problem(field="json", line=1, message="JSON that is not an ownpath export (no 'episodes' list)")]
    if filename.lower().endswith((".ics", ".ical", ".ifb")):
        return None, [Problem(field="BEGIN", line=1, message="named like a calendar but does not start with BEGIN:VCALENDAR")]
    first_line = head.split("\n", 1)[0]
    table, problems = read_table(first_line)
    if table is None or len(table.header) < 2:
        return None, [Problem(field="file", line=1,
                              message="not a recognised format (calendar .ics, Daylio CSV, ownpath CSV/JSON, or a CSV with a header)")]
    if looks_like_daylio(table.header):
        return DAYLIO, []
    names = [normalise_header(h) for h in table.header]
    if {"date", "activity", "energy"} <= set(names) and set(names) <= set(OWNPATH_CSV_HEADER):
        return OWNPATH_CSV, []
    return GENERIC_CSV, []


def _looks_like_ownpath_json(document) -> bool:
    if isinstance(document, dict):
        episodes = document.get("episodes")
        return isinstance(episodes, list)
    if isinstance(document, list):
        return all(isinstance(item, dict) and "date" in item and "activity" in item for item in document)
    return False
