"""One command for a new user: set up, fill the demo journal, show what ownpath makes of it,
then open the web app on the demo data.

    python3 scripts/quickstart.py [--no-serve] [--port 8000] [demo options, e.g. --persona top_salesperson]

The web app runs on http://127.0.0.1:8000/ in local mode (no log-in, only this machine can
reach it) until Ctrl-C. --no-serve stops after the demo (for CI-like use).
"""

from __future__ import annotations

import subprocess
import sys

from bootstrap import ROOT, ensure_venv


def split_arguments(argv: list[str]) -> tuple[bool, str, list[str]]:
    """(serve?, port, the remaining arguments for `ownpath demo`)."""
    serve, port, rest = True, "8000", []
    items = iter(argv)
    for item in items:
        if item == "--no-serve":
            serve = False
        elif item == "--port":
            port = next(items, port)
        elif item.startswith("--port="):
            port = item.split("=", 1)[1]
        else:
            rest.append(item)
    return serve, port, rest


def main() -> int:
    """Install into .venv, run `ownpath demo`, then `ownpath serve --demo --local`."""
    serve, port, demo_args = split_arguments(sys.argv[1:])
    python = ensure_venv()
    status = subprocess.run([str(python), "-m", "ownpath", "demo", *demo_args], cwd=ROOT).returncode
    if status != 0 or not serve:
        return status
    print(f"\nOpen http://127.0.0.1:{port}/ in your browser to see the demo journal (Ctrl-C stops the app).",
          flush=True)
    try:
        return subprocess.run([str(python), "-m", "ownpath", "serve", "--demo", "--local", "--port", port],
                              cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
