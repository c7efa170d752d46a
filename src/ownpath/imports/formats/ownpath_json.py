"""ownpath's lossless JSON export: every entry validated, own activities and settings kept."""

from __future__ import annotations

import datetime as dt

from ownpath.errors import ImportRejected
from ownpath.imports import limits
from ownpath.imports.formats.base import FormatPlanner, ImportOptions, ImportPlan, reject_if
from ownpath.imports.parsers import detect
from ownpath.imports.parsers.ownpath import fast_json_episode
from ownpath.imports.parsers.textio import decode_text
from ownpath.journal import transfer
from ownpath.journal.services import activity_labels


def plan_ownpath_json(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """Plan an ownpath JSON export: its entries, the person's own activities and settings."""
    text, problems = decode_text(data)
    reject_if(problems, filename)
    labels = activity_labels(user)
    today = options.today or dt.date.today()
    try:
        records, own, settings = transfer.parse_journal_json(
            text, labels.keys(), labels, today=options.today, max_entries=limits.MAX_ROWS,
            quick_check=lambda raw, known: fast_json_episode(raw, known, today))
    except ImportRejected as rejected:
        raise ImportRejected(rejected.problems, source=filename or "file") from None
    return ImportPlan(file_format=detect.OWNPATH_JSON, source="ownpath", episodes=records, new_activities=own,
                      journal_settings=settings if isinstance(settings, dict) else {})


PLANNER = FormatPlanner(detect.OWNPATH_JSON, plan_ownpath_json, counts_rows=False)
