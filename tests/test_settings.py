"""Configuration is read in one place: every OWNPATH_* variable in the settings modules."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "ownpath"
# The CLI chooses the database and local mode before Django starts (it sets them for the settings).
BOOTSTRAP = {"settings.py", "settings_test.py", "cli/context.py", "cli/web.py"}
READ = re.compile(r"(environ(\.get)?|getenv)\(?\[?\s*[\"']OWNPATH_")


def test_no_module_but_the_settings_reads_an_ownpath_variable():
    readers = sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
                     if READ.search(path.read_text(encoding="utf-8")))
    assert set(readers) <= BOOTSTRAP, readers


def test_the_import_bounds_come_from_the_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNPATH_", "DJANGO_SETTINGS"))}
    env.update(PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="ownpath.settings", OWNPATH_IMPORT_MAX_ROWS="7",
               OWNPATH_IMPORT_MAX_MB="0.5", OWNPATH_WEB_IMPORT_MAX_MB="1", OWNPATH_DATABASE_URL="sqlite:///:memory:")
    code = ("import django; django.setup(); from ownpath.imports import limits, uploads; "
            "print(limits.MAX_ROWS, limits.MAX_IMPORT_BYTES, uploads.UPLOAD_MAX_BYTES)")
    output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert output.stdout.split() == ["7", str(512 * 1024), str(1024 * 1024)]
