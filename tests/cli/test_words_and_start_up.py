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
