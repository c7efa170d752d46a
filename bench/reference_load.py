"""Benchmark the first use of the bundled occupation data (target: under 5 s).

Migrates a new SQLite file in a temporary folder (or the database given with --db, which
must hold no occupation data), then times ``ensure_reference_data()`` (the load on first use),
a second call (must change nothing), and the first title search after it. Prints the figures.

Usage: PYTHONPATH=src python bench/reference_load.py [--db URL] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(database_url: str) -> dict[str, float]:
    """Time the first load, a second call and a first search on one fresh database."""
    os.environ["OWNPATH_DATABASE_URL"] = database_url
    os.environ.pop("OWNPATH_TEST_BACKEND", None)
    from ownpath.cli.context import setup_django

    setup_django()
    from ownpath.occupations import services

    started = time.perf_counter()
    first = services.ensure_reference_data()
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    services.search_occupations("product manager", limit=1)  # builds and saves the title index
    search_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = services.ensure_reference_data()
    again = services.load_reference_data()
    second_seconds = time.perf_counter() - started
    rows = sum(t.total for t in first.tables.values())
    return {"first": first_seconds, "rows": rows, "second_call_loaded": second is not None,
            "reload_changed": again.changed, "reload": second_seconds, "search": search_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="database URL (default: a new temporary SQLite file per run)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import json

        print(json.dumps(one_run(args.db)))
        return 0
    results = []
    for _ in range(1 if args.db else args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            url = args.db or f"sqlite:///{scratch}/bench.sqlite3"
            # A fresh process per run: nothing cached from the run before.
            out = subprocess.run([sys.executable, __file__, "--child", "--db", url], check=True,
                                 capture_output=True, text=True, env=os.environ | {"PYTHONPATH": "src"}).stdout
            import json

            results.append(json.loads(out.strip().splitlines()[-1]))
    firsts = [r["first"] for r in results]
    print(f"first use, bundled data into a new database: median {statistics.median(firsts):.2f} s "
          f"over {len(firsts)} run(s) (min {min(firsts):.2f}, max {max(firsts):.2f}), "
          f"{results[0]['rows']:,} rows (target < 5 s)")
    print(f"second call loads again: {any(r['second_call_loaded'] for r in results)}; explicit reload "
          f"changed anything: {any(r['reload_changed'] for r in results)} "
          f"(median {statistics.median(r['reload'] for r in results):.2f} s)")
    print(f"first title search after the load (builds the search index): median {statistics.median(r['search'] for r in results):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
