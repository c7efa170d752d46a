"""The layer contracts in pyproject.toml hold, and a deliberate violation of each one is caught.

`lint-imports` (import-linter) reads the contracts from [tool.importlinter]; here it runs on the
source tree, and on a copy of it with one forbidden import added, which must fail naming it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run `lint-imports` with the contracts of ``root``/pyproject.toml on ``root``/src."""
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_layer_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("analytics/_probe.py", "import django.db\n", "The analytics core imports no Django and no ownpath app"),
    ("analytics/_probe.py", "from ownpath.journal import models\n", "The analytics core imports no Django"),
    ("api/_probe.py", "from ownpath.web import sources\n", "Entry points (cli, web, api) sit above"),
    ("journal/_probe.py", "from ownpath.web import sources\n", "Entry points (cli, web, api) sit above"),
    ("options/_probe.py", "from ownpath.demo import personas\n", "No domain app imports the demo"),
])
def test_a_deliberate_violation_breaks_its_contract(tmp_path, module, line, contract):
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "src" / "ownpath", copy / "src" / "ownpath",
                    ignore=shutil.ignore_patterns("*.gz", "*.sqlite3", "static", "templates", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "src" / "ownpath" / module).write_text(line)
    result = lint_imports(copy)
    assert result.returncode == 1, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert " ".join(contract.split()) in " ".join(broken.split()) and "_probe" in broken
