"""Flow: which activities make a person lose track of time, and how often (pure, no Django)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_LEVEL = 0.90


@dataclass(frozen=True)
class FlowShare:
    """Share of an activity's entries marked flow, with a Jeffreys interval and the counts behind it."""

    activity: str
    flow_entries: int
    entries: int
    share: float
    low: float
    high: float


def share_interval(successes: int, trials: int, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
    """Jeffreys interval of a proportion: Beta(s + 1/2, n - s + 1/2) quantiles (0..1 with no trials)."""
    if trials == 0:
        return 0.0, 1.0
    # special.betaincinv is the Beta quantile, imported here: SciPy's special functions take a third
    # of a second to load, which insights pay only when somebody marks flow (scipy.stats: more still).
    from scipy import special

    alpha = (1.0 - level) / 2.0
    low = 0.0 if successes == 0 else float(special.betaincinv(successes + 0.5, trials - successes + 0.5, alpha))
    high = 1.0 if successes == trials else float(special.betaincinv(successes + 0.5,
                                                                       trials - successes + 0.5, 1 - alpha))
    return low, high


def flow_by_activity(activities: Sequence[str], flow: Sequence[bool],
                     level: float = DEFAULT_LEVEL) -> tuple[FlowShare, list[FlowShare]]:
    """The overall flow share and each activity's, most flow first (by the interval's low end)."""
    acts = np.asarray(activities, dtype=str)
    marks = np.asarray(flow, dtype=bool)
    names, codes = np.unique(acts, return_inverse=True) if len(acts) else (np.array([], dtype=str), np.array([], dtype=int))
    entries = np.bincount(codes, minlength=len(names))
    in_flow = np.bincount(codes, marks.astype(float), minlength=len(names)).astype(int)
    total = int(marks.sum())
    overall = FlowShare("(all)", total, len(marks), total / len(marks) if len(marks) else 0.0,
                        *share_interval(total, len(marks), level))
    shares = [FlowShare(str(name), int(k), int(m), k / m, *share_interval(int(k), int(m), level))
              for name, k, m in zip(names, in_flow, entries)]
    shares.sort(key=lambda s: (-s.low, -s.share, s.activity))
    return overall, shares
