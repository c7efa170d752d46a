"""Export and import: lossless JSON, the documented CSV, all-or-nothing with line numbers."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ownpath.errors import ImportRejected, UserInputError
from ownpath.journal.models import Episode
from ownpath.journal.services import add_activity, export_journal, import_journal, log_episode
from ownpath.journal.transfer import CSV_HEADER
from ownpath.taxonomy import BUILTIN_SLUGS

pytestmark = pytest.mark.django_db

printable = st.characters(blacklist_categories=("Cs", "Cc"))
episode_inputs = st.fixed_dictionaries(
    {
        "date": st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 11, 1)).map(str),
        "activity": st.sampled_from(BUILTIN_SLUGS + ("podcasting",)),
        "hours": st.floats(min_value=0.01, max_value=24, allow_nan=False),
        "energy": st.integers(-2, 2),
    },
    optional={
        "skill": st.integers(1, 5),
        "engagement": st.integers(0, 10),
        "growth": st.sampled_from([True, False, None]),
        "off_clock": st.booleans(),
        "with": st.text(printable, max_size=30).map(str.strip),
        "note": st.text(printable | st.sampled_from("\n\t\r"), max_size=80).map(str.strip),
        "start": st.times().map(lambda t: t.replace(microsecond=0).isoformat()),
    },
)


def within_day_limit(entries: list[dict]) -> list[dict]:
    """The entries that fit: no date holds more than 24 hours (the journal refuses more)."""
    totals: dict[str, float] = {}
    kept = []
    for raw in entries:
        if totals.get(raw["date"], 0) + raw["hours"] <= 24:
            totals[raw["date"]] = totals.get(raw["date"], 0) + raw["hours"]
            kept.append(raw)
    return kept


def journal_snapshot(user) -> list[dict]:
    rows = json.loads(export_journal(user, "json"))
    return sorted(rows["episodes"], key=lambda e: e["uuid"]) + [rows["activities"], rows["settings"]]


class TestRoundTrip(HypothesisTestCase):
    """Property: re-importing a JSON export into an empty journal gives the same journal."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(entries=st.lists(episode_inputs, max_size=8).map(within_day_limit))
    def test_json_export_then_import_into_empty_journal_is_lossless(self, entries):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects
        source, target = users.create_user("source"), users.create_user("target")
        add_activity(source, "podcasting", "Recording podcasts", "Audio shows")
        for raw in entries:
            log_episode(source, raw)
        exported = export_journal(source, "json")
        import_journal(target, exported)
        assert journal_snapshot(target) == journal_snapshot(source)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(entries=st.lists(episode_inputs.filter(lambda r: r["activity"] != "podcasting"), max_size=8)
           .map(within_day_limit))
    def test_csv_export_then_import_keeps_every_csv_field(self, entries):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects
        source, target = users.create_user("source"), users.create_user("target")
        for raw in entries:
            log_episode(source, raw)
        exported = export_journal(source, "csv")
        import_journal(target, exported, "csv")
        assert export_journal(target, "csv") == exported


def test_control_characters_in_a_note_are_refused(user):
    with pytest.raises(UserInputError, match="control characters"):
        log_episode(user, {"date": "2026-11-02", "activity": "research", "hours": 1, "energy": 0, "note": "a\x00b"})


def test_csv_export_has_the_documented_header(user, episode_factory):
    episode_factory()
    assert export_journal(user, "csv").splitlines()[0] == ",".join(CSV_HEADER)


def test_importing_the_same_json_twice_adds_nothing(user, other_user, episode_factory):
    episode_factory()
    exported = export_journal(user, "json")
    assert import_journal(other_user, exported)["imported"] == 1
    assert import_journal(other_user, exported) == {"imported": 0, "skipped_duplicates": 1, "activities_created": 0}


def test_csv_import_with_bad_rows_imports_nothing_and_names_every_row_and_field(user):
    text = "\n".join([
        ",".join(CSV_HEADER),
        "2026-11-02,research,2,1,4,,growth,,fine",
        "2026-11-02,research,2,5,,,,,energy too high",
        "2026-11-03,reserch,2,1,,,,,typo",
        "2026-13-03,writing,0,1,9,,,,bad date hours skill",
    ])
    with pytest.raises(ImportRejected) as rejected:
        import_journal(user, text, "csv")
    problems = {(p.line, p.field) for p in rejected.value.problems}
    assert problems == {(3, "energy"), (4, "activity"), (5, "date"), (5, "hours"), (5, "skill")}
    assert "did you mean research" in rejected.value.message
    assert Episode.objects.count() == 0


def test_csv_import_refuses_a_file_without_the_required_columns(user):
    with pytest.raises(ImportRejected, match="energy"):
        import_journal(user, "date,activity,hours\n2026-11-02,research,2\n", "csv")


def test_json_import_names_the_line_of_each_bad_episode(user, episode_factory):
    episode_factory()
    episode_factory(activity="writing")
    document = json.loads(export_journal(user, "json"))
    document["episodes"][1]["energy"] = 7
    text = export_journal(user, "json").replace('"energy": 1}', '"energy": 1}', 1)
    lines = text.splitlines()
    bad_line = next(i for i, line in enumerate(lines, 1) if '"writing"' in line)
    lines[bad_line - 1] = lines[bad_line - 1].replace('"energy": 1', '"energy": 7')
    Episode.objects.all().delete()
    with pytest.raises(ImportRejected) as rejected:
        import_journal(user, "\n".join(lines), "json")
    assert [(p.line, p.field) for p in rejected.value.problems] == [(bad_line, "energy")]
    assert Episode.objects.count() == 0


def test_json_import_refuses_files_that_are_not_ownpath_exports(user):
    with pytest.raises(ImportRejected, match="not an ownpath journal export"):
        import_journal(user, '{"hello": 1}', "json")
    with pytest.raises(ImportRejected, match="line 2"):
        import_journal(user, '{\n "format": ,\n}', "json")


@pytest.mark.parametrize("field, value", [("label", 7), ("description", ["x"]), ("gwa_ids", "4.A.1")])
def test_json_import_with_a_non_text_activity_field_names_its_line(user, field, value):
    from tests.imports.helpers import import_file

    document = {"format": "ownpath-journal", "version": 1,
                "activities": [{"slug": "podcasting", "label": "Podcasts", field: value}],
                "episodes": [{"date": "2026-11-02", "activity": "podcasting", "hours": 1, "energy": 1}]}
    text = json.dumps(document, indent=1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"slug"' in row) - 1
    with pytest.raises(ImportRejected) as rejected:
        import_file(user, text.encode(), "journal.json")
    assert [(p.line, p.field) for p in rejected.value.problems] == [(line, field)]
    assert Episode.objects.count() == 0
