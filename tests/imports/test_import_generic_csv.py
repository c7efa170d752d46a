"""Any spreadsheet CSV through a column mapping (--map date=Day,energy=Mood,...)."""

from __future__ import annotations

from datetime import date, time

import pytest

from ownpath.imports.parsers.spreadsheet import parse_column_mapping, parse_mapped_csv, parse_range

SHEET = (
    "Day;Task;Duration;Mood;Notes\n"
    "2025-03-03;Coding;1.5;5;Refactor\n"
    "2025-03-04;Meetings & coordination;0:45;1;\"Long, dull\nsync\"\n"
    "2025-03-05;Standup;15m;3;\n"
).encode()
KNOWN = {"building": "building", "meetings": "meetings", "meetings & coordination": "meetings"}


def mapping(spec):
    result, problems = parse_column_mapping(spec)
    assert not problems
    return result


def test_columns_are_read_through_the_mapping_with_energy_rescaled():
    result = parse_mapped_csv(
        SHEET, mapping("date=Day,activity=Task,hours=Duration,energy=Mood,note=Notes"),
        activities=KNOWN, activity_names={"coding": "building", "standup": "meetings"}, energy_range=(1, 5))
    assert result.ok, result.problems
    assert [(r.date, r.activity, r.hours, r.energy) for r in result.records] == [
        (date(2025, 3, 3), "building", 1.5, 2), (date(2025, 3, 4), "meetings", 0.75, -2),
        (date(2025, 3, 5), "meetings", 0.25, 0)]
    assert result.records[1].note == "Long, dull\nsync"


def test_unknown_activity_and_out_of_range_energy_are_located():
    result = parse_mapped_csv(SHEET, mapping("date=Day,activity=Task,energy=Mood"), activities=KNOWN)
    located = [(p.line, p.field) for p in result.problems]
    assert (2, "activity") in located and (2, "energy") in located and (5, "activity") in located  # row 4 starts on line 5


def test_mapping_to_a_missing_column_names_the_header():
    result = parse_mapped_csv(SHEET, mapping("date=Datum"))
    assert result.problems[0].field == "date" and "Day" in result.problems[0].message


def test_mapping_spec_rejects_unknown_and_duplicate_fields():
    _, problems = parse_column_mapping("date=Day,mood=Mood,date=Other,broken")
    assert len(problems) == 3


def test_date_format_and_datetime_cells_are_supported():
    data = b"When,What\n03/02/2025 14:30,x\n"
    result = parse_mapped_csv(data, mapping("date=When,title=What"), date_format="%d/%m/%Y %H:%M")
    assert result.records[0].date == date(2025, 2, 3) and result.records[0].start == time(14, 30)
    iso = parse_mapped_csv(b"When,What\n2025-02-03T09:15:00Z,x\n", mapping("date=When,title=What"))
    assert iso.records[0].start == time(9, 15)


def test_rows_without_activity_column_stay_unassigned_for_classification():
    result = parse_mapped_csv(b"Day,Title\n2025-03-03,Quarterly planning\n", mapping("date=Day,title=Title"))
    assert result.records[0].activity is None and result.records[0].title == "Quarterly planning"


def test_identical_rows_are_kept_with_distinct_stable_ids():
    data = b"Day,Title\n2025-03-03,x\n2025-03-03,x\n"
    ids = [r.external_id for r in parse_mapped_csv(data, mapping("date=Day,title=Title")).records]
    assert len(set(ids)) == 2
    assert ids == [r.external_id for r in parse_mapped_csv(data, mapping("date=Day,title=Title")).records]


def test_ragged_rows_and_bad_quotes_are_problems_not_crashes():
    ragged = parse_mapped_csv(b"Day,Title\n2025-03-03,x,extra,more\n", mapping("date=Day"))
    assert [(p.line, p.field) for p in ragged.problems] == [(2, "row")]
    quotes = parse_mapped_csv(b'Day,Title\n2025-03-03,"x"y\n', mapping("date=Day"))
    assert quotes.problems and quotes.problems[0].line == 2


def test_cp1252_spreadsheet_needs_an_explicit_encoding():
    data = "Day,Title\n2025-03-03,Café\n".encode("cp1252")
    assert parse_mapped_csv(data, mapping("date=Day,title=Title")).problems[0].field == "encoding"
    result = parse_mapped_csv(data, mapping("date=Day,title=Title"), encoding="cp1252")
    assert result.records[0].title == "Café"


def test_energy_range_parsing():
    assert parse_range("1..5") == ((1.0, 5.0), [])
    assert parse_range("0-10")[0] == (0.0, 10.0)
    assert parse_range("5..1")[0] is None


@pytest.mark.parametrize("spec", ["1,5", "1..5", "1-5", "1:5", " 1 .. 5 ", "1 to 5"])
def test_energy_range_accepts_the_usual_ways_to_write_it(spec):
    assert parse_range(spec) == ((1.0, 5.0), [])


def test_energy_range_accepts_negative_ends_and_refuses_nonsense():
    assert parse_range("-2..2")[0] == (-2.0, 2.0)
    assert parse_range("-2-2")[0] == (-2.0, 2.0)
    assert parse_range("one to five")[0] is None
