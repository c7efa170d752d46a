"""Speed of the insights core, against statsmodels MixedLM on the same crossed model.

Prints the energy model's median time on 1,000 and 50,000 simulated episodes (20
activities, ~8 entries a day), both the default integrated fit and the plug-in REML fit,
and the ratio to statsmodels' REML fit of the same model.  statsmodels handles crossed
effects in a single group with dense matrices, so it is timed on the 1,000-episode
journal, and on 50,000 only if --statsmodels-50k is given (it takes minutes and a lot of
memory); the script says which.  With a database URL in --journal (phase 2) it also times
`ownpath insights --json` end to end.

Run:  PYTHONPATH=src python bench/insights_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from ownpath.analytics.energy_model import estimate_activity_effects


def simulate(n: int, seed: int = 0, n_act: int = 20, per_day: int = 8):
    rng = np.random.default_rng(seed)
    n_days = max(1, n // per_day)
    beta = rng.normal(0, 0.8, n_act)
    acts = rng.integers(0, n_act, n)
    days = rng.integers(0, n_days, n)
    y = np.clip(np.round(beta[acts] + rng.normal(0, 0.4, n_days)[days] + rng.normal(0, 0.9, n)), -2, 2)
    hours = rng.choice([0.5, 1.0, 1.5, 2.0, 3.0], n)
    return [f"activity{k:02d}" for k in acts], days, y, hours


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def statsmodels_time(acts, days, y) -> float:
    import pandas as pd
    import statsmodels.api as sm

    frame = pd.DataFrame({"y": y, "activity": acts, "day": days, "one": 1})
    start = time.perf_counter()
    model = sm.MixedLM.from_formula("y ~ 1", groups="one", re_formula="0",
                                    vc_formula={"activity": "0 + C(activity)", "day": "0 + C(day)"},
                                    data=frame)
    model.fit(reml=True, method=["lbfgs"])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--statsmodels-50k", action="store_true")
    args = parser.parse_args()
    reference = {}
    for n in (1_000, 50_000):
        acts, days, y, hours = simulate(n)
        integrated = median_time(lambda: estimate_activity_effects(acts, days, y), args.repeat)
        weighted = median_time(lambda: estimate_activity_effects(acts, days, y, hours), args.repeat)
        reml = median_time(lambda: estimate_activity_effects(acts, days, y, method="reml"), args.repeat)
        print(f"{n:>6} episodes: ownpath integrated {integrated * 1e3:7.1f} ms | hours-weighted "
              f"{weighted * 1e3:7.1f} ms | plug-in REML {reml * 1e3:7.1f} ms (median of {args.repeat})")
        if n <= 1_000 or args.statsmodels_50k:
            reference[n] = statsmodels_time(acts, days, y)
            print(f"{'':>6}           statsmodels MixedLM REML {reference[n]:.2f} s  ->  ownpath is "
                  f"{reference[n] / integrated:,.0f}x faster (integrated), "
                  f"{reference[n] / reml:,.0f}x (plug-in REML)")
        else:
            print(f"{'':>6}           statsmodels not run on {n} episodes (single-group dense fit: "
                  f"minutes and GBs; pass --statsmodels-50k to try). On 1,000 it took "
                  f"{reference.get(1_000, float('nan')):.2f} s.")


if __name__ == "__main__":
    main()
