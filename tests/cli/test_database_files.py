"""Where the journal lives: --db as a plain path, other databases refused, a read-only file still readable.

These run the real `ownpath` command in a fresh process (the database is chosen at start-up).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The tests run as root, who may write any file: the read-only case makes os.access say
# what it says to a person without write permission, and the rest is the real command.
READ_ONLY_RUNNER = """
import os, sys
real_access, target = os.access, os.environ["READ_ONLY_FILE"]
os.access = lambda path, mode, *a, **k: (False if os.path.abspath(str(path)) == target and mode & os.W_OK
                                         else real_access(path, mode, *a, **k))
from ownpath.cli.main import app
app(sys.argv[1:], prog_name="ownpath")
"""


def ownpath(tmp_path: Path, *args: str, read_only: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "ownpath", *args]
    if read_only is not None:
        env["READ_ONLY_FILE"] = str(read_only)
        command = [sys.executable, "-c", READ_ONLY_RUNNER, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)


def test_db_accepts_a_plain_file_path(tmp_path):
    path = tmp_path / "elsewhere" / "x.sqlite3"
    logged = ownpath(tmp_path, "--db", str(path), "log", "research", "--hours", "1", "--energy", "1")
    assert logged.returncode == 0, logged.stderr
    assert path.is_file()
    assert '"research"' in ownpath(tmp_path, "--db", str(path), "journal", "--json").stdout


def test_db_refuses_other_database_kinds_in_one_line(tmp_path):
    refused = ownpath(tmp_path, "--db", "mysql://me@localhost/journal", "journal")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: --db: mysql:// databases are not supported; use a SQLite file path (or sqlite:///PATH) or "
        "postgresql://user@host:port/name"]


def test_read_only_database_serves_every_reading_command_and_refuses_writes_in_one_line(tmp_path):
    path = tmp_path / "journal.sqlite3"
    for args in (("log", "research", "--hours", "2", "--energy", "1", "--date", "2026-11-20"),
                 ("option", "add", "Analyst", "--mix", "research=10,writing=5", "--current")):
        assert ownpath(tmp_path, "--db", str(path), *args).returncode == 0
    before = path.read_bytes()
    for args in (("journal", "--json"), ("insights", "--json"), ("compare", "--json"),
                 ("export", "-o", str(tmp_path / "out.json"))):
        result = ownpath(tmp_path, "--db", str(path), *args, read_only=path)
        assert result.returncode == 0, (args, result.stderr)
    assert '"research"' in (tmp_path / "out.json").read_text()
    refused = ownpath(tmp_path, "--db", str(path), "log", "writing", "--hours", "1", "--energy", "0",
                      read_only=path)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"error: {path} is read-only: this command changes your journal, so nothing was changed"]
    assert path.read_bytes() == before
