"""Any spreadsheet CSV, read through the person's column map (--map date=Day,activity=Task,...).

Rows with an activity, energy and hours become episodes; the rest wait for a rating.
"""

from __future__ import annotations

from ownpath.errors import ImportRejected, Problem
from ownpath.imports.assign import classify_records
from ownpath.imports.formats.base import (
    FormatPlanner,
    ImportOptions,
    ImportPlan,
    check_pending,
    reject_if,
    to_episode,
)
from ownpath.imports.parsers import detect, spreadsheet
from ownpath.imports.rules import classifier_for, known_activity_names, rules_for
from ownpath.journal.services import activity_labels


def plan_spreadsheet(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """Plan a mapped CSV: complete rows as episodes, the rest waiting for a rating."""
    mapping, problems = spreadsheet.parse_column_mapping(options.column_map or "")
    energy_range = None
    if options.energy_range:
        energy_range, range_problems = spreadsheet.parse_range(options.energy_range)
        problems += range_problems
    reject_if(problems)
    result = spreadsheet.parse_mapped_csv(
        data, mapping, activities=known_activity_names(user), activity_names=options.activity_names,
        energy_range=energy_range, date_format=options.date_format, encoding=options.encoding, source_name="csv")
    reject_if(result.problems)
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
            episode, errors = to_episode(labels, record, "csv", options, known)
            problems += [Problem(where, e.field, e.message) for e in errors]
            if episode:
                plan.episodes.append((where, episode))
        else:
            problems += check_pending(record, where, options)
            plan.pending.append((where, record))
    if problems:
        raise ImportRejected(problems)
    if plan.pending:
        plan.notes.append(f"{len(plan.pending)} row(s) lack an energy rating or activity: "
                          "they wait for your rating after importing")
    return plan


PLANNER = FormatPlanner(detect.GENERIC_CSV, plan_spreadsheet)
