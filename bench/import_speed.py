"""How long does `ownpath import` take for 100,000 rows of CSV or entries of JSON? Target: under 10 s.

Generates a realistic journal CSV (the ownpath header), a spreadsheet-style CSV read
through a column mapping and an ownpath JSON export written on one line (the shape that
was quadratic), imports each into a fresh database through the same service the
CLI uses (detect, parse, validate, de-duplicate, bulk insert in batches, one transaction),
then imports the file again (everything is recognised as already imported).

Run: PYTHONPATH=src python bench/import_speed.py [--rows 100000] [--db postgresql://...]
Default database: a temporary SQLite file (what a local install uses).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
import time
from pathlib import Path

from ownpath.taxonomy import BUILTIN_SLUGS


# Five entries of at most 3 hours a day, from 1970 on: 100,000 rows end in 2024.
FIRST_DAY = dt.date(1970, 1, 1)
ROWS_PER_DAY = 5


def journal_csv(rows: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    lines = ["date,activity,hours,energy,skill,engagement,growth,with,note"]
    for i in range(rows):
        day = FIRST_DAY + dt.timedelta(days=i // ROWS_PER_DAY)  # a day holds at most 24 hours
        growth = rng.choice(["growth", "required", ""])
        lines.append(f"{day},{rng.choice(BUILTIN_SLUGS)},{rng.choice([0.5, 1, 1.5, 2, 3])},{rng.randint(-2, 2)},"
                     f"{rng.choice(['', rng.randint(1, 5)])},{rng.choice(['', rng.randint(0, 10)])},{growth},"
                     f"{rng.choice(['', 'Sam', 'Priya'])},\"entry {i}, with a comma\"")
    return ("\n".join(lines) + "\n").encode()


def spreadsheet_csv(rows: int, seed: int = 2) -> bytes:
    rng = random.Random(seed)
    lines = ["Day;Task;Duration;Mood;Notes"]
    for i in range(rows):
        day = FIRST_DAY + dt.timedelta(days=i // ROWS_PER_DAY)
        lines.append(f"{day:%d/%m/%Y};{rng.choice(BUILTIN_SLUGS)};"
                     f"{rng.choice(['0:30', '1:00', '1:30', '2:15'])};{rng.randint(1, 5)};row {i}")
    return ("\n".join(lines) + "\n").encode()


def journal_json(rows: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    episodes = [{
        "uuid": f"{rng.getrandbits(128):032x}", "date": (FIRST_DAY + dt.timedelta(days=i // ROWS_PER_DAY)).isoformat(),
        "start": None, "activity": rng.choice(BUILTIN_SLUGS), "hours": rng.choice([0.5, 1, 1.5, 2, 3]),
        "energy": rng.randint(-2, 2), "skill": rng.choice([None, rng.randint(1, 5)]),
        "engagement": rng.choice([None, rng.randint(0, 10)]), "growth": rng.choice([True, False, None]),
        "off_clock": False, "with": rng.choice(["", "Sam", "Priya"]), "note": f"entry {i}, with a comma",
        "source": "", "external_id": "",
    } for i in range(rows)]
    document = {"format": "ownpath-journal", "version": 1, "settings": {"target_hours_per_week": 40},
                "activities": [], "episodes": episodes}
    return json.dumps(document).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ownpath-bench-")
    os.environ["OWNPATH_DATABASE_URL"] = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"

    from ownpath.cli.context import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    from ownpath.imports.planning import ImportOptions, apply_import, plan_import
    from ownpath.journal.models import Episode

    user_model = get_user_model()
    print(f"database: {os.environ['OWNPATH_DATABASE_URL'].split('@')[-1]}; rows per file: {args.rows:,}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time suffers when it exceeds them)")
    cases = [
        ("ownpath CSV (detected)", journal_csv(args.rows), "journal.csv", ImportOptions()),
        ("spreadsheet CSV, --map, --energy-range", spreadsheet_csv(args.rows), "sheet.csv",
         ImportOptions(column_map="date=Day,activity=Task,hours=Duration,energy=Mood,note=Notes",
                       energy_range="1..5", date_format="%d/%m/%Y")),
        ("ownpath JSON export, one line", journal_json(args.rows), "journal.json", ImportOptions()),
    ]
    for number, (name, data, filename, options) in enumerate(cases):
        user = user_model.objects.create(username=f"bench{number}-{time.time_ns()}")
        started, cpu_started = time.perf_counter(), time.process_time()
        plan = plan_import(user, data, filename, options)
        planned = time.perf_counter()
        summary = apply_import(user, plan)
        finished, cpu = time.perf_counter(), time.process_time() - cpu_started
        again_started = time.perf_counter()
        again = apply_import(user, plan_import(user, data, filename, options))
        again_seconds = time.perf_counter() - again_started
        saved = Episode.objects.filter(user=user).count()
        verdict = "OK" if finished - started < 10 else "SLOW"
        print(f"{name:<40} {len(data) / 1e6:5.1f} MB  parse+validate {planned - started:5.2f} s  "
              f"save {finished - planned:5.2f} s  total {finished - started:5.2f} s [{verdict} <10 s] (CPU {cpu:.2f} s)  "
              f"saved {saved:,} (reported {summary['imported']:,})  "
              f"re-import {again_seconds:5.2f} s, added {again['imported']}, skipped {again['skipped_duplicates']:,}")


if __name__ == "__main__":
    main()
