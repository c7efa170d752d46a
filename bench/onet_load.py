"""Benchmark loading the full O*NET release into a fresh database (target: under 60 s).

Loads O*NET 29.3 (+ 27.0's Tasks to DWAs) into a new SQLite file in a temporary folder
(or the database given with --db, which must be empty of occupation data), then loads it
again to show that the second load changes nothing, and times a cold title search.

Usage: PYTHONPATH=src python bench/onet_load.py [--data PATH] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from titles import shared_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data())
    parser.add_argument("--db", default=None, help="database URL (default: a new temporary SQLite file)")
    args = parser.parse_args(argv)
    folders = [args.data / "onet-29.3", args.data / "onet-27.0"]
    if not (folders[0] / "Occupation Data.txt").is_file():
        print(f"no O*NET release at {folders[0]}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["OWNPATH_DATABASE_URL"] = args.db or f"sqlite:///{scratch}/bench.sqlite3"
        os.environ.pop("OWNPATH_TEST_BACKEND", None)
        from ownpath.cli.context import setup_django

        setup_django()
        from ownpath.occupations import services

        for attempt in ("first load", "second load"):
            summary = services.load_onet_release(folders)
            rows = sum(t.total for t in summary.tables.values())
            changes = sum(t.created + t.updated + t.deleted for t in summary.tables.values())
            print(f"{attempt}: {summary.seconds:.1f} s, {rows} rows, {changes} created/updated/deleted "
                  f"(target < 60 s){'' if summary.pay_note == '' else ' — ' + summary.pay_note}")
        services._index_cache.clear()
        started = time.perf_counter()
        best = services.search_occupations("regional sales director", limit=1)[0]
        print(f"cold search (saved index): {time.perf_counter() - started:.2f} s -> {best['code']} {best['title']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
