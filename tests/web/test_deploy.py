"""Production settings: `manage.py check --deploy` is clean when served behind HTTPS."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(tmp_path, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
               **env_overrides)
    return subprocess.run([sys.executable, "-m", "ownpath", "manage", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _check_deploy(tmp_path, OWNPATH_DEBUG="0", OWNPATH_SECURE="1",
                           OWNPATH_SECRET_KEY=secrets.token_urlsafe(50), OWNPATH_ALLOWED_HOSTS="ownpath.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_a_plain_http_install_lacks(tmp_path):
    result = _check_deploy(tmp_path, OWNPATH_DEBUG="0")
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_check_deploy_flags_the_built_in_secret_key(tmp_path):
    result = _check_deploy(tmp_path, OWNPATH_DEBUG="0", OWNPATH_SECURE="1", OWNPATH_ALLOWED_HOSTS="ownpath.example.org")
    assert result.returncode != 0
    assert "ownpath.E001" in result.stdout + result.stderr and "OWNPATH_SECRET_KEY" in result.stdout + result.stderr
