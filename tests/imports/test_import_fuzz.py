"""Fuzzing: no input makes a parser raise; bad input only ever yields located problems."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.imports.ics_factory import weekly_one_to_one

from ownpath.analytics.activity_rules import rules_from_data
from ownpath.imports.parsers.daylio import parse_daylio, parse_mood_scale
from ownpath.imports.parsers.detect import detect_format
from ownpath.imports.parsers.spreadsheet import parse_column_mapping, parse_mapped_csv
from ownpath.imports.parsers.ics import parse_ics

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID_ICS_LINES = weekly_one_to_one().decode().split("\r\n")
DAYLIO_LINES = [
    "full_date,date,weekday,time,mood,activities,note_title,note",
    '2025-03-12,March 12,Wednesday,8:30 pm,rad,"work | coding",,"a<br>b"',
    '2025-03-11,March 11,Tuesday,18:05,awful,"meeting",,',
]
ICS_FRAGMENTS = ["DTSTART;TZID=Nowhere/Else:20250101T100000", "RRULE:FREQ=WEEKLY;COUNT=x", "RRULE:FREQ=DAILY",
                 "EXDATE:2025", "RECURRENCE-ID:20250317T100000", "DTEND:19000101T000000", "DURATION:P-1D",
                 "BEGIN:VEVENT", "END:VEVENT", "UID:", "DTSTART;VALUE=DATE:20250230", " folded", ""]


def mutated(lines: list[str], fragments: list[str]):
    """Valid files with lines deleted, duplicated, swapped or replaced by hostile fragments."""
    @st.composite
    def build(draw):
        result = list(lines)
        for _ in range(draw(st.integers(1, 6))):
            action = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate"]))
            if not result:
                break
            index = draw(st.integers(0, len(result) - 1))
            if action == "delete":
                del result[index]
            elif action == "duplicate":
                result.insert(index, result[index])
            elif action == "insert":
                result.insert(index, draw(st.sampled_from(fragments) | st.text(max_size=30)))
            else:
                result[index] = result[index][: draw(st.integers(0, len(result[index])))]
        return "\r\n".join(result)
    return build()


WINDOW = dict(window_start=date(2025, 1, 1), window_end=date(2025, 12, 31))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_any_parser(data):
    detect_format(data)
    assert isinstance(parse_ics(data, **WINDOW).problems, list)
    parse_daylio(data, {})
    parse_mapped_csv(data, {"date": "date", "energy": "energy"})


@FUZZ
@given(st.text(max_size=400))
def test_random_text_never_crashes_any_parser(text):
    detect_format(text)
    parse_ics(text, **WINDOW)
    parse_daylio(text, {"work": None})
    parse_mapped_csv(text, {"date": "a", "hours": "b"}, activities={})


@FUZZ
@given(mutated(VALID_ICS_LINES, ICS_FRAGMENTS))
def test_damaged_calendars_yield_events_or_located_problems(text):
    result = parse_ics(text, **WINDOW)
    for problem in result.problems:
        assert problem.field and (problem.line is not None or problem.uid is not None or problem.field in {"window", "RRULE", "VCALENDAR"})


@FUZZ
@given(mutated(DAYLIO_LINES, ["2025-02-30,,,25:00,rad,,,", '"unterminated', ",,,,,,,,,,,", "\x00"]))
def test_damaged_daylio_exports_yield_records_or_located_problems(text):
    result = parse_daylio(text, {"work": None, "coding": "building", "meeting": "meetings"})
    assert all(p.line is not None for p in result.problems)


@FUZZ
@given(st.text(max_size=80))
def test_option_strings_never_crash(spec):
    parse_column_mapping(spec)
    parse_mood_scale(spec)


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12))
def test_arbitrary_rule_data_is_validated_not_crashed(data):
    rules, problems = rules_from_data(data)
    assert isinstance(problems, list)
