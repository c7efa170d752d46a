"""Format detection from content."""

from __future__ import annotations

import json

from tests.imports.ics_factory import weekly_one_to_one

from ownpath.imports.parsers.detect import detect_format


def test_calendar_is_detected_even_with_bom_and_leading_blank_lines():
    assert detect_format(b"\xef\xbb\xbf\r\n" + weekly_one_to_one()) == ("ics", [])


def test_daylio_exports_old_and_new_are_detected():
    assert detect_format(b"full_date,date,weekday,time,mood,activities,note_title,note\n")[0] == "daylio"
    assert detect_format(b"year,date,weekday,time,mood,activities,note\n")[0] == "daylio"


def test_ownpath_csv_and_json_are_detected():
    header = b"date,activity,hours,energy,skill,engagement,growth,with,note\n"
    assert detect_format(header)[0] == "ownpath-csv"
    assert detect_format(json.dumps({"format": "ownpath", "episodes": []}).encode())[0] == "ownpath-json"


def test_other_csv_is_generic_and_garbage_is_a_problem():
    assert detect_format(b"Day;Task;Mood\n2025-01-01;x;3\n")[0] == "csv"
    fmt, problems = detect_format(b"just some words")
    assert fmt is None and problems[0].line == 1
    fmt, problems = detect_format(b'{"hello": 1}')
    assert fmt is None and problems[0].field == "json"
    fmt, problems = detect_format(b"{broken", "x.json")
    assert fmt is None


def test_empty_and_undecodable_files_are_problems():
    assert detect_format(b"")[0] is None
    assert detect_format(b"a,b\n\xff\xfe\xfa")[1][0].field == "encoding"
