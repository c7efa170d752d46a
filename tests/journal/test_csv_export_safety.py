"""CSV export: no cell a spreadsheet would run as a formula, a stable id per row, and a lossless round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from ownpath.errors import ImportRejected
from tests.imports.helpers import import_file
from ownpath.journal.models import Episode
from ownpath.journal.services import add_activity, export_journal

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)
HOSTILE = ["=HYPERLINK(\"http://x.test\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "'quoted", "plain", "a=b"]


def test_csv_export_neutralises_formula_leading_text_cells(user, episode_factory):
    for number, text in enumerate(HOSTILE):
        episode_factory(date=DAY - dt.timedelta(days=number), note=text, with_whom=text)
    rows = list(csv.DictReader(io.StringIO(export_journal(user, "csv"))))
    for row in rows:
        for name in ("note", "with"):
            assert not row[name].startswith(("=", "+", "-", "@", "\t", "\r")), row[name]
    notes = {row["note"] for row in rows}
    assert "'=HYPERLINK(\"http://x.test\",\"click\")" in notes and "'+1+1" in notes and "''quoted" in notes
    assert "plain" in notes and "a=b" in notes


def test_csv_export_keeps_numbers_as_numbers_and_neutralises_activity_slugs(user, episode_factory):
    add_activity(user, "-sum", "Odd slug")
    episode_factory(date=DAY, activity="-sum", energy=-2)
    [row] = list(csv.DictReader(io.StringIO(export_journal(user, "csv"))))
    assert row["energy"] == "-2" and row["activity"] == "'-sum"


def test_json_export_stays_lossless_for_formula_leading_text(user, episode_factory):
    episode_factory(date=DAY, note="=1+2", with_whom="@team")
    [entry] = json.loads(export_journal(user, "json"))["episodes"]
    assert (entry["note"], entry["with"]) == ("=1+2", "@team")


def test_reimporting_our_own_csv_export_restores_the_text_into_an_empty_journal(user, other_user, episode_factory):
    for number, text in enumerate(HOSTILE):
        episode_factory(date=DAY - dt.timedelta(days=number), note=text, with_whom=text[:200])
    import_file(other_user, export_journal(user, "csv").encode(), "journal.csv")
    mine = sorted(Episode.objects.filter(user=user).values_list("date", "note", "with_whom", "uuid"))
    theirs = sorted(Episode.objects.filter(user=other_user).values_list("date", "note", "with_whom", "uuid"))
    assert theirs == mine


def test_reimporting_our_own_csv_export_adds_nothing(user, episode_factory):
    episode_factory(date=DAY, note="=1+2")
    episode_factory(date=DAY - dt.timedelta(days=1))
    summary = import_file(user, export_journal(user, "csv").encode(), "journal.csv")
    assert summary["imported"] == 0 and summary["skipped_duplicates"] == 2
    assert Episode.objects.filter(user=user).count() == 2


def test_reimporting_a_csv_without_ids_skips_entries_with_the_same_content(user, episode_factory):
    episode_factory(date=DAY, hours=1, note="standup")
    episode_factory(date=DAY, hours=1, note="standup")
    data = ("date,activity,hours,energy,note\n"
            "2026-03-02,research,1,1,standup\n2026-03-02,research,1,1,standup\n2026-03-02,research,1,1,standup\n")
    summary = import_file(user, data.encode(), "old-export.csv")
    assert (summary["imported"], summary["skipped_duplicates"]) == (1, 2)  # two held, one new
    assert Episode.objects.filter(user=user).count() == 3


def test_hand_made_csv_without_ids_keeps_a_leading_quote(user):
    import_file(user, b"date,activity,hours,energy,note\n2026-03-02,research,1,1,'tis the season\n", "mine.csv")
    assert Episode.objects.get(user=user).note == "'tis the season"


def test_a_bad_id_in_our_csv_is_refused_with_its_line(user):
    data = b"date,activity,hours,energy,note,id\n2026-03-02,research,1,1,x,not-a-uuid\n"
    with pytest.raises(ImportRejected) as refused:
        import_file(user, data, "journal.csv")
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "uuid")]
