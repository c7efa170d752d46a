"""Benchmark: does the path's progress recover the true trend of people following a plan?

Simulated research analysts (ownpath.demo.personas.generate_path_journal) take on advising
and planning over 13 weeks of a 26-week journal, while their true energy on those activities
rises by ENERGY_DRIFT a month and their skill by SKILL_GROWTH a month. For each seed the
path's progress (ownpath.analytics.career_path.progress) estimates the trend per month with
a 90% interval; this prints the mean estimate, its bias and the intervals' coverage.

Usage: PYTHONPATH=src python bench/path_progress.py [--people 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics

from ownpath.analytics import career_path as cp
from ownpath.demo.personas import generate_path_journal

TARGET = {"advising": 6.0, "planning": 6.0}
ENERGY_DRIFT = 0.08
SKILL_GROWTH = 0.05
END = dt.date(2026, 6, 30)


def simulate(seed: int, weeks: int = 26) -> cp.Progress:
    """One simulated person's progress figures since the start of their journal."""
    journal = generate_path_journal("research_analyst", target_hours=TARGET, ramp_weeks=13,
                                    energy_drift={a: ENERGY_DRIFT for a in TARGET},
                                    skill_growth={a: SKILL_GROWTH for a in TARGET}, weeks=weeks, end=END, seed=seed)
    rows = [(dt.date.fromisoformat(e["date"]), e["activity"], e["hours"], e["energy"], e["skill"], e["growth"])
            for e in journal]
    start = rows[0][0]
    return cp.progress(rows, TARGET, {}, start, 60, END)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args(argv)
    results = [simulate(seed) for seed in range(args.people)]
    for name, truth in (("energy", ENERGY_DRIFT), ("skill", SKILL_GROWTH)):
        trends = [getattr(r, name) for r in results]
        estimates = [t.per_month for t in trends]
        covered = sum(1 for t in trends if t.low <= truth <= t.high)
        print(f"{name}: true trend {truth:+.3f}/month; mean estimate {statistics.mean(estimates):+.3f} "
              f"(bias {statistics.mean(estimates) - truth:+.3f}, SD {statistics.stdev(estimates):.3f}); "
              f"90% interval covers the truth for {covered}/{len(trends)} people "
              f"({covered / len(trends):.0%}); median {statistics.median(t.entries for t in trends)} entries")
    hours = [r.months[-1].hours_per_week for r in results]
    print(f"hours a week in the target's activities, last month: median {statistics.median(hours):.1f} "
          f"(plan reaches {sum(TARGET.values()):.0f} after the 13-week ramp)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
