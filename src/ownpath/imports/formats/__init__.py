"""One planner per import format, looked up by the format's name in a registry.

Adding a format is a parser in ``imports.parsers`` (pure: bytes in, records and located
problems out), a module here with a ``plan(user, data, filename, options)`` function and its
``PLANNER``, and one line in ``PLANNERS``; ``parsers.detect`` learns to recognise it.
"""

from __future__ import annotations

from ownpath.errors import UserInputError
from ownpath.imports.formats import calendar, daylio, ownpath_csv, ownpath_json, spreadsheet
from ownpath.imports.formats.base import FormatPlanner, ImportOptions, ImportPlan, reject_if
from ownpath.imports.parsers import detect

PLANNERS: dict[str, FormatPlanner] = {
    planner.name: planner
    for planner in (calendar.PLANNER, daylio.PLANNER, ownpath_csv.PLANNER, ownpath_json.PLANNER, spreadsheet.PLANNER)
}

__all__ = ["PLANNERS", "FormatPlanner", "ImportOptions", "ImportPlan", "choose_format", "planner_for"]


def planner_for(file_format: str) -> FormatPlanner:
    """The planner registered for a format name (one of ``parsers.detect.FORMATS``)."""
    return PLANNERS[file_format]


def choose_format(data, filename: str, options: ImportOptions) -> str:
    """The format to read a file as: the one asked for (--format), else the one its content shows."""
    aliases = {"json": detect.OWNPATH_JSON, "ical": detect.ICS, "calendar": detect.ICS}
    wanted = aliases.get((options.file_format or "").lower(), (options.file_format or "").lower())
    detected, problems = detect.detect_format(data, filename)
    if wanted in ("", "auto"):
        reject_if(problems, filename)
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
