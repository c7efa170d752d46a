"""Daylio CSV export: moods to energy, Daylio activities through a confirmed mapping."""

from __future__ import annotations

import csv
import io
from datetime import date, time

from ownpath.imports.parsers.daylio import (
    DEFAULT_MOOD_SCALE,
    activity_names,
    parse_daylio,
    parse_mood_scale,
    read_daylio,
)

HEADER = ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]


def daylio_csv(rows, header=HEADER) -> bytes:
    """A Daylio-style export: newest first, every field quoted, activities joined by ' | '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


EXPORT = daylio_csv([
    ["2025-03-12", "March 12", "Wednesday", "8:30 pm", "rad", "work | coding | friends", "Shipped it", "Release went out<br>no bugs"],
    ["2025-03-11", "March 11", "Tuesday", "18:05", "awful", "work | meeting", "", "Three hours of status meetings"],
    ["2025-03-10", "March 10", "Monday", "07:15", "meh", "family | movies & tv", "", ""],
])
MAPPING = {"work": None, "coding": "building", "meeting": "meetings", "friends": None, "family": None,
           "movies & tv": None}


def test_moods_map_to_energy_with_the_default_scale():
    entries, problems = read_daylio(EXPORT)
    assert not problems
    assert [e.energy for e in entries] == [2, -2, 0]
    assert DEFAULT_MOOD_SCALE == {"rad": 2, "good": 1, "meh": 0, "bad": -1, "awful": -2}


def test_times_in_twelve_and_twenty_four_hour_form_are_read():
    entries, _ = read_daylio(EXPORT)
    assert [e.time for e in entries] == [time(20, 30), time(18, 5), time(7, 15)]


def test_activities_are_split_on_pipes_and_counted_for_the_mapping():
    entries, _ = read_daylio(EXPORT)
    assert entries[0].activities == ["work", "coding", "friends"]
    assert activity_names(entries)["work"] == 2


def test_each_mapped_work_activity_becomes_an_episode_and_leisure_is_skipped():
    result = parse_daylio(EXPORT, MAPPING)
    assert result.ok, result.problems
    assert [(r.date, r.activity, r.energy) for r in result.records] == [
        (date(2025, 3, 12), "building", 2), (date(2025, 3, 11), "meetings", -2)]
    assert result.records[0].note == "Shipped it\nRelease went out\nno bugs"
    assert len(result.skipped) == 1


def test_unmapped_daylio_activity_is_a_problem_with_line():
    result = parse_daylio(EXPORT, {"work": None})
    assert not result.ok
    assert {(p.line, p.field) for p in result.problems} == {(2, "activities"), (3, "activities"), (4, "activities")}
    assert "coding" in str(result.problems[0])


def test_custom_mood_names_need_a_scale_and_unknown_moods_are_problems():
    data = daylio_csv([["2025-03-12", "March 12", "Wednesday", "20:30", "super", "coding", "", ""]])
    result = parse_daylio(data, MAPPING)
    assert [(p.line, p.field) for p in result.problems] == [(2, "mood")]
    scale, problems = parse_mood_scale("super=2, fine=0")
    assert not problems
    assert parse_daylio(data, MAPPING, mood_scale=scale).records[0].energy == 2


def test_mood_scale_rejects_values_outside_minus_two_to_two():
    _, problems = parse_mood_scale("great=5,ok")
    assert len(problems) == 2


def test_bad_dates_and_times_are_reported_by_line_and_field():
    data = daylio_csv([
        ["2025-02-30", "Feb 30", "Sunday", "20:30", "good", "coding", "", ""],
        ["2025-03-01", "March 1", "Saturday", "25:99", "good", "coding", "", ""],
    ])
    result = parse_daylio(data, MAPPING)
    assert [(p.line, p.field) for p in result.problems] == [(2, "full_date"), (3, "time")]
    assert result.records == []


def test_multi_line_notes_keep_line_numbers_right():
    data = daylio_csv([
        ["2025-03-02", "March 2", "Sunday", "20:30", "good", "coding", "", "line one\nline two\nline three"],
        ["2025-03-01", "March 1", "Saturday", "20:30", "nope", "coding", "", ""],
    ])
    result = parse_daylio(data, MAPPING)
    assert [(p.line, p.field) for p in result.problems] == [(5, "mood")]


def test_newer_export_with_scales_column_and_bom_is_read():
    header = ["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"]
    data = b"\xef\xbb\xbf" + daylio_csv([["2025-03-02", "March 2", "Sunday", "09:00", "good", "meeting", "", "", ""]], header)
    result = parse_daylio(data, MAPPING)
    assert result.ok and result.records[0].activity == "meetings"


def test_re_export_gives_the_same_external_ids():
    first = [r.external_id for r in parse_daylio(EXPORT, MAPPING).records]
    assert first == [r.external_id for r in parse_daylio(EXPORT, MAPPING).records]
    assert len(set(first)) == len(first)


def test_wrong_encoding_is_a_problem():
    data = "full_date,date,weekday,time,mood,activities,note_title,note\n2025-03-02,,,09:00,good,café,,\n".encode("cp1252")
    entries, problems = read_daylio(data)
    assert problems[0].field == "encoding" and problems[0].line == 2
