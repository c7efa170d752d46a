"""How reliably do the judged cases come out right across many generated journals?

For each persona and offer, over SEEDS seeded 12-week journals: the median P(better than the
current role), the share flagged somebody_elses_dream, and the share whose explanation names
managing people, using the energy model on each journal.
Run: PYTHONPATH=src python bench/options_judged_cases.py
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

from ownpath.analytics.energy_model import estimate_activity_effects
from ownpath.analytics.forecast import OptionSpec, forecast_option
from ownpath.demo.personas import PERSONAS, generate_journal
from ownpath.demo.options import DIRECTOR_OF_RESEARCH, HEAD_OF_DEPARTMENT, REGIONAL_SALES_MANAGER

SEEDS = 20
CASES = [
    ("research_analyst", DIRECTOR_OF_RESEARCH, "worse"),
    ("top_salesperson", REGIONAL_SALES_MANAGER, "worse"),
    ("coaching_analyst", DIRECTOR_OF_RESEARCH, "better"),
    ("coaching_analyst", REGIONAL_SALES_MANAGER, "better"),
    ("people_coach", HEAD_OF_DEPARTMENT, "not worse"),
]


def posterior_for(episodes: list[dict]):
    hours = [e["hours"] for e in episodes]
    return estimate_activity_effects([e["activity"] for e in episodes], [e["date"] for e in episodes],
                                     [e["energy"] for e in episodes], hours=hours)


def main() -> None:
    started = time.perf_counter()
    print(f"{SEEDS} seeded journals per case; persona -> offer (expected): median P(better), "
          "flagged somebody_elses_dream, names managing people")
    for persona, offer, expected in CASES:
        current = OptionSpec("now", PERSONAS[persona].weekly_hours, is_current=True, pay=95_000)
        option = OptionSpec(offer["name"], offer["mix"], pay=offer["pay"], hours=offer["hours"],
                            ratings=offer["ratings"], set_by=offer["set_by"])
        p_values, dream, managing = [], 0, 0
        for seed in range(SEEDS):
            episodes = generate_journal(persona, seed=seed, end=dt.date(2026, 11, 20))
            posterior = posterior_for(episodes)
            fc = forecast_option(option, posterior, current=current, target_hours=40)
            p_values.append(fc.p_better_than_current)
            dream += "somebody_elses_dream" in fc.flags
            managing += "managing people" in fc.explanation
        print(f"{persona:>17} -> {offer['name']:<27} ({expected:>9}): P(better) median "
              f"{np.median(p_values):.3f} [min {min(p_values):.3f}, max {max(p_values):.3f}], "
              f"dream {dream}/{SEEDS}, names managing {managing}/{SEEDS}")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
