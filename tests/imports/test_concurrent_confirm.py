"""Two simultaneous confirms of one upload: one imports, the other is told so; never a 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BACKEND
from tests.imports.concurrent_confirm import confirm_twice_at_once

ROOT = Path(__file__).resolve().parents[2]


def test_two_confirms_at_once_on_a_file_backed_sqlite_import_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}", OWNPATH_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "tests.imports.concurrent_confirm",
                             f"sqlite:///{tmp_path / 'journal.sqlite3'}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"statuses": [302, 409], "messages": [True], "entries": 2}


@pytest.mark.skipif(BACKEND != "postgresql", reason="the SQLite case runs on a file above (tests use :memory:)")
@pytest.mark.django_db(transaction=True)
def test_two_confirms_at_once_on_postgresql_import_once(user):
    outcome = confirm_twice_at_once(user)
    assert outcome["statuses"] == [302, 409]
    assert "already imported or cancelled" in outcome["messages"][0]
    assert outcome["entries"] == 2

