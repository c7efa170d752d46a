"""Speed of the insights core, against statsmodels MixedLM on the same crossed model.

Prints the energy model's median time on 1,000 and 50,000 simulated episodes (20
activities, ~8 entries a day), both the default integrated fit and the plug-in REML fit,
and the ratio to statsmodels' REML fit of the same model.  statsmodels handles crossed
effects in a single group with dense matrices, so it is timed on the 1,000-episode
journal, and on 50,000 only if --statsmodels-50k is given (it takes minutes and a lot of
memory); the script says which.  Then it builds a 50,000-episode SQLite journal in a
temporary directory and times `ownpath insights --json` end to end (a fresh process each
time: interpreter start, Django setup, query, both fits, balance, JSON).

Run:  PYTHONPATH=src python bench/insights_speed.py [--repeat 5] [--no-e2e]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from ownpath.analytics.context_model import Curve, estimate_context_effects
from ownpath.analytics.energy_model import estimate_activity_effects


def simulate(n: int, seed: int = 0, n_act: int = 20, per_day: int = 8):
    """A journal of n episodes: activity names, day numbers, ratings, hours."""
    rng = np.random.default_rng(seed)
    n_days = max(1, n // per_day)
    beta = rng.normal(0, 0.8, n_act)
    acts = rng.integers(0, n_act, n)
    days = rng.integers(0, n_days, n)
    y = np.clip(np.round(beta[acts] + rng.normal(0, 0.4, n_days)[days] + rng.normal(0, 0.9, n)), -2, 2)
    hours = rng.choice([0.5, 1.0, 1.5, 2.0, 3.0], n)
    return [f"activity{k:02d}" for k in acts], days, y, hours


def simulate_context(n: int, seed: int = 2):
    """Context for n episodes: place, 0-2 people, 0-1 tool, hours worked before, meetings before, start."""
    rng = np.random.default_rng(seed)
    places = rng.choice(["home", "office", "client site", "travelling"], n).tolist()
    names = ["Sam", "Kim", "Ana", "Ben", "Lee", "Raj", "Mia", "Jon", "customers", "my team", "my manager", "alone"]
    people = [tuple(str(p) for p in rng.choice(names, int(k), replace=False)) for k in rng.integers(0, 3, n)]
    tools = [tuple(str(t) for t in rng.choice(["figma", "excel", "vim", "slides", "mail"], int(k), replace=False))
             for k in rng.integers(0, 2, n)]
    factors = {"people": people, "place": places, "tools": tools}
    curves = {"hours_before": Curve(np.round(rng.uniform(0, 10, n) * 4) / 4, (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12)),
              "meetings_before": Curve(rng.integers(0, 5, n).astype(float), (0, 1, 2, 3, 4, 6)),
              "time_of_day": Curve(np.where(rng.random(n) < 0.3, np.nan, rng.uniform(7, 19, n)),
                                   (6, 8, 10, 12, 14, 16, 18, 20, 22), 9.0)}
    return factors, curves


def median_time(fn, repeat: int) -> float:
    """Median wall-clock seconds of fn over repeat calls."""
    return median_times(fn, repeat)[0]


def median_times(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of fn over repeat calls (the CPU figure waits for no other process)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def statsmodels_time(acts, days, y) -> float:
    """Seconds statsmodels MixedLM takes to fit the same crossed model by REML."""
    import pandas as pd
    import statsmodels.api as sm

    frame = pd.DataFrame({"y": y, "activity": acts, "day": days, "one": 1})
    start = time.perf_counter()
    model = sm.MixedLM.from_formula("y ~ 1", groups="one", re_formula="0",
                                    vc_formula={"activity": "0 + C(activity)", "day": "0 + C(day)"},
                                    data=frame)
    model.fit(reml=True, method=["lbfgs"])
    return time.perf_counter() - start


def make_journal(database_url: str, n: int) -> None:
    """Fill a fresh database with n episodes of the local user (bulk insert)."""
    from ownpath.cli.context import acting_user

    user = acting_user(database_url)
    from ownpath.journal.models import Activity, Episode
    from ownpath.journal.services import update_settings

    update_settings(user, target_hours_per_week=40)
    slugs = list(Activity.objects.filter(owner__isnull=True).values_list("slug", "pk"))[:20]
    acts, days, y, hours = simulate(n)
    rng = np.random.default_rng(1)
    skill = np.clip(np.round(3 + rng.normal(0, 1, n)), 1, 5).astype(int)
    first = dt.date(2026, 11, 1) - dt.timedelta(days=int(days.max()))
    pk_of = {f"activity{k:02d}": pk for k, (_, pk) in enumerate(slugs)}
    Episode.objects.bulk_create(
        [Episode(user=user, date=first + dt.timedelta(days=int(d)), activity_id=pk_of[a], hours=float(h),
                 energy=int(e), skill=int(s) if i % 3 else None, growth=bool(i % 2) if i % 5 else None,
                 off_clock=i % 11 == 0)
         for i, (a, d, e, h, s) in enumerate(zip(acts, days, y, hours, skill))],
        batch_size=5000)


def time_cli_end_to_end(n: int, repeat: int) -> None:
    """Build an n-episode SQLite journal and time `ownpath insights --json` on it."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'journal.sqlite3'}"
        env = dict(os.environ, OWNPATH_DATA_DIR=tmp,
                   PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
        subprocess.run([sys.executable, __file__, "--make-journal", url, "--size", str(n)], env=env, check=True)
        command = [sys.executable, "-m", "ownpath", "--db", url, "insights", "--json"]
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
        print(f"`ownpath insights --json` on a {n:,}-episode SQLite journal, end to end: median "
              f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
              f"{repeat} fresh processes; target < 1 s)")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--statsmodels-50k", action="store_true")
    parser.add_argument("--no-e2e", action="store_true", help="skip the end-to-end CLI timing")
    parser.add_argument("--make-journal", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=50_000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_journal:
        make_journal(args.make_journal, args.size)
        return
    reference = {}
    for n in (1_000, 50_000):
        acts, days, y, hours = simulate(n)
        integrated = median_time(lambda: estimate_activity_effects(acts, days, y), args.repeat)
        weighted = median_time(lambda: estimate_activity_effects(acts, days, y, hours), args.repeat)
        reml = median_time(lambda: estimate_activity_effects(acts, days, y, method="reml"), args.repeat)
        print(f"{n:>6} episodes: ownpath integrated {integrated * 1e3:7.1f} ms | hours-weighted "
              f"{weighted * 1e3:7.1f} ms | plug-in REML {reml * 1e3:7.1f} ms (median of {args.repeat})")
        factors, curves = simulate_context(n)
        weights = np.round(4.0 * np.clip(hours / np.median(hours), 0.5, 2.0)) / 4.0
        context, context_cpu = median_times(lambda: estimate_context_effects(acts, days, y, weights, factors=factors,
                                                                             curves=curves), args.repeat)
        interaction = median_time(lambda: estimate_context_effects(
            acts, days, y, weights, factors=factors, curves=curves, interactions=[("activity", "place")]),
            args.repeat)
        print(f"{'':>6}           context model with every factor (people, place, tools, hours worked, meetings in "
              f"a row, time of day) {context * 1e3:7.1f} ms ({context_cpu * 1e3:.1f} ms CPU; target < 150 ms at "
              f"50,000); plus activity x place "
              f"{interaction * 1e3:7.1f} ms")
        if n <= 1_000 or args.statsmodels_50k:
            reference[n] = statsmodels_time(acts, days, y)
            print(f"{'':>6}           statsmodels MixedLM REML {reference[n]:.2f} s  ->  ownpath is "
                  f"{reference[n] / integrated:,.0f}x faster (integrated), "
                  f"{reference[n] / reml:,.0f}x (plug-in REML)")
        else:
            print(f"{'':>6}           statsmodels not run on {n} episodes (single-group dense fit: "
                  f"minutes and GBs; pass --statsmodels-50k to try). On 1,000 it took "
                  f"{reference.get(1_000, float('nan')):.2f} s.")
    if not args.no_e2e:
        time_cli_end_to_end(50_000, args.repeat)


if __name__ == "__main__":
    main()
