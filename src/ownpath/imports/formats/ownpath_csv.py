"""ownpath's own CSV export: every row validated as the journal validates it.

Plainly valid files take the fast path; otherwise the journal's parser decides and words the
problems. Rows without an id (older exports) get one from their content.
"""

from __future__ import annotations

from ownpath.imports.formats.base import FormatPlanner, ImportOptions, ImportPlan, reject_if
from ownpath.imports.parsers import detect
from ownpath.imports.parsers.ownpath import fast_journal_csv, journal_csv_ids
from ownpath.imports.parsers.textio import decode_text
from ownpath.journal import transfer
from ownpath.journal.services import activity_labels


def plan_ownpath_csv(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """Plan an ownpath CSV export: every row an episode, or every problem listed."""
    text, problems = decode_text(data, options.encoding)
    reject_if(problems)
    labels = activity_labels(user)
    records = fast_journal_csv(text, set(labels), options.today)
    if records is None:  # some row is not plainly valid: the journal's parser decides and words it
        records = transfer.parse_journal_csv(text, labels.keys(), labels, today=options.today)
        ids = journal_csv_ids(text)
        for line, record in records:
            if not record.external_id and line in ids:
                record.source, record.external_id = "ownpath-csv", ids[line]
    return ImportPlan(file_format=detect.OWNPATH_CSV, source="ownpath-csv", episodes=records)


PLANNER = FormatPlanner(detect.OWNPATH_CSV, plan_ownpath_csv)
