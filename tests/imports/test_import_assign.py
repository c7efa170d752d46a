"""Assigning activities to imported events: remembered choices, rules, classifier, person."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tests.imports.ics_factory import BERLIN, calendar, event, weekly_one_to_one

from ownpath.analytics.activity_rules import default_rules
from ownpath.analytics.text_classifier import TextClassifier, builtin_examples
from ownpath.imports.assign import classify_events, classify_records, group_unassigned, title_key
from ownpath.imports.parsers.ics import parse_ics
from ownpath.imports.parsers.records import EpisodeRecord

SPRING = dict(window_start=date(2025, 3, 1), window_end=date(2025, 4, 30))


def test_rules_assign_calendar_events_and_mark_the_source():
    events = parse_ics(weekly_one_to_one(), **SPRING).events
    records = classify_events(events, default_rules())
    by_title = {r.title: (r.activity, r.activity_source) for r in records}
    assert by_title["1:1 Alex / Sam"] == ("managing", "rule")
    assert by_title["Product demo for Acme"] == ("selling", "rule")


def test_remembered_choice_for_a_series_wins_over_rules():
    events = parse_ics(weekly_one_to_one(), **SPRING).events
    records = classify_events(events, default_rules(), remembered={"ics:weekly-1on1@example.com": "coaching"})
    assert {r.activity for r in records if r.series_id} == {"coaching"}


def test_unclassifiable_events_are_grouped_by_title_for_the_person():
    start = datetime(2025, 3, 3, 9, 0, tzinfo=BERLIN)
    events = [event(f"x{i}@x", "Zorblax", start + timedelta(days=i), start + timedelta(days=i, hours=2)) for i in range(3)]
    events.append(event("y@x", "Quux", start, start + timedelta(hours=1)))
    parsed = parse_ics(calendar(*events), **SPRING).events
    records = classify_events(parsed, default_rules(), TextClassifier().fit(builtin_examples()))
    groups = group_unassigned(records)
    assert [(g.title, len(g.records), g.hours) for g in groups] == [("Zorblax", 3, 6.0), ("Quux", 1, 1.0)]


def test_rows_without_activity_get_one_from_their_title():
    records = [EpisodeRecord(date=date(2025, 3, 3), title="Sprint retro"), EpisodeRecord(date=date(2025, 3, 3), title="???")]
    classify_records(records, default_rules())
    assert [r.activity for r in records] == ["meetings", None]


def test_title_keys_ignore_case_and_spacing():
    assert title_key("  Weekly  SYNC ") == title_key("weekly sync")
