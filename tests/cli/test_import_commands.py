"""`ownpath import`, `rules`, `daylio-mapping` and `rate` as a person uses them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.imports.models import PendingEvent
from ownpath.journal.models import Episode
from tests.imports.ics_factory import BERLIN, calendar, event, weekly_one_to_one
from tests.imports.test_import_daylio import EXPORT as DAYLIO_EXPORT

pytestmark = pytest.mark.django_db
SPRING = ("--since", "2025-03-01", "--until", "2025-04-30", "--tz", "Europe/Berlin")


@pytest.fixture
def calendar_file(tmp_path):
    path = tmp_path / "work.ics"
    path.write_bytes(weekly_one_to_one())
    return path


def test_import_calendar_shows_preview_and_summary_then_waits_for_ratings(cli, calendar_file):
    result = cli("import", calendar_file, *SPRING)
    assert result.exit_code == 0, result.output
    assert "Preview (ics)" in result.output and "Managing people" in result.output
    assert "all-day event" in result.output
    assert "imported 0 entries, 5 waiting for your rating" in result.output
    assert "skipped 5 already in your journal" in cli("import", calendar_file, *SPRING).output


def test_dry_run_saves_nothing(cli, calendar_file):
    result = cli("import", calendar_file, "--dry-run", *SPRING)
    assert result.exit_code == 0 and "dry run" in result.output
    assert PendingEvent.objects.count() == 0


def test_an_unreadable_calendar_event_is_left_out_naming_its_uid_line_and_field(cli, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:mars@x\r\n"
                    b"DTSTART;TZID=Mars/Olympus:20250310T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = cli("import", bad, "--since", "2025-03-01", "--until", "2025-03-31")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "event UID mars@x (line 4): cannot be read (DTSTART: unknown time zone" in result.output


def test_a_file_that_is_not_a_calendar_still_exits_2_with_its_line(cli, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis is not ical\r\nEND:VCALENDAR\r\n")
    result = cli("import", bad)
    assert result.exit_code == 2 and "line 3" in result.stderr and "Traceback" not in result.output


def test_rate_last_week_rates_each_series_once(cli, calendar_file):
    cli("import", calendar_file, *SPRING)
    # Week of 14 April holds one 1:1 occurrence; the demo is outside it.
    result = cli("rate", "--week", "2025-04-14", input="-1/4\n")
    assert result.exit_code == 0, result.output
    assert "rated 1 entry" in result.output
    assert list(Episode.objects.values_list("energy", "skill", "activity__slug")) == [(-1, 4, "managing")]
    # Earlier weeks of the same series are rated from memory, without a question.
    result = cli("rate", "--all", input="q\n")
    assert "rated -1 as before" in result.output
    assert Episode.objects.filter(activity__slug="managing").count() == 4


def test_rate_can_mark_not_work_skip_and_stop(cli, tmp_path):
    start = dt.datetime(2025, 3, 3, 12, tzinfo=BERLIN)
    path = tmp_path / "c.ics"
    path.write_bytes(calendar(event("lunch@x", "Lunch", start, start + dt.timedelta(hours=1)),
                              event("zz@x", "Zorblax", start + dt.timedelta(hours=2), start + dt.timedelta(hours=3))))
    cli("import", path, *SPRING)
    result = cli("rate", "--all", input="x\n2\nresearch\n")
    assert result.exit_code == 0, result.output
    assert PendingEvent.objects.count() == 0
    assert list(Episode.objects.values_list("activity__slug", "energy")) == [("research", 2)]


def test_daylio_import_asks_for_the_mapping_once(cli, tmp_path):
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(DAYLIO_EXPORT)
    refused = cli("import", path)
    assert refused.exit_code == 2 and "Daylio" in refused.stderr and "coding" in refused.stderr
    assert Episode.objects.count() == 0
    assert cli("daylio-mapping", "work=-", "coding=building", "meeting=meetings", "friends=-", "family=-",
               "movies & tv=-").exit_code == 0
    result = cli("import", path)
    assert result.exit_code == 0, result.output
    assert "imported 2 entries" in result.output and "no durations" in result.output


def test_daylio_mapping_and_mood_scale_can_be_shown_and_changed(cli):
    result = cli("daylio-mapping", "coding=building", "--mood-scale", "great=2,ok=0,awful=-2")
    assert "coding = building" in result.output and "great=+2" in result.output
    assert cli("daylio-mapping", "coding=nonsense").exit_code == 2
    assert cli("daylio-mapping", "--mood-scale", "great=9").exit_code == 2


def test_spreadsheet_import_with_column_mapping(cli, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Day;Task;Mood\n2025-03-03;Coding;4\n")
    missing = cli("import", path)
    assert missing.exit_code == 2 and "--map" in missing.stderr
    result = cli("import", path, "--map", "date=Day,activity=Task,energy=Mood", "--energy-range", "1..5",
                 "--hours", "2", "--map-activity", "coding=building")
    assert result.exit_code == 0, result.output
    assert list(Episode.objects.values_list("activity__slug", "energy", "hours")) == [("building", 1, 2.0)]


def test_rules_commands_list_add_test_remove_and_reset(cli, tmp_path):
    assert cli("rules").exit_code == 0
    assert cli("rules", "add", "customers", "-k", "acme", "--name", "Acme account").exit_code == 0
    rules = json.loads(cli("rules", "--json").output)
    assert rules[0] == {"activity": "customers", "name": "Acme account", "keywords": ["acme"]}
    assert "rule 1 → customers" in cli("rules", "test", "Acme quarterly review").output
    assert "classifier:" in cli("rules", "test", "write the report").output
    assert cli("rules", "add", "astrology", "-k", "stars").exit_code == 2
    assert cli("rules", "remove", "1").exit_code == 0
    saved = tmp_path / "rules.json"
    saved.write_text(json.dumps([{"activity": "admin", "keywords": ["expenses"]}]))
    assert "loaded 1 rule\n" in cli("rules", "load", saved).output
    assert "default rules" in cli("rules", "reset").output


def test_unknown_format_and_missing_file_exit_2(cli, tmp_path):
    assert cli("import", tmp_path / "nope.ics").exit_code == 2
    garbage = tmp_path / "x.txt"
    garbage.write_text("hello")
    result = cli("import", garbage)
    assert result.exit_code == 2 and "not a recognised format" in result.stderr


def test_import_encoding_works_with_format_detection(cli, tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes("date,activity,hours,energy,note\n2025-03-03,research,2,1,Café with Zoë\n".encode("cp1252"))
    result = cli("import", path, "--encoding", "cp1252", "--yes")
    assert result.exit_code == 0, result.output
    assert Episode.objects.get().note == "Café with Zoë"


def test_import_encoding_works_with_a_column_map(cli, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes("Day;Task;Hours;Mood;Notes\n2025-03-03;research;2;4;Résumé\n".encode("cp1252"))
    result = cli("import", path, "--encoding", "cp1252", "--map", "date=Day,activity=Task,hours=Hours,energy=Mood,"
                 "note=Notes", "--energy-range", "1,5", "--yes")
    assert result.exit_code == 0, result.output
    assert Episode.objects.get().note == "Résumé"


def test_rules_list_lists_the_rules(cli):
    result = cli("rules", "list", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(cli("rules", "--json").output)


def test_import_refuses_a_file_over_the_size_limit_before_reading_it(cli, tmp_path, monkeypatch):
    from ownpath.imports import limits

    monkeypatch.setattr(limits, "MAX_IMPORT_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("date,activity,hours,energy\n" + "2025-03-03,research,1,1\n" * 10)
    result = cli("import", path)
    assert result.exit_code == 2
    assert "big.csv: the file holds" in result.output and "an import may hold" in result.output


def test_rules_load_refuses_deeply_nested_json_in_one_line(cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = cli("rules", "load", path)
    assert result.exit_code == 2 and "nested too deep" in result.output
