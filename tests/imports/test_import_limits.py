"""Every importer is bounded: hostile calendars, deep JSON, huge files are refused quickly, by name."""

from __future__ import annotations

import datetime as dt
import json
import resource
import threading
import time

import pytest

from ownpath.errors import ImportRejected
from ownpath.imports import limits, uploads
from ownpath.imports.parsers.ics import parse_ics
from ownpath.imports.planning import ImportOptions, plan_import
from ownpath.imports.uploads import confirm_upload, plan_upload, store_upload
from tests.imports.helpers import import_file

TODAY = dt.date(2026, 11, 30)

# The exact files from issue 10: an event three years back, 5 minutes long, repeating every
# minute; and a rule that never occurs (there is no 30 February), starting in 2000.
EVERY_MINUTE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//hostile//EN\r
BEGIN:VEVENT\r
UID:every-minute@hostile.test\r
DTSTAMP:20261101T000000Z\r
DTSTART:20231201T090000Z\r
DTEND:20231201T090500Z\r
RRULE:FREQ=MINUTELY\r
SUMMARY:every minute\r
END:VEVENT\r
END:VCALENDAR\r
"""
NEVER = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//hostile//EN\r
BEGIN:VEVENT\r
UID:never@hostile.test\r
DTSTAMP:20261101T000000Z\r
DTSTART:20000101T090000Z\r
DTEND:20000101T093000Z\r
RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r
SUMMARY:never\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def short_rule_budget(monkeypatch):
    """A small CPU budget per rule, so the never-occurring rule is refused within a second."""
    monkeypatch.setattr(limits, "RULE_SECONDS", 0.3)


def test_minutely_series_is_refused_at_the_occurrence_limit_naming_its_uid_in_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, the process's peak so far
    result = parse_ics(EVERY_MINUTE, today=TODAY)
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert result.events == []
    [problem] = result.problems
    assert problem.uid == "every-minute@hostile.test" and problem.field == "RRULE"
    assert f"more than {limits.MAX_OCCURRENCES:,} occurrences" in problem.message
    assert growth < 200 * 1024  # the whole expansion (1.5 million occurrences, gigabytes) was never built


def test_rule_that_never_occurs_is_refused_by_its_time_budget_naming_its_uid(short_rule_budget):
    result = parse_ics(NEVER, today=TODAY)
    assert result.events == []
    [problem] = result.problems
    assert problem.uid == "never@hostile.test" and problem.field == "RRULE"
    assert "takes too long to expand" in problem.message


def test_hostile_calendar_refusal_reaches_the_person_with_the_uid(user, short_rule_budget):
    with pytest.raises(ImportRejected) as refused:
        plan_import(user, NEVER, "never.ics", ImportOptions(today=TODAY))
    assert "event UID never@hostile.test" in refused.value.message


def test_calendar_with_ordinary_series_still_expands_under_the_limits():
    weekly = EVERY_MINUTE.replace(b"FREQ=MINUTELY", b"FREQ=WEEKLY").replace(b"every-minute", b"weekly")
    result = parse_ics(weekly, today=TODAY)
    assert result.problems == []
    assert len(result.events) == 157  # every Friday from 2023-12-01 to 2026-11-27


def test_deadline_interrupts_a_loop_that_never_yields_and_leaves_nothing_pending():
    def spin():
        while True:
            pass

    with pytest.raises(limits.TimeBudgetExceeded):
        with limits.Deadline(0.05):
            spin()
    with limits.Deadline(5):
        total = sum(range(1000))
    time.sleep(0.1)  # a stray interrupt would land here
    assert total == 499500
    assert threading.active_count() == 1 or all(t.name != "ownpath-import-deadline" for t in threading.enumerate())


def test_json_nested_thousands_deep_is_refused_with_its_line(user):
    deep = '{"format": "ownpath-journal", "version": 1, "episodes": [\n' + "[" * 5000 + "]" * 5000 + "]}"
    with pytest.raises(ImportRejected) as refused:
        plan_import(user, deep.encode(), "deep.json")
    [problem] = refused.value.problems
    assert problem.line == 2 and "nested more than" in problem.message


def test_brackets_inside_json_strings_do_not_count_as_nesting():
    note = "[" * 100 + '{\\"' + "]" * 3
    assert limits.json_depth_problem(json.dumps({"episodes": [{"note": note}]})) is None
    assert limits.json_depth_problem("[" * 40 + "]" * 40) == (1, "nested more than 32 levels deep: not an ownpath export")


def test_file_over_the_byte_limit_is_refused_before_it_is_read(user, monkeypatch):
    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", 1000)
    data = b"date,activity,hours,energy\n" + b"2025-03-03,research,2,2\n" * 100
    with pytest.raises(ImportRejected) as refused:
        plan_import(user, data, "big.csv")
    assert "more than the" in refused.value.message and "MB an import may hold" in refused.value.message


@pytest.mark.parametrize("header", ["date,activity,hours,energy", "Day,Task,Hours,Mood"])
def test_csv_with_more_rows_than_the_limit_is_refused(user, monkeypatch, header):
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    data = (header + "\n" + "2025-03-03,research,2,2\n" * 51).encode()
    options = ImportOptions(column_map="date=Day,activity=Task,hours=Hours,energy=Mood") if "Day" in header else None
    with pytest.raises(ImportRejected) as refused:
        plan_import(user, data, "rows.csv", options)
    assert "more than 50 rows" in refused.value.message


def test_json_with_more_entries_than_the_limit_is_refused(user, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    entry = {"date": "2025-03-03", "activity": "research", "hours": 1, "energy": 1}
    document = {"format": "ownpath-journal", "version": 1, "episodes": [entry] * 3}
    with pytest.raises(ImportRejected) as refused:
        import_file(user, json.dumps(document).encode(), "many.json")
    assert "more than 2 entries" in refused.value.message


def test_pending_upload_is_planned_once_for_preview_and_confirm(user, monkeypatch):
    calls = []
    real_plan = uploads.plan_import
    monkeypatch.setattr(uploads, "plan_import", lambda *a, **k: calls.append(1) or real_plan(*a, **k))
    store_upload(user, b"date,activity,hours,energy\n2025-03-03,research,2,2\n", "j.csv", ImportOptions())
    plan_upload(user)
    plan_upload(user)
    assert confirm_upload(user)["imported"] == 1
    assert len(calls) == 1


def test_refused_upload_is_not_planned_again_on_every_view(user, monkeypatch, short_rule_budget):
    calls = []
    real_plan = uploads.plan_import
    monkeypatch.setattr(uploads, "plan_import", lambda *a, **k: calls.append(1) or real_plan(*a, **k))
    store_upload(user, NEVER, "never.ics", ImportOptions(today=TODAY))
    for _ in range(3):
        with pytest.raises(ImportRejected):
            plan_upload(user)
    assert len(calls) == 1


def test_cached_plan_is_redone_when_the_journal_changes(user, monkeypatch, episode_factory):
    calls = []
    real_plan = uploads.plan_import
    monkeypatch.setattr(uploads, "plan_import", lambda *a, **k: calls.append(1) or real_plan(*a, **k))
    store_upload(user, b"date,activity,hours,energy\n2025-03-03,research,2,2\n", "j.csv", ImportOptions())
    plan_upload(user)
    episode_factory(date=dt.date(2025, 3, 4))
    plan_upload(user)
    assert len(calls) == 2
