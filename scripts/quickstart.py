"""One command for a new user: set up, fill the demo journal and show what ownpath makes of it.

    python3 scripts/quickstart.py
"""

from __future__ import annotations

import subprocess
import sys

from bootstrap import ROOT, ensure_venv


def main() -> int:
    """Install into .venv, then run `ownpath demo`."""
    python = ensure_venv()
    return subprocess.run([str(python), "-m", "ownpath", "demo", *sys.argv[1:]], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
