"""Pieces shared by the activity model (energy_model) and the context model (context_model).

Defined once here: the input checks every fit makes, the factor coding, Student-t helpers,
the bounds of the log variance ratios, the noise prior and the priors on the variance
ratios.  Private to ``ownpath.analytics``: nothing outside the two models imports it.

The priors on the variance components (see :class:`VariancePrior`) are *population* priors:
what experience-sampling studies report about how much of the moment-to-moment variation in
how people feel comes from the activity, from the day and from everything else.  Their
numbers and sources are in :data:`POPULATION_PRIOR` and docs/priors.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# SciPy's special functions take about a third of a second to import (more than the fits of a
# 50,000-entry journal): they are imported only for a Student t with few degrees of freedom.
from ownpath.analytics.normal import normal_cdf, normal_quantile

DEFAULT_LEVEL = 0.90
# log(tau/sigma) and log(day_sd/sigma) are kept inside these bounds (ratios ~0.001 .. ~55).
LOG_RATIO_BOUNDS = (-7.0, 4.0)
# Above this many distinct day totals the per-group loops give way to a scatter.
FEW_GROUPS = 256
# The weak half-Cauchy(0, 2) prior of the context model's extra factors (people, places,
# tools, curves): weakly informative on a -2..+2 scale.
RATIO_PRIOR_SCALE = 2.0


@dataclass(frozen=True)
class VariancePrior:
    """Priors on the three variance components of a person's energy model.

    ``activity_ratio`` / ``day_ratio`` are the prior medians of tau/sigma (how far activities
    differ, in units of the moment-to-moment noise) and day_sd/sigma; each ratio is
    log-normal with SD ``*_log_sd`` on the log scale.  sigma^2 itself is scaled inverse-chi^2
    with ``noise_df`` pseudo-observations of SD ``noise_sd``.  A short journal is then shrunk
    to the person's own mean about as much as people in general warrant, and a long one
    overrules the prior.  ``source`` says where the numbers come from ("population": the
    published experience-sampling studies; "colleagues:N": N consenting colleagues).
    """

    activity_ratio: float
    activity_log_sd: float
    day_ratio: float
    day_log_sd: float
    noise_sd: float
    noise_df: float
    source: str = "population"

    def centre(self) -> np.ndarray:
        """Prior medians of (log tau/sigma, log day_sd/sigma)."""
        return np.log([self.activity_ratio, self.day_ratio])

    def scale(self) -> np.ndarray:
        """Prior SDs of (log tau/sigma, log day_sd/sigma)."""
        return np.array([self.activity_log_sd, self.day_log_sd])

    def key(self) -> str:
        """A short text that changes whenever the prior does (for cache keys)."""
        return (f"{self.source}:{self.activity_ratio:.3f}/{self.activity_log_sd:.2f}:"
                f"{self.day_ratio:.3f}/{self.day_log_sd:.2f}:{self.noise_sd:.3f}/{self.noise_df:g}")


# Estimated from open experience-sampling data by scripts/build_population_prior.py (the data
# sets, licences, checksums and the rule are in docs/priors.md; only these numbers are shipped):
# * openESM 0014, Habets et al. (2020), CC0 1.0: 20 people, 1,536 beeps over 14 days, activity
#   and "I feel tired" (reversed: energy);
# * openESM 0022, Menghini et al. (2023), GPL-3.0: 16 office workers, 219 beeps over 3 working
#   days, the work task and "without energy" (reversed).
# Ratings rescaled to -2..+2; each person fitted with the REML fit of energy_model; the
# population of *true* log ratios fitted by maximum marginal likelihood over every person's
# restricted likelihood (a per-person estimate is noisy and often zero, so the spread of the
# estimates overstates the spread of the truth).  Pooled fit: tau/sigma median 0.25, log-SD 0.67;
# day_sd/sigma median 0.23, log-SD 0.95 (bootstrap SEs over people ~0.1 on the medians, ~0.26 on
# the log-SDs: 36 people); noise SD the median of the people's REML noise SDs, 0.54.  The noise
# prior's weight, 4 pseudo-ratings, is a stated choice, not estimated.  The m-Path example study
# is held out of the estimate (the benchmarks check against it).
POPULATION_PRIOR = VariancePrior(activity_ratio=0.25, activity_log_sd=0.67, day_ratio=0.23, day_log_sd=0.95,
                                 noise_sd=0.54, noise_df=4.0, source="population")


def checked_observations(activities: Sequence, days: Sequence, ratings: Sequence[float],
                         weights: Sequence[float] | None, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The ratings and normalised weights of a fit, after the checks every fit makes on its inputs."""
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    n = len(ratings)
    if len(activities) != n or len(days) != n:
        raise ValueError("activities, days and ratings must have the same length")
    y = np.asarray(ratings, dtype=float).reshape(n)
    if not np.all(np.isfinite(y)):
        raise ValueError("ratings must be finite numbers")
    return y, normalised_weights(weights, n)


def normalised_weights(weights: Sequence[float] | None, n: int) -> np.ndarray:
    """Precision weights scaled to mean 1 (all ones when not given); rejects non-positive ones."""
    if weights is None:
        return np.ones(n)
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.shape != (n,):
        raise ValueError("weights must have one value per rating")
    if not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise ValueError("weights must be positive numbers")
    return w / w.mean() if n else w


def weight_inflation(sum_w: np.ndarray, sum_w2: np.ndarray) -> np.ndarray:
    """Per level, the factor (at least 1) by which hours weights understate an effect's SD.

    ``sum_w`` / ``sum_w2``: the sums of the level's weights and squared weights (weights of mean
    1 over the fit).  Hours say how much an entry counts toward what a week feels like, not that
    a long entry is rated more precisely; fitted as precision weights they overstate the evidence
    of a level of long entries by sum(w^2)/sum(w), Kish's design effect for unequal weights.  Never
    below 1, so no interval is narrowed on this account.
    """
    sum_w = np.asarray(sum_w, dtype=float)
    ratio = np.divide(np.asarray(sum_w2, dtype=float), sum_w, out=np.ones_like(sum_w), where=sum_w > 0)
    return np.sqrt(np.maximum(ratio, 1.0))


def widened(estimate: float, low: float, high: float, sd: float, p_positive: float,
            factor: float) -> tuple[float, float, float, float]:
    """(low, high, sd, P(>0)) of an effect whose uncertainty is ``factor`` times larger, same estimate."""
    if factor <= 1.0:
        return low, high, sd, p_positive
    p = min(max(p_positive, 1e-300), 1.0 - 1e-16)
    return (estimate - (estimate - low) * factor, estimate + (high - estimate) * factor, sd * factor,
            float(normal_cdf(normal_quantile(p) / factor)))


def factorize(values: Sequence[object]) -> tuple[list[object], np.ndarray]:
    """Distinct values (first-seen order for objects, sorted for numbers) and codes."""
    arr = values if isinstance(values, np.ndarray) else np.asarray(values)
    if arr.ndim == 1 and arr.dtype.kind in "iufMU":
        uniq, codes = np.unique(arr, return_inverse=True)
        return list(uniq), codes.astype(np.intp)
    index: dict[object, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.intp,
                        count=len(values))
    return list(index), codes


def t_cdf(z: np.ndarray | float, df: float) -> np.ndarray:
    """Student-t CDF (a normal beyond 5,000 degrees of freedom, where they agree to 4+ digits)."""
    if df > 5000:
        return np.asarray(normal_cdf(z))
    from scipy import special

    return special.stdtr(df, z)


def t_variance_factor(df: float) -> float:
    """Variance of a unit-scale Student t; df <= 2 (one or two entries) is reported as if df were 3."""
    if math.isinf(df):
        return 1.0
    return df / (df - 2.0) if df > 2.0 else 3.0


def t_quantile(prob: float, df: float) -> float:
    """Quantile of a unit Student t (normal beyond 5,000 degrees of freedom)."""
    if df > 5000:
        return normal_quantile(prob)
    from scipy import special

    return float(special.stdtrit(df, prob))


def log_half_cauchy_in_log_space(log_ratio: float) -> float:
    """log density of x = log(ratio) when ratio ~ half-Cauchy(0, RATIO_PRIOR_SCALE), Jacobian included."""
    ratio = math.exp(log_ratio)
    return log_ratio - math.log1p((ratio / RATIO_PRIOR_SCALE) ** 2)


def d_log_half_cauchy_in_log_space(log_ratio: float) -> float:
    """Derivative of :func:`log_half_cauchy_in_log_space` in x."""
    r2 = (math.exp(log_ratio) / RATIO_PRIOR_SCALE) ** 2
    return 1.0 - 2.0 * r2 / (1.0 + r2)


def log_normal_prior(x: np.ndarray, centre: np.ndarray, scale: np.ndarray) -> tuple[float, np.ndarray]:
    """log density (up to a constant) of x = log(ratio) ~ N(centre, scale^2), and its gradient."""
    z = (np.asarray(x, dtype=float) - centre) / scale
    return -0.5 * float(z @ z), -z / scale
