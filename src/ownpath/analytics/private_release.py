"""Differentially private team figures: clamp each person's contribution, add Gaussian noise, count the cost.

k-anonymity rules (``k_anonymity``) decide which groups are big enough; they cannot stop an insider
who differences figures across time, sibling teams or organisations (the parent's total minus a
sub-team's is one person's value). Noise can: every released figure is a noised sum of clamped
contributions, so any combination of figures an insider can read estimates one person's value
with an error whose standard deviation is at least ``1 / sqrt(sum over the releases holding them
of 1 / sigma**2)`` — however they combine them (for Gaussian noise no estimator does better:
that is the Cramér-Rao bound, reached by the best linear combination). Each release costs every
contributor ``RHO_PER_RELEASE`` of zero-concentrated DP (rho = sensitivity**2 / (2 sigma**2)), a
person's data stops entering new figures once their ``LIFETIME_BUDGET`` for an item is spent,
and so the figure of merit ``error_sd_floor(item)`` holds over every release ever made.

Noise is drawn by OpenDP (``make_gaussian``: floating-point safe continuous Gaussian for sums,
the discrete Gaussian for counts) — a maintained library instead of home-made sampling.

Pure: plain values in, plain JSON-able figures out; no Django.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

K_MIN_CONTRIBUTORS = 5
# zCDP cost of one release of one item to each person in it, and each person's budget per item.
RHO_PER_RELEASE = 0.25
LIFETIME_BUDGET = 8.0  # never reset: the guarantee covers every release ever made
# A release over the very same people is shown again, not re-noised, for this long.
RELEASE_REFRESH_DAYS = 91
HOURS_CLAMP = 10.0  # hours a week over/under target: each person counts as at most ±10
TOP = 3  # activities each person names among their top energizers or drains
Z90 = 1.6448536269514722


@dataclass(frozen=True)
class Measurement:
    """One noised quantity of a figure: how much one person can move it (L2) and its share of the cost."""

    name: str
    sensitivity: float
    cost_share: float

    @property
    def sigma(self) -> float:
        """Noise SD so that this measurement costs ``cost_share * RHO_PER_RELEASE`` per person."""
        return self.sensitivity / math.sqrt(2 * self.cost_share * RHO_PER_RELEASE)


MEASUREMENTS: dict[str, tuple[Measurement, ...]] = {
    "hours_vs_target": (Measurement("excess_sum", HOURS_CLAMP, 0.8), Measurement("over_count", 1.0, 0.2)),
    "growth_share": (Measurement("share_sum", 1.0, 1.0),),
    # One person changes at most TOP activity counts by one each: L2 sensitivity sqrt(TOP).
    "top_energizers": (Measurement("counts", math.sqrt(TOP), 1.0),),
    "top_drains": (Measurement("counts", math.sqrt(TOP), 1.0),),
}
# What one unit of each measurement is, for the figure of merit in words.
UNITS = {"excess_sum": "hours a week over target", "over_count": "whether over target (0 or 1)",
         "share_sum": "growth share (0 to 1)", "counts": "whether an activity is among theirs (0 or 1)"}


def rho_of(item: str) -> float:
    """The zCDP cost of one release of ``item`` to each person in it."""
    return sum(m.sensitivity ** 2 / (2 * m.sigma ** 2) for m in MEASUREMENTS[item])


def releases_allowed(item: str) -> int:
    """How many releases of ``item`` one person can be in over their lifetime budget."""
    return int(LIFETIME_BUDGET / rho_of(item) + 1e-9)


def error_sd_floor(item: str) -> dict[str, float]:
    """The figure of merit: the smallest error SD of one person's value an insider can reach, per measurement.

    With every allowed release holding them, precision is releases * coefficient**2 / sigma**2
    (coefficient 1: a person's clamped value enters a sum once).
    """
    n = releases_allowed(item)
    return {m.name: m.sigma / math.sqrt(n) for m in MEASUREMENTS[item]}


def differencing_error_sd(sigmas: Iterable[float]) -> float:
    """Error SD of the best estimate of one person's value from independent releases with these noise SDs."""
    precision = sum(1.0 / s ** 2 for s in sigmas)
    return math.inf if precision == 0 else 1.0 / math.sqrt(precision)


def clamp(item: str, value: dict) -> dict:
    """A person's contribution limited to the stated range (the sensitivity rests on it)."""
    if item == "hours_vs_target":
        return {"excess": max(-HOURS_CLAMP, min(HOURS_CLAMP, float(value["excess"]))), "over": bool(value["over"])}
    if item == "growth_share":
        return {"share": max(0.0, min(1.0, float(value["share"])))}
    return {"activities": list(dict.fromkeys(value["activities"]))[:TOP]}


# --- noise ----------------------------------------------------------------------------------------

Noise = Callable[[Sequence[float], float, bool], list[float]]


@functools.lru_cache(maxsize=64)
def _gaussian(sigma: float, integer: bool):
    """OpenDP's Gaussian measurement on a vector (discrete for integer counts), built once per noise scale."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    if integer:
        domain, metric = dp.vector_domain(dp.atom_domain(T=int)), dp.l2_distance(T=int)
    else:
        domain, metric = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.l2_distance(T=float)
    return dp.m.make_gaussian(domain, metric, scale=sigma)


def opendp_noise(values: Sequence[float], sigma: float, integer: bool) -> list[float]:
    """Values plus Gaussian noise of SD ``sigma`` drawn by OpenDP (discrete for integer counts)."""
    data = [int(v) for v in values] if integer else [float(v) for v in values]
    return [float(v) for v in _gaussian(float(sigma), bool(integer))(data)]


def _plus_minus(sigma: float) -> float:
    return Z90 * sigma


def _count_shown(noisy: float, n: int) -> int:
    """A noised count as shown: never all or none of the group (1 … n-1)."""
    return int(min(max(round(noisy), 1), n - 1))


def release(item: str, values: Sequence[dict], noise: Noise = opendp_noise) -> dict:
    """One noised figure over these contributions (at least ``K_MIN_CONTRIBUTORS``), as plain JSON.

    Every figure carries ``n``, ``noise`` ({measurement: sigma}, what the guarantee rests on) and
    ``rests_on`` (the same in plain words). Means are noised sums over ``n``; their 90% interval
    is the noise's (the figure describes these people, not a sample). Counts are never 0 or n.
    """
    n = len(values)
    if n < K_MIN_CONTRIBUTORS:
        raise ValueError(f"a release needs at least {K_MIN_CONTRIBUTORS} contributors")
    clamped = [clamp(item, v) for v in values]
    sigmas = {m.name: m.sigma for m in MEASUREMENTS[item]}
    if item == "hours_vs_target":
        total, over = noise([sum(v["excess"] for v in clamped)], sigmas["excess_sum"], False)[0], \
            noise([sum(1 for v in clamped if v["over"])], sigmas["over_count"], True)[0]
        half = _plus_minus(sigmas["excess_sum"]) / n
        mean = total / n
        return {"n": n, "mean": round(mean, 3), "low": round(mean - half, 3), "high": round(mean + half, 3),
                "people_over": _count_shown(over, n), "noise": sigmas,
                "rests_on": (f"{n} people, each counted as at most {HOURS_CLAMP:g} hours over or under; noise "
                             f"added so no one's hours can be worked out: the average is within ±{half:.1f} hours "
                             f"of theirs 90% of the time, and 'people over' within "
                             f"±{_plus_minus(sigmas['over_count']):.0f} people")}
    if item == "growth_share":
        total = noise([sum(v["share"] for v in clamped)], sigmas["share_sum"], False)[0]
        half = _plus_minus(sigmas["share_sum"]) / n
        mean = total / n
        return {"n": n, "mean": round(mean, 3), "low": round(mean - half, 3), "high": round(mean + half, 3),
                "noise": sigmas,
                "rests_on": (f"{n} people; noise added so no one's share can be worked out: the average is "
                             f"within ±{100 * half:.0f} points of theirs 90% of the time")}
    counts = Counter(slug for v in clamped for slug in v["activities"])
    common = sorted(slug for slug, count in counts.items() if count >= K_MIN_CONTRIBUTORS)
    noisy = noise([counts[slug] for slug in common], sigmas["counts"], True) if common else []
    shown = sorted(((slug, value) for slug, value in zip(common, noisy, strict=True) if value >= K_MIN_CONTRIBUTORS),
                   key=lambda pair: (-pair[1], pair[0]))
    return {"n": n, "activities": [{"activity": slug, "people": _count_shown(value, n)} for slug, value in shown],
            "noise": sigmas,
            "rests_on": (f"{n} people; an activity is listed only when at least {K_MIN_CONTRIBUTORS} of them name "
                         f"it, and each count has noise added (within ±{_plus_minus(sigmas['counts']):.0f} people "
                         f"90% of the time), never showing all or none")}
