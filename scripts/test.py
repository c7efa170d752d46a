"""One command for a developer: set up and run the whole test suite.

    python3 scripts/test.py [pytest args...]

Runs every test on SQLite; then, when OWNPATH_TEST_DATABASE_URL is set (e.g.
postgresql://postgres@127.0.0.1:5432/ownpath), every database test again on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys

from bootstrap import ROOT, ensure_venv


def run_pytest(python, backend: str, extra: list[str]) -> int:
    """Run pytest with the given database backend; 0 when it passed."""
    env = dict(os.environ, OWNPATH_TEST_BACKEND=backend)
    print(f"\n=== tests on {backend} ===", flush=True)
    return subprocess.run([str(python), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode


def main() -> int:
    """Install with the test extra, run on SQLite, then on PostgreSQL when configured."""
    python = ensure_venv("test")
    extra = sys.argv[1:]
    failed = run_pytest(python, "sqlite", extra) != 0
    if os.environ.get("OWNPATH_TEST_DATABASE_URL"):
        failed |= run_pytest(python, "postgresql", extra) != 0
    else:
        print("PostgreSQL run skipped: set OWNPATH_TEST_DATABASE_URL=postgresql://user@host:port/name to run it.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
