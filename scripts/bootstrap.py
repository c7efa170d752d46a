"""Create the project's virtual environment and install ownpath into it (stdlib only).

Used by quickstart.py and test.py so that a fresh clone with nothing but python3 works.
The install is skipped when pyproject.toml has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("OWNPATH_VENV", ROOT / ".venv"))


def venv_python() -> Path:
    """Path of the virtual environment's interpreter."""
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(extras: str = "") -> Path:
    """Create .venv if needed and (re)install ownpath with the given extras; return its python."""
    python = venv_python()
    if not python.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    spec = f".[{extras}]" if extras else "."
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    marker = VENV / ".ownpath-installed"
    if not marker.exists() or marker.read_text() != fingerprint:
        print(f"installing ownpath{spec[1:]} and its dependencies", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--quiet", "-e", spec], check=True, cwd=ROOT)
        marker.write_text(fingerprint)
    return python
