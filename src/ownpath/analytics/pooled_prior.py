"""The organisation's pooled prior: what activities do to people's energy, across consenting members.

Hierarchical pooling across people, done in two stages so that only an aggregate ever leaves
the members' data. Each consenting member's own fit gives, per activity, an estimate and its
SD. Per activity, a random-effects meta-analysis (DerSimonian–Laird) of those estimates gives

* ``mean``: the organisation's average effect of the activity (precision-weighted, each
  person's weight 1 / (sd_i^2 + spread^2)), used as ``prior_means`` for a member's model;
* ``spread``: the SD of the true effect between people (how much people differ on it);
* ``contributors``: how many people it rests on.

Only activities with at least ``MIN_CONTRIBUTORS`` (5) contributors get a prior, and the
whole pool needs 5 contributing people (DESIGN.md, "Aggregates are k-anonymous"); below
that :class:`TooFewContributors` is raised and nothing is returned. Figures are rounded to
``ROUND_TO`` so a pooled prior does not carry more digits than its precision warrants.

A member's model then fits ``beta[a] ~ N(prior_mean[a], tau^2)``: tau is how far this person
departs from the organisation, and its prior is centred on the colleagues' ``spread`` (not
re-estimated from the member's few entries): :meth:`PooledPrior.variance_prior` replaces the
population prior's activity component.  So a new member with 15 entries starts from what the
activities do to colleagues, with the colleagues' spread as the measure of how far one person is
likely to differ, and moves away from it as their own entries accumulate.
The member's own estimate must not be in their own prior; callers pool the *other* members,
and from fits that borrowed nothing (so no one's data comes back through a colleague's fit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ownpath.analytics._mixed_model import POPULATION_PRIOR, VariancePrior

MIN_CONTRIBUTORS = 5
ROUND_TO = 2  # decimals
# An estimate this uncertain (energy points) tells the pool nothing: never-logged priors, mostly.
MAX_USEFUL_SD = 1.5
# The colleagues' spread fixes the activity component's prior much more tightly than the
# population figure does (log-SD 0.4: a factor of 1.9 either way at 90%), and never at zero.
SPREAD_LOG_SD = 0.4
MIN_SPREAD = 0.05


class TooFewContributors(ValueError):
    """Raised when fewer than MIN_CONTRIBUTORS people would stand behind the pooled prior."""


@dataclass(frozen=True)
class PooledActivity:
    """One activity's organisation-wide effect: mean, its SD, spread between people, contributors."""

    activity: str
    mean: float
    mean_sd: float
    spread: float
    contributors: int


@dataclass(frozen=True)
class PooledPrior:
    """Pooled activity effects (only those with enough contributors) and how many people in all."""

    activities: Mapping[str, PooledActivity]
    contributors: int

    def prior_means(self) -> dict[str, float]:
        """Activity -> organisation mean, for ``estimate_activity_effects(prior_means=...)``."""
        return {a: p.mean for a, p in self.activities.items()}

    def spreads(self) -> dict[str, float]:
        """Activity -> SD of the effect between people."""
        return {a: p.spread for a, p in self.activities.items()}

    def typical_spread(self) -> float:
        """The between-person SD over all pooled activities (contributor-weighted root mean square)."""
        if not self.activities:
            return MIN_SPREAD
        weights = np.array([p.contributors for p in self.activities.values()], dtype=float)
        spreads = np.array([p.spread for p in self.activities.values()], dtype=float)
        return max(float(math.sqrt(weights @ spreads**2 / weights.sum())), MIN_SPREAD)

    def variance_prior(self, base: VariancePrior = POPULATION_PRIOR) -> VariancePrior:
        """The energy model's variance prior with tau centred on the colleagues' spread.

        Parameters
        ----------
        base : VariancePrior
            The prior whose day and noise components are kept (the population prior).

        Returns
        -------
        VariancePrior
            ``activity_ratio`` = typical spread / the base's noise SD, log-SD ``SPREAD_LOG_SD``,
            source "colleagues:N".
        """
        return VariancePrior(self.typical_spread() / base.noise_sd, SPREAD_LOG_SD, base.day_ratio,
                             base.day_log_sd, base.noise_sd, base.noise_df, source=f"colleagues:{self.contributors}")

    def version(self) -> str:
        """A short text that changes whenever any pooled figure does (for cache keys)."""
        import hashlib

        text = ";".join(f"{a}={p.mean}/{p.spread}/{p.contributors}" for a, p in sorted(self.activities.items()))
        return f"colleagues:{self.contributors}:{hashlib.sha1(text.encode()).hexdigest()[:12]}"

    def words(self) -> str:
        """'borrowing from 6 colleagues' — how the page and the CLI say where the prior comes from."""
        return f"borrowing from {self.contributors} colleague{'s' if self.contributors != 1 else ''}"


def random_effects_mean(estimates: Sequence[float], sds: Sequence[float]) -> tuple[float, float, float]:
    """DerSimonian–Laird random-effects pooling: (mean, SD of the mean, between-person SD)."""
    y = np.asarray(estimates, dtype=float)
    v = np.maximum(np.asarray(sds, dtype=float), 1e-6) ** 2
    w = 1.0 / v
    fixed = float(w @ y / w.sum())
    q = float(w @ (y - fixed) ** 2)
    denom = float(w.sum() - (w @ w) / w.sum())
    tau2 = max(0.0, (q - (len(y) - 1)) / denom) if denom > 0 else 0.0
    w_star = 1.0 / (v + tau2)
    mean = float(w_star @ y / w_star.sum())
    return mean, float(math.sqrt(1.0 / w_star.sum())), float(math.sqrt(tau2))


def pool_estimates(member_estimates: Sequence[Mapping[str, tuple[float, float]]],
                   *, min_contributors: int = MIN_CONTRIBUTORS) -> PooledPrior:
    """Pool members' (estimate, sd) per activity into the organisation's prior: means and spread.

    Parameters
    ----------
    member_estimates : sequence of mappings
        One per consenting member (never the person the prior is for): activity -> (estimate,
        sd) of the activities they logged, from fits that borrowed from no one.
    min_contributors : int
        At least ``MIN_CONTRIBUTORS`` (5).

    Returns
    -------
    PooledPrior
        Per activity with enough contributors: the pooled mean, its SD, the between-person
        spread and the count; :meth:`PooledPrior.variance_prior` turns the spread into the
        prior on tau.

    Raises
    ------
    TooFewContributors
        Below ``min_contributors`` people.

    References
    ----------
    DerSimonian & Laird (1986), "Meta-analysis in clinical trials", Controlled Clinical Trials 7:177.
    """
    if min_contributors < MIN_CONTRIBUTORS:
        raise ValueError(f"a pooled prior needs at least {MIN_CONTRIBUTORS} contributors")
    contributing = [m for m in member_estimates if m]
    if len(contributing) < min_contributors:
        raise TooFewContributors(f"a pooled prior needs at least {min_contributors} people who share for "
                                 f"team planning; {len(contributing)} do")
    by_activity: dict[str, list[tuple[float, float]]] = {}
    for member in contributing:
        for activity, (estimate, sd) in member.items():
            if math.isfinite(estimate) and math.isfinite(sd) and 0 < sd <= MAX_USEFUL_SD:
                by_activity.setdefault(activity, []).append((float(estimate), float(sd)))
    activities = {}
    for activity in sorted(by_activity):
        rows = by_activity[activity]
        if len(rows) < min_contributors:
            continue
        mean, mean_sd, spread = random_effects_mean([r[0] for r in rows], [r[1] for r in rows])
        activities[activity] = PooledActivity(activity, round(mean, ROUND_TO), round(mean_sd, ROUND_TO),
                                              round(spread, ROUND_TO), len(rows))
    return PooledPrior(activities, len(contributing))


def population_version() -> str:
    """The cache version of a fit that borrows from no one: a digest of the population prior's numbers."""
    import hashlib

    return f"population:{hashlib.sha1(POPULATION_PRIOR.key().encode()).hexdigest()[:10]}"


def estimates_from_fit(fit) -> dict[str, tuple[float, float]]:
    """(estimate, sd) per logged activity from an ``EffectsFit`` — what a member contributes."""
    return {a: (e.estimate, e.sd) for a, e in fit.effects.items() if e.episodes > 0}
