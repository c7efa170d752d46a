"""Roles that pay for what you love: occupations ranked by a person's predicted energy.

Pure Python. An occupation's predicted energy is the share-weighted mix of the person's
per-activity energy effects over the occupation's activity profile (shares sum to 1):
``E = sum_a w_a * beta_a``. Each ``beta_a`` is the person's posterior (estimate, sd) when
the activity was logged, else the prior (mean ``prior_mean``, sd ``prior_sd``: "no
evidence"). Effects are treated as independent, so ``sd(E) = sqrt(sum_a w_a^2 sd_a^2)``;
the interval is the central 90% of a normal. ``mean`` (the person's average energy) puts the
figure on the journal's -2..+2 scale; with ``mean=0`` it is relative to their usual day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

Z90 = 1.6448536269514722
# A never-logged activity is never taken as well known, even when the person's activities
# barely differ so far (same floor as the option forecasts).
MIN_PRIOR_SD = 0.5


class ActivityEffect(Protocol):
    """What the ranking needs of one activity's energy effect: a mean and its sd."""

    estimate: float
    sd: float


@dataclass(frozen=True)
class Driver:
    """One activity's part in an occupation's predicted energy: ``share * estimate``."""

    slug: str
    share: float
    estimate: float
    contribution: float
    logged: bool


@dataclass(frozen=True)
class OccupationFit:
    """Predicted energy of one occupation with its 90% interval and what drives it."""

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


def predict_occupation(
    code: str,
    shares: Mapping[str, float],
    effects: Mapping[str, ActivityEffect],
    prior_sd: float,
    prior_mean: float | Mapping[str, float] = 0.0,
    mean: float = 0.0,
) -> OccupationFit:
    """Predict one occupation's energy from its activity shares and the person's effects.

    ``prior_mean`` may be one number or a per-activity mapping (population priors).
    ``coverage`` is the share of the occupation's work under activities the person has
    logged: low coverage means the figure rests mostly on the prior.
    """
    prior_sd = max(prior_sd, MIN_PRIOR_SD)
    total = sum(shares.values())
    if total <= 0:
        raise ValueError(f"occupation {code} has no activity profile")
    energy = mean
    variance = 0.0
    coverage = 0.0
    drivers = []
    for slug, raw_share in shares.items():
        share = raw_share / total
        effect = effects.get(slug)
        logged = effect is not None
        if logged:
            estimate = effect.estimate
        elif isinstance(prior_mean, Mapping):
            estimate = float(prior_mean.get(slug, 0.0))
        else:
            estimate = prior_mean
        sd = effect.sd if logged else prior_sd
        energy += share * estimate
        variance += (share * sd) ** 2
        coverage += share if logged else 0.0
        drivers.append(Driver(slug, share, estimate, share * estimate, logged))
    drivers.sort(key=lambda d: -abs(d.contribution))
    sd = math.sqrt(variance)
    return OccupationFit(code, energy, sd, energy - Z90 * sd, energy + Z90 * sd, coverage,
                         tuple(drivers))


def rank_occupations(
    profiles: Mapping[str, Mapping[str, float]],
    effects: Mapping[str, ActivityEffect],
    prior_sd: float,
    prior_mean: float | Mapping[str, float] = 0.0,
    eligible: Iterable[str] | None = None,
    mean: float = 0.0,
) -> list[OccupationFit]:
    """Rank occupations by predicted energy, best first; those without a profile are skipped.

    Ties in the mean are broken by the lower bound, so the surer of two equal fits comes first.
    """
    codes = list(eligible) if eligible is not None else list(profiles)
    fits = [predict_occupation(code, profiles[code], effects, prior_sd, prior_mean, mean)
            for code in codes if profiles.get(code) and sum(profiles[code].values()) > 0]
    fits.sort(key=lambda fit: (-fit.energy, -fit.low, fit.code))
    return fits
