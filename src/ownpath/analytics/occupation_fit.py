"""Roles that pay for what you love: occupations ranked by a person's predicted energy.

Pure Python. An occupation is treated as an option whose weekly mix is its O*NET activity
profile, so its predicted energy is exactly the option forecast
(:func:`ownpath.analytics.forecast.forecast_energy`: the person's mean plus the share-weighted
mix of activity posteriors; never-logged activities fall back to the wide prior). This module
only adds the ranking and the per-activity drivers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from ownpath.analytics.forecast import (
    Z90, EnergyPosterior, _covariance, belief, forecast_energy, mix_shares,
)


@dataclass(frozen=True)
class Driver:
    """One activity's part in an occupation's predicted energy: ``share * estimate``."""

    slug: str
    share: float
    estimate: float
    contribution: float
    logged: bool
    feeling: str


@dataclass(frozen=True)
class OccupationFit:
    """Predicted energy of one occupation with its 90% interval and what drives it.

    ``coverage`` is the share of the occupation's work under activities the person has
    logged: low coverage means the figure rests mostly on the prior.
    """

    code: str
    energy: float
    sd: float
    low: float
    high: float
    coverage: float
    drivers: tuple[Driver, ...] = field(default_factory=tuple)

    @property
    def probability_energizing(self) -> float:
        """P(energy > 0): the chance the role leaves the person energized rather than drained."""
        if self.sd <= 0:
            return 1.0 if self.energy > 0 else 0.0
        return 0.5 * (1 + math.erf(self.energy / (self.sd * math.sqrt(2))))


def predict_occupation(code: str, shares: Mapping[str, float],
                       posterior: EnergyPosterior) -> OccupationFit:
    """Predict one occupation's energy from its activity shares and the person's posterior."""
    try:
        weights = mix_shares(shares)
    except ValueError:
        raise ValueError(f"occupation {code} has no activity profile") from None
    interval = forecast_energy(weights, posterior)
    drivers = []
    coverage = 0.0
    for slug, share in weights.items():
        b = belief(slug, posterior)
        coverage += share if b.logged else 0.0
        drivers.append(Driver(slug, share, b.estimate, share * b.estimate, b.logged, b.feeling))
    drivers.sort(key=lambda d: (-abs(d.contribution), -d.share, d.slug))
    return OccupationFit(code, interval.estimate, interval.sd, interval.low, interval.high,
                         coverage, tuple(drivers))


def rank_occupations(profiles: Mapping[str, Mapping[str, float]], posterior: EnergyPosterior,
                     eligible: Iterable[str] | None = None, limit: int | None = None) -> list[OccupationFit]:
    """Rank occupations by predicted energy, best first; those without a profile are skipped.

    Ties in the mean are broken by the lower bound, so the surer of two equal fits comes first.
    All occupations are scored at once as matrix products (the same sums as
    ``predict_occupation``: share-weighted means, and ``w' Σ w`` for the variance); only the
    ``limit`` best are then explained activity by activity.
    """
    codes = [code for code in (list(eligible) if eligible is not None else list(profiles))
             if profiles.get(code) and sum(profiles[code].values()) > 0]
    if not codes:
        return []
    slugs = sorted({slug for code in codes for slug in profiles[code]})
    column = {slug: i for i, slug in enumerate(slugs)}
    weights = np.zeros((len(codes), len(slugs)))
    for row, code in enumerate(codes):
        for slug, share in mix_shares(profiles[code]).items():
            weights[row, column[slug]] = share
    beliefs = {slug: belief(slug, posterior) for slug in slugs}
    estimates = np.array([beliefs[slug].estimate for slug in slugs])
    covariance = np.array([[_covariance(posterior, a, b, beliefs) for b in slugs] for a in slugs])
    mean_sd = float(getattr(posterior, "mean_sd", 0.0) or 0.0)
    energy = float(posterior.mean) + weights @ estimates
    sd = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", weights, covariance, weights), 0.0) + mean_sd**2)
    low = energy - Z90 * sd
    order = sorted(range(len(codes)), key=lambda i: (-round(energy[i], 12), -round(low[i], 12), codes[i]))
    if limit is not None:
        order = order[:limit]
    fits = [predict_occupation(codes[i], profiles[codes[i]], posterior) for i in order]
    fits.sort(key=lambda fit: (-fit.energy, -fit.low, fit.code))
    return fits
