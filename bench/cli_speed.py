"""How fast the CLI answers: `ownpath log`, `ownpath --help`, and `ownpath insights --json` on 50,000 entries.

Each figure is the median over fresh processes (interpreter start, Django start-up, the command),
wall-clock and CPU (user + system) seconds. Bytecode is cached in a temporary directory, as an
installed package has it (the first, warming run is not counted). On a shared machine the wall
figure includes waiting for a core; the CPU figure does not.

Targets (issue 22): `ownpath log` under 0.3 s wall; `ownpath insights --json` on a 50,000-entry
journal under 1 s end to end.

Measured 2026-12-07 on the project's shared 2-core machine, median of 7, this script on main
before and after the start-up work, run back to back (two pairs: load 2-3, then load 3):
  `ownpath log`            1.21 s wall, 1.09 s CPU  ->  0.84 s wall, 0.83 s CPU
                           1.13 s wall, 1.02 s CPU  ->  0.92 s wall, 0.85 s CPU
  `ownpath --help`         0.60 s wall, 0.56 s CPU  ->  0.49 s wall, 0.49 s CPU
  `insights --json` (50k)  2.89 s wall, 2.80 s CPU  ->  1.50 s wall, 1.48 s CPU
                           3.01 s wall, 2.91 s CPU  ->  2.07 s wall, 1.99 s CPU
Neither target is met on this machine. What `ownpath log` still spends, measured in process: typer
~0.1 s, Django's ORM imports ~0.2 s (django.db.models pulls in forms and templates), the journal's
apps ~0.15 s (django-tasks alone ~0.1 s: it monkeypatches Django on import; it stays because a
sharer's entry queues a refit job), the interpreter, settings and the query the rest; a bare
`python -c "import typer, django.db.models"` takes 0.39 s here. For insights add NumPy (~0.15 s),
the read of 50,000 rows (~0.1 s, SQLite's own), the two fits (~0.2 s) and the balance (~0.05 s).

Run:  PYTHONPATH=src python bench/cli_speed.py [--repeat 7] [--size 50000] [--no-insights]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process running command (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(label: str, runs: list[tuple[float, float]], target: float | None) -> None:
    """Print the medians of a list of (wall, cpu) runs against the target."""
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    goal = f"; target < {target:g} s wall" if target else ""
    print(f"{label}: median {statistics.median(walls):.2f} s wall (min {min(walls):.2f}), "
          f"{statistics.median(cpus):.2f} s CPU, {len(runs)} fresh processes{goal}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--no-insights", action="store_true", help="skip the 50,000-entry insights timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONDONTWRITEBYTECODE", "OWNPATH_DATABASE_URL"}}
        env |= {"OWNPATH_DATA_DIR": tmp, "PYTHONPATH": str(ROOT / "src"), "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc")}
        ownpath = [sys.executable, "-m", "ownpath"]
        day = dt.date(2026, 1, 5)
        log = lambda i: ownpath + ["log", "research", "--hours", "1", "--energy", "+1",  # noqa: E731
                                   "--date", (day + dt.timedelta(days=i)).isoformat()]
        timed(log(0), env)  # creates the database and caches bytecode
        report("`ownpath log`", [timed(log(i + 1), env) for i in range(args.repeat)], 0.3)
        report("`ownpath --help`", [timed(ownpath + ["--help"], env) for _ in range(args.repeat)], None)
        if args.no_insights:
            return
        url = f"sqlite:///{Path(tmp) / 'big.sqlite3'}"
        subprocess.run([sys.executable, str(ROOT / "bench" / "insights_speed.py"), "--make-journal", url,
                        "--size", str(args.size)], env=env, check=True)
        command = ownpath + ["--db", url, "insights", "--json"]
        timed(command, env)
        report(f"`ownpath insights --json` on {args.size:,} entries",
               [timed(command, env) for _ in range(args.repeat)], 1.0)


if __name__ == "__main__":
    main()
