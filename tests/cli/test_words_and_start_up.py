"""What the commands say: numbers agree with their nouns, errors name the file, nothing happens silently;
and `ownpath --help` starts without the analytics' heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ownpath.analytics.plain_words import counted, entries_word
from ownpath.occupations import services as occupation_services
from ownpath.options.models import Option

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_counted_words_agree_with_their_number():
    assert counted(1, "day") == "1 day" and counted(3, "day") == "3 days"
    assert counted(1, "new journal entry", "new journal entries") == "1 new journal entry"
    assert counted(1.0, "hour") == "1 hour" and counted(2.5, "hour") == "2.5 hours"
    assert entries_word(0) == "0 entries"


def test_insights_with_one_entry_says_one_entry_one_hour_one_day(cli):
    cli("log", "research", "--hours", "1", "--energy", "1", "--date", "2026-11-02")
    output = " ".join(cli("insights").output.split())
    assert "1 entry, 1 hour over 1 day." in output


def test_import_preview_says_one_new_journal_entry(cli, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("date,activity,hours,energy\n2026-11-02,research,1,1\n")
    output = cli("import", path, "--dry-run").output
    assert "1 new journal entry," in output and "entries," not in output.split("waiting")[0]


def test_import_errors_are_listed_under_the_files_name(cli, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text("date,activity,hours,energy\n2026-11-02,research,1,9\n")
    result = cli("import", path)
    assert result.exit_code == 2
    assert "error: hours.csv: nothing imported, 1 problem(s):" in result.output
    assert "file:" not in result.output


@pytest.fixture
def onet_loaded():
    from tests.occupations.conftest import FIXTURE_RELEASE

    occupation_services.load_onet_release([FIXTURE_RELEASE], with_pay=False)


def test_option_add_by_title_says_which_occupation_it_matched(cli, onet_loaded):
    result = cli("option", "add", "Regional lead", "--title", "sales manager")
    assert result.exit_code == 0, result.output
    assert "prefilled from Sales Managers (11-2022.00), the occupation best matching 'sales manager'" in result.output


def test_option_add_current_says_which_option_it_demoted(cli):
    assert cli("option", "add", "Analyst", "--mix", "research=20", "--current").exit_code == 0
    result = cli("option", "add", "Lead", "--mix", "managing=20", "--current")
    assert "it is now your current role; 'Analyst' no longer is" in result.output
    assert list(Option.objects.filter(is_current=True).values_list("name", flat=True)) == ["Lead"]


def test_help_starts_without_importing_numpy_or_scipy():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")} | {"PYTHONPATH": str(ROOT / "src")}
    probe = ("import sys; from ownpath.cli.main import app\n"
             "try:\n    app(['--help'], prog_name='ownpath')\nexcept SystemExit:\n    pass\n"
             "print('HEAVY', sorted(m for m in ('numpy', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_log_loads_only_the_journals_commands_not_rich_scipy_or_the_other_areas():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")} | {"PYTHONPATH": str(ROOT / "src")}
    probe = ("import sys; sys.argv = ['ownpath', '--db', 'sqlite:///:memory:', 'log', 'research', '--hours', '1', "
             "'--energy', '1']\n"
             "from ownpath.cli.main import run\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             "print('LOADED', sorted(m for m in ('ownpath.cli.imports', 'ownpath.cli.demo', 'rich.table', 'scipy', "
             "'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert "logged" in result.stdout and result.stdout.strip().splitlines()[-1] == "LOADED []", result.stderr


def test_the_command_is_found_after_the_global_options():
    from ownpath.cli.main import command_of

    assert command_of(["--db", "x.sqlite3", "log", "research"]) == "log"
    assert command_of(["--help"]) is None and command_of(["insights", "--json"]) == "insights"


def _ownpath_process(tmp_path, probe: str) -> subprocess.CompletedProcess:
    """Run a probe in a fresh process with its own data directory (so its own SQLite journal)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")} | {
        "PYTHONPATH": str(ROOT / "src"), "OWNPATH_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=180)


def _run_probe(argv: list[str], modules: tuple[str, ...]) -> str:
    return (f"import sys; sys.argv = ['ownpath', *{argv!r}]\n"
            "from ownpath.cli.main import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "from django.conf import settings\n"
            "print('APPS', sorted(settings.INSTALLED_APPS))\n"
            f"print('LOADED', sorted(m for m in {modules!r} if m in sys.modules))")


LEFT_OUT_OF_LOG = ("pydantic", "rich", "ninja", "django.contrib.sessions.models", "ownpath.options.models",
                   "ownpath.team_planning.models", "ownpath.web", "scipy")


def test_log_on_an_up_to_date_journal_loads_only_the_journals_apps_and_no_pydantic(tmp_path):
    from django.conf import settings

    first = _ownpath_process(tmp_path, _run_probe(["log", "research", "--hours", "1", "--energy", "1"], ()))
    assert "logged" in first.stdout, first.stderr  # a new journal: migrated with every app
    result = _ownpath_process(tmp_path, _run_probe(
        ["log", "research", "--hours", "90 min", "--energy", "+1", "--with", "Sam"],
        (*LEFT_OUT_OF_LOG, "ownpath.sharing.signals")))
    lines = result.stdout.strip().splitlines()
    assert "logged" in result.stdout and "1.5 h" in result.stdout, result.stderr
    assert lines[-2] == f"APPS {sorted(settings.CLI_APP_SETS['journal'])}"
    # Nothing the quick path left out, and the receiver that queues a sharer's refit is there.
    assert lines[-1] == "LOADED ['ownpath.sharing.signals']", result.stderr


def test_insights_json_needs_neither_rich_nor_pydantic(tmp_path):
    _ownpath_process(tmp_path, _run_probe(["log", "research", "--hours", "1", "--energy", "1"], ()))
    result = _ownpath_process(tmp_path, _run_probe(["insights", "--json"], ("pydantic", "rich", "ownpath.options")))
    assert '"episodes": 1' in result.stdout, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"


def test_a_quick_command_on_a_new_journal_creates_every_apps_tables(tmp_path):
    import sqlite3

    result = _ownpath_process(tmp_path, _run_probe(["log", "research", "--hours", "1", "--energy", "1"], ()))
    assert "logged" in result.stdout, result.stderr
    with sqlite3.connect(tmp_path / "ownpath.sqlite3") as db:
        migrated = {app for (app,) in db.execute("SELECT DISTINCT app FROM django_migrations")}
    assert {"journal", "options", "sessions", "directory", "conversations", "django_tasks_database"} <= migrated


def test_apps_a_quick_command_leaves_out_have_their_default_label():
    # cli.context finds their migrations on disk by that label, before Django starts.
    from django.apps import apps
    from django.conf import settings

    quick = {app for apps_of_command in settings.CLI_APP_SETS.values() for app in apps_of_command}
    for config in apps.get_app_configs():
        if config.name not in quick and (Path(config.path) / "migrations").is_dir():
            assert config.label == config.name.rpartition(".")[2], config.name
