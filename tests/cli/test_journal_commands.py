"""The journal commands as a person uses them: exit status, messages, nothing written on errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.journal.models import Episode

pytestmark = pytest.mark.django_db


def test_activities_lists_the_builtin_taxonomy_as_json(cli):
    result = cli("activities", "--json")
    assert result.exit_code == 0
    slugs = {row["activity"] for row in json.loads(result.output)}
    assert {"selling", "managing", "research", "travel"} <= slugs


def test_log_then_journal_shows_the_entry(cli):
    result = cli("log", "presenting", "--hours", "1.5", "--energy", "+2", "--skill", "5", "--engagement", "9",
                 "--note", "all-hands talk", "--with", "Priya", "--growth", "--date", "2026-11-02")
    assert result.exit_code == 0, result.output
    entries = json.loads(cli("journal", "--json").output)
    assert entries[0] | {"uuid": None} == {
        "uuid": None, "date": "2026-11-02", "start": None, "activity": "presenting", "hours": 1.5, "energy": 2,
        "skill": 5, "engagement": 9, "growth": True, "off_clock": False, "with": "Priya", "note": "all-hands talk",
        "source": "", "external_id": "", "where": "", "tools": "", "flow": False}


def test_log_accepts_negative_energy_and_required_work(cli):
    result = cli("log", "admin", "--hours", "1", "--energy", "-2", "--required")
    assert result.exit_code == 0, result.output
    assert Episode.objects.get().growth is False


def test_journal_since_filters_older_entries(cli):
    cli("log", "research", "--hours", "1", "--energy", "1", "--date", "2026-10-01")
    cli("log", "research", "--hours", "1", "--energy", "1", "--date", "2026-11-01")
    assert [e["date"] for e in json.loads(cli("journal", "--since", "2026-10-15", "--json").output)] == ["2026-11-01"]


def test_log_unknown_activity_exits_2_naming_the_closest(cli):
    result = cli("log", "reserch", "--hours", "1", "--energy", "1")
    assert result.exit_code == 2
    assert "did you mean research" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert Episode.objects.count() == 0


@pytest.mark.parametrize("option,value,field", [
    ("--energy", "3", "energy"), ("--hours", "0", "hours"), ("--hours", "24.5", "hours"),
    ("--skill", "6", "skill"), ("--engagement", "11", "engagement"), ("--date", "2026-02-30", "date"),
])
def test_log_out_of_range_exits_2_naming_field_and_range(cli, option, value, field):
    args = {"--hours": "1", "--energy": "1"} | {option: value}
    result = cli("log", "research", *[x for pair in args.items() for x in pair])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {field}:")
    assert Episode.objects.count() == 0


def test_export_then_import_round_trip_through_files(cli, tmp_path, django_user_model):
    cli("log", "writing", "--hours", "2", "--energy", "1")
    exported = tmp_path / "journal.json"
    assert cli("export", "-o", exported).exit_code == 0
    Episode.objects.all().delete()
    result = cli("import", exported)
    assert result.exit_code == 0 and "imported 1 entry" in result.output
    assert "skipped 1" in cli("import", exported).output


def test_import_of_a_bad_csv_exits_2_and_imports_nothing(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,activity,hours,energy,skill,engagement,growth,with,note\n"
                   "2026-11-02,research,2,1,,,,,\n2026-11-02,research,-1,1,,,,,\n")
    result = cli("import", bad)
    assert result.exit_code == 2
    assert "line 3, field 'hours'" in result.stderr
    assert Episode.objects.count() == 0


def test_import_of_a_file_that_is_not_utf8_exits_2(cli, tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("date,activity,hours,energy\n2026-11-02,research,2,1,caf\xe9\n".encode("latin-1"))
    result = cli("import", bad)
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_settings_sets_the_weekly_target(cli):
    assert cli("settings", "--target-hours", "38", "--json").output.strip() == '{"target_hours_per_week": 38.0}'
    assert cli("settings", "--target-hours", "500").exit_code == 2


def test_demo_persona_journal_is_seeded_and_realistic(local_user):
    from ownpath.demo.services import fill_demo_journal

    end = dt.date(2026, 11, 20)
    first = fill_demo_journal(local_user, "research_analyst", seed=3, end=end)
    snapshot = list(Episode.objects.values_list("date", "activity__slug", "hours", "energy", "skill"))
    fill_demo_journal(local_user, "research_analyst", seed=3, end=end)
    assert list(Episode.objects.values_list("date", "activity__slug", "hours", "energy", "skill")) == snapshot
    assert 150 <= first["imported"] <= 300
    mean = {slug: sum(e for _, s, _, e, _ in snapshot if s == slug) / max(1, sum(1 for r in snapshot if r[1] == slug))
            for slug in ("research", "managing")}
    assert mean["research"] > 0.5 > -0.5 > mean["managing"]


def test_demo_command_shows_insights_and_the_forecast_promotion(cli):
    result = cli("demo", "--weeks", "6")
    assert result.exit_code == 0, result.output
    assert "Insights:" in result.output and "Managing people" in result.output
    assert "somebody" in result.output.lower()


def test_log_refuses_growth_and_required_together(cli):
    result = cli("log", "research", "--hours", "1", "--energy", "1", "--growth", "--required")
    assert result.exit_code == 2
    assert "not both" in result.output and "Traceback" not in result.output
    assert Episode.objects.count() == 0


def test_log_past_24_hours_on_a_date_names_the_days_total(cli):
    assert cli("log", "research", "--hours", "20", "--energy", "1", "--date", "2026-11-02").exit_code == 0
    result = cli("log", "writing", "--hours", "5", "--energy", "1", "--date", "2026-11-02")
    assert result.exit_code == 2
    assert "2026-11-02 would hold 25 h" in result.output


@pytest.mark.parametrize("written, hours", [("90 min", 1.5), ("1h30", 1.5), ("1:30", 1.5), ("45m", 0.75), ("2h", 2.0)])
def test_log_reads_minutes_and_hours_and_minutes(cli, written, hours):
    result = cli("log", "research", "--hours", written, "--energy", "1", "--date", "2026-11-02")
    assert result.exit_code == 0, result.output
    assert Episode.objects.get().hours == hours


def test_log_in_everyday_words_suggests_the_activities_it_sounds_like_and_saves_nothing(cli):
    result = cli("log", "1:1 with junior", "--hours", "1", "--energy", "-1")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "managing (Managing people)" in result.stderr
    assert 'ownpath log ' in result.stderr and '--note "1:1 with junior"' in result.stderr
    assert not Episode.objects.exists()


def test_entry_edit_changes_only_the_fields_given(cli):
    cli("log", "research", "--hours", "2", "--energy", "1", "--note", "survey", "--date", "2026-11-02")
    episode = Episode.objects.get()
    result = cli("entry", "edit", episode.id, "--hours", "90 min", "--energy", "-1")
    assert result.exit_code == 0, result.output
    episode.refresh_from_db()
    assert (episode.hours, episode.energy, episode.note, episode.activity.slug) == (1.5, -1, "survey", "research")


def test_entry_edit_refuses_a_bad_value_and_changes_nothing(cli):
    cli("log", "research", "--hours", "2", "--energy", "1", "--date", "2026-11-02")
    episode = Episode.objects.get()
    result = cli("entry", "edit", episode.id, "--energy", "7")
    assert result.exit_code == 2 and "energy" in result.stderr
    episode.refresh_from_db()
    assert episode.energy == 1


def test_entry_delete_removes_one_entry_and_an_unknown_id_is_an_error(cli):
    cli("log", "research", "--hours", "2", "--energy", "1", "--date", "2026-11-02")
    cli("log", "writing", "--hours", "1", "--energy", "1", "--date", "2026-11-02")
    first = Episode.objects.order_by("id").first()
    result = cli("entry", "delete", first.id, "--yes")
    assert result.exit_code == 0 and "deleted entry" in result.output
    assert list(Episode.objects.values_list("activity__slug", flat=True)) == ["writing"]
    missing = cli("entry", "delete", first.id, "--yes")
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_entry_of_another_person_cannot_be_edited_or_deleted(cli, other_user):
    from ownpath.journal.services import log_episode

    theirs = log_episode(other_user, {"date": "2026-11-02", "activity": "research", "hours": 1, "energy": 1})
    assert cli("entry", "delete", theirs.id, "--yes").exit_code == 2
    assert cli("entry", "edit", theirs.id, "--hours", "3").exit_code == 2
    assert Episode.objects.get(pk=theirs.pk).hours == 1


def test_option_from_journal_takes_the_current_roles_mix_from_recent_weeks(cli):
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    cli("log", "research", "--hours", "6", "--energy", "1", "--date", monday.isoformat())
    cli("log", "writing", "--hours", "2", "--energy", "1", "--date", (monday + dt.timedelta(days=1)).isoformat())
    result = cli("option", "from-journal")
    assert result.exit_code == 0, result.output
    assert "research 6" in result.output and "writing 2" in result.output


def test_the_demo_prints_its_summary_only_after_every_entry_is_written(local_user):
    # The workplace moves admin entries to research (the persona kept to an agreement); the
    # printed insights and comparison must be those of the journal the web app then shows.
    from typer.testing import CliRunner

    from ownpath.analytics.plain_words import signed
    from ownpath.cli.main import app
    from ownpath.insights.services import build_insights
    from ownpath.options.services import compare_json

    result = CliRunner().invoke(app, ["demo", "--weeks", "8"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    final = build_insights(local_user)
    lines = result.output.splitlines()
    for row in final["activities"]:
        energy = row["energy"]
        shown = f"{signed(energy['estimate'], 1)} [{signed(energy['low'], 1)}, {signed(energy['high'], 1)}]"
        assert any(row["label"] in line and energy["words"] in line and shown in line for line in lines), row["label"]
    promotion = compare_json(local_user)["options"][0]
    assert promotion["explanation"].split(".")[0] in result.output.replace("\n", " ")
