"""The journal's own file formats: lossless JSON and a plain CSV, both re-importable.

Parsing is pure (text in, validated records or a list of problems out); saving goes through
services.import_episode_records, so an import with any bad row imports nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping

from ownpath.errors import ImportRejected, Problem
from ownpath.journal.validation import EpisodeRecord, FieldError, growth_word, validate_episode

JSON_FORMAT = "ownpath-journal"
JSON_VERSION = 1
CSV_HEADER = ["date", "activity", "hours", "energy", "skill", "engagement", "growth", "with", "note",
              "start", "where", "tools", "flow", "id"]
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula: a leading quote where needed.

    A cell starting with a formula character gets a single quote in front (the OWASP advice;
    spreadsheets show the text without it). So that the quote can be undone exactly, text
    that itself starts with a quote gets one more.
    """
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


def from_spreadsheet_safe(text: str) -> str:
    """The original text of a cell written by spreadsheet_safe (ownpath's own CSV only)."""
    return text[1:] if text.startswith("'") else text


def episode_to_dict(episode) -> dict:
    """Every field of an episode as JSON-ready plain data (the lossless export row)."""
    return {
        "uuid": str(episode.uuid),
        "date": episode.date.isoformat(),
        "start": episode.start_time.isoformat() if episode.start_time else None,
        "activity": episode.activity.slug,
        "hours": episode.hours,
        "energy": episode.energy,
        "skill": episode.skill,
        "engagement": episode.engagement,
        "growth": episode.growth,
        "off_clock": episode.off_clock,
        "with": episode.with_whom,
        "where": episode.place,
        "tools": episode.tools,
        "flow": episode.flow,
        "note": episode.note,
        "source": episode.source,
        "external_id": episode.external_id,
    }


def journal_to_json(episodes: Iterable, own_activities: Iterable, settings: Mapping) -> str:
    """The lossless JSON export: the person's own activities, settings and every episode."""
    header = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": dict(settings),
        "activities": [
            {"slug": a.slug, "label": a.label, "description": a.description, "gwa_ids": list(a.gwa_ids)}
            for a in own_activities
        ],
    }
    # One episode per line keeps the file diff-able and its line numbers meaningful.
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in header.items()]
    rows = [json.dumps(episode_to_dict(e), ensure_ascii=False) for e in episodes]
    lines.append(' "episodes": [')
    lines += [f"  {row}," for row in rows[:-1]] + [f"  {row}" for row in rows[-1:]]
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def journal_to_csv(episodes: Iterable) -> str:
    """The CSV export with the documented header; growth is 'growth', 'required' or blank.

    Text cells (activity, with, note) are spreadsheet-safe (see spreadsheet_safe); ``id`` is
    the entry's stable id, so re-importing the file into the same journal adds nothing.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180 line ends, so a lone \r in a note is quoted
    writer.writerow(CSV_HEADER)
    for e in episodes:
        writer.writerow([
            e.date.isoformat(), spreadsheet_safe(e.activity.slug),
            repr(e.hours) if not float(e.hours).is_integer() else int(e.hours),
            e.energy, "" if e.skill is None else e.skill, "" if e.engagement is None else e.engagement,
            growth_word(e.growth), spreadsheet_safe(e.with_whom), spreadsheet_safe(e.note),
            e.start_time.isoformat() if e.start_time else "", spreadsheet_safe(e.place), spreadsheet_safe(e.tools),
            "true" if e.flow else "", str(e.uuid),
        ])
    return buffer.getvalue()


CSV_TEXT_COLUMNS = ("activity", "with", "note", "where", "tools")


def csv_row_from_export(row: dict[str, str]) -> dict[str, str]:
    """A row of ownpath's CSV as entered: text cells un-neutralised and the id read as the uuid.

    Only files with the ``id`` column were written with spreadsheet-safe text; older exports
    and hand-made files are read as they are.
    """
    if "id" not in row:
        return row
    row = dict(row)
    for name in CSV_TEXT_COLUMNS:
        if row.get(name):
            row[name] = from_spreadsheet_safe(row[name])
    row["uuid"] = row.pop("id")
    return row


def _problems(where, errors: list[FieldError]) -> list[Problem]:
    return [Problem(where, e.field, e.message) for e in errors]


def parse_journal_csv(text: str, known_activities: Iterable[str], labels: Mapping[str, str] | None = None,
                      *, today: dt.date | None = None) -> list[tuple[int, EpisodeRecord]]:
    """Parse the CSV format; raise ImportRejected naming every bad row by line and field."""
    known = list(known_activities)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("date", "activity", "hours", "energy") if c not in header]
    if missing:
        raise ImportRejected([Problem(1, c, "required column is missing from the header") for c in missing])
    reader.fieldnames = header
    records, problems = [], []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                cells = len(header) + len(row[None])
                problems.append(Problem(line, "(row)", f"has {cells} cells, the header has {len(header)}"))
                continue
            if all((v or "").strip() == "" for v in row.values()):
                continue
            record, errors = validate_episode(csv_row_from_export(row), known, labels, today=today)
            if errors:
                problems += _problems(line, errors)
            else:
                records.append((line, record))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, "(row)", f"malformed CSV: {exc}"))
    if problems:
        raise ImportRejected(problems)
    return records


def _episode_line_numbers(text: str, count: int) -> list[int]:
    """Line number where each element of the top-level "episodes" array starts."""
    return _array_line_numbers(text, "episodes", count)


def _array_line_numbers(text: str, name: str, count: int) -> list[int]:
    """Line number where each element of the array under key ``name`` starts (0 if unknown)."""
    match = re.search(r'"' + re.escape(name) + r'"\s*:\s*\[', text)
    if not match:
        return [0] * count
    decoder = json.JSONDecoder()
    lines, position = [], match.end()
    # Count newlines only between one element and the next: linear in the file's length
    # (counting from the start for every element made a 60,000-entry file take minutes).
    counted_to, line = 0, 1
    skip = re.compile(r"[ \t\r\n,]*")
    for _ in range(count):
        position = skip.match(text, position).end()
        line += text.count("\n", counted_to, position)
        counted_to = position
        lines.append(line)
        try:
            _, position = decoder.raw_decode(text, position)
        except ValueError:
            break
    return lines + [0] * (count - len(lines))


def parse_journal_json(text: str, known_activities: Iterable[str], labels: Mapping[str, str] | None = None,
                       *, today: dt.date | None = None, max_entries: int | None = None,
                       quick_check=None) -> tuple[list[tuple[int | str, EpisodeRecord]], list[dict], dict]:
    """Parse the JSON export: (records, the person's own activities, settings) or ImportRejected.

    ``max_entries`` refuses a file with more episodes than that, before any is validated.
    ``quick_check(raw, known)`` may vouch for a plainly valid entry (returning its record) so
    large files skip the full validator; it returns None for anything it does not vouch for.
    """
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise ImportRejected([Problem(exc.lineno, "(file)", message)]) from None
    except RecursionError:
        raise ImportRejected([Problem(1, "(file)", "nested too deep: not an ownpath export")]) from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        message = f"not an ownpath journal export (expected \"format\": \"{JSON_FORMAT}\")"
        raise ImportRejected([Problem(1, "format", message)])
    if document.get("version") != JSON_VERSION:
        message = f"unsupported version {document.get('version')!r}, expected {JSON_VERSION}"
        raise ImportRejected([Problem(1, "version", message)])
    episodes = document.get("episodes")
    activities = document.get("activities") or []
    problems: list[Problem] = []
    if not isinstance(episodes, list):
        raise ImportRejected([Problem(1, "episodes", "must be a list")])
    if max_entries is not None and len(episodes) > max_entries:
        raise ImportRejected([Problem(1, "episodes", f"more than {max_entries:,} entries (found {len(episodes):,}); "
                                                     "split the file (or raise OWNPATH_IMPORT_MAX_ROWS)")])
    own: list[dict] = []
    slugs: set[str] = set()  # also of refused activities, so their entries are not blamed too
    if not isinstance(activities, list):
        raise ImportRejected([Problem(1, "activities", "must be a list")])
    activity_lines = _array_line_numbers(text, "activities", len(activities))
    for index, activity in enumerate(activities):
        where = activity_lines[index] or f"activities[{index}]"
        if not isinstance(activity, dict) or not isinstance(activity.get("slug"), str) or not activity["slug"].strip():
            problems.append(Problem(where, "slug", "each activity needs a slug"))
            continue
        slugs.add(activity["slug"].strip().lower())
        bad = [name for name in ("label", "description") if not isinstance(activity.get(name, ""), str)]
        if not isinstance(activity.get("gwa_ids", []), list) or not all(
                isinstance(g, str) for g in activity.get("gwa_ids", [])):
            bad.append("gwa_ids")
        for name in bad:
            kind = "a list of element IDs" if name == "gwa_ids" else "text"
            problems.append(Problem(where, name, f"must be {kind}, got {activity[name]!r}"[:200]))
        if not bad:
            own.append(activity)
    known = set(known_activities) | slugs
    labels = dict(labels or {}) | {a["slug"]: a.get("label", a["slug"]) for a in own}
    line_numbers = _episode_line_numbers(text, len(episodes))
    records = []
    for index, raw in enumerate(episodes):
        where = line_numbers[index] or f"episodes[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(where, "(episode)", "must be an object"))
            continue
        record = quick_check(raw, known) if quick_check is not None else None
        if record is not None:
            records.append((where, record))
            continue
        record, errors = validate_episode(raw, known, labels, today=today)
        if errors:
            problems += _problems(where, errors)
        else:
            records.append((where, record))
    settings = document.get("settings") or {}
    if not isinstance(settings, dict):
        problems.append(Problem(1, "settings", "must be an object"))
    if problems:
        raise ImportRejected(problems)
    return records, own, settings
