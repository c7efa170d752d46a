"""The linter and the type checker pass, with the configuration in pyproject.toml (so CI enforces them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "RUFF_CACHE_DIR": str(tmp_path / "ruff")})


def test_ruff_finds_nothing_in_src_and_tests(tmp_path):
    result = _run("ruff", "check", "src", "tests", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_passes_on_the_analytics_core_and_the_services(tmp_path):
    result = _run("mypy", "--cache-dir", str(tmp_path / "mypy"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
