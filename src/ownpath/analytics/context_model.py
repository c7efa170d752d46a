"""What drives energy beyond the activity: people, places, tools, time of day and the dose of the day.

The energy model of :mod:`ownpath.analytics.energy_model` grows more crossed factors.  For
episode *i* on day *d*::

    y_i = mu + beta[activity] + sum_f sum_{l in levels_f(i)} gamma_f[l]
             + sum_c f_c(x_ci) + u[d] + e_i

* every *factor* f (people, place, tools, and interactions such as activity x place) is a
  random effect with its own variance, ``gamma_f ~ N(0, tau_f^2)`` — partial pooling, like
  the activities, so a colleague met twice is not "the one who drains you" on luck.  An
  entry may list several levels of one factor (with "Sam, customers"): their effects add up;
* every *curve* c (hours already worked that day, meetings back to back, time of day) is a
  smooth function: piecewise linear on a few knots, with a random-walk prior on the changes
  between knots (variance tau_c^2 per unit of x: the mixed-model form of a penalised spline),
  so the data decide how far it may bend and with no evidence it stays flat; not a factor
  per hour.  A missing value (no start time) gets its own fixed level;
* the mood of the day ``u[d] ~ N(0, day_sd^2)`` and the noise are as in the energy model.

Speed.  As in energy_model, the day block is eliminated in closed form: Henderson's
equations for the p = (fixed + all random) columns keep the day block diagonal, and the only
coupling term ``sum_d dinv_d m_d m_d'`` (m_d the weighted column sums of day d) depends on a
day only through its total weight n_d, so days are pooled by n_d and the per-group Gram
matrices precomputed.  An evaluation of the REML criterion then costs O(groups p^2 + p^3)
whatever the number of episodes; its gradient is analytic (the EM-REML identities, one per
variance block), and L-BFGS finds the posterior mode of the log variance ratios.  The
activities and the day take energy_model's priors (the population's, or the consenting
colleagues'; see ``_mixed_model.VariancePrior``), so a short journal says as little here as
there; people, places and tools a fixed weak prior (FACTOR_RATIO); curves and interactions
a weak half-Cauchy(0, 2) prior on their spread.

Hyperparameter uncertainty.  With one ratio per block (up to ~10) a grid is out of reach,
so instead of energy_model's grid integration the effects' posterior is the conditional
Student t at the mode, widened by the first-order (Kackar-Harville) term ``J H^-1 J'``
where J is the derivative of the effects in the log ratios and H the Hessian of the negative
log posterior; bench/context_effects.py measures the resulting 90% coverage.

Nothing here imports Django; inputs are plain sequences, outputs frozen dataclasses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

# SciPy (sparse, lapack, optimize) and threadpoolctl are imported where a fit needs them: they
# take about half a second to load, which insights on a journal without context never pay.
if TYPE_CHECKING:
    from scipy import sparse

from ownpath.analytics._mixed_model import (
    DEFAULT_LEVEL,
    POPULATION_PRIOR,
    VariancePrior,
)
from ownpath.analytics._mixed_model import (
    log_normal_prior as _log_normal_prior,
)
from ownpath.analytics._mixed_model import (
    FEW_GROUPS as _FEW_GROUPS,
)
from ownpath.analytics._mixed_model import (
    LOG_RATIO_BOUNDS as _LOG_RATIO_BOUNDS,
)
from ownpath.analytics._mixed_model import (
    checked_observations as _checked_observations,
)
from ownpath.analytics._mixed_model import (
    d_log_half_cauchy_in_log_space as _d_log_half_cauchy_in_log_space,
)
from ownpath.analytics._mixed_model import (
    factorize as _factorize,
)
from ownpath.analytics._mixed_model import (
    log_half_cauchy_in_log_space as _log_half_cauchy_in_log_space,
)
from ownpath.analytics._mixed_model import (
    t_cdf as _t_cdf,
)
from ownpath.analytics._mixed_model import (
    t_quantile as _t_quantile,
)
from ownpath.analytics._mixed_model import (
    t_variance_factor as _t_variance_factor,
)
from ownpath.analytics._mixed_model import (
    weight_inflation as _weight_inflation,
)
from ownpath.analytics._mixed_model import (
    widened as _widened,
)
from ownpath.analytics.energy_model import ActivityEffect

PRUNE_THRESHOLD = 5.41
# A colleague's, a place's or a tool's effect: a fixed weak prior N(0, (2 sigma)^2), not a spread
# estimated from a handful of levels, which pulls a lone strong effect toward the rest (a
# draining colleague beside two neutral ones came out 5% too mild).  Screened findings are
# kept from naming neutral levels by verdicts.screened_verdict, predictions by the pruned fit.
FACTOR_RATIO = 2.0
ACTIVITY = "activity"


@dataclass(frozen=True)
class Curve:
    """A smooth effect of a number: ``values`` per episode (NaN: unknown), spline ``knots``.

    ``reference`` is where the curve is 0 (e.g. 0 hours worked so far); values outside the
    knots are clamped to the first / last knot.
    """

    values: Sequence[float]
    knots: Sequence[float]
    reference: float | None = None


BASELINE_SOLO = "solo"  # a colleague against the time alone or with no one named
BASELINE_WITHOUT = "without"  # a place or tool against the entries without it
BASELINE_AVERAGE = "average"  # an interaction against the average of its combinations


@dataclass(frozen=True)
class ContextEffect:
    """Posterior of one level of a factor (a person, a place, a tool, an activity at a place).

    The effect is a contrast, for the same activity, against its ``baseline``: "solo" (a
    colleague against the entries alone or with no one named), "without" (a place or tool
    against the entries without it) or "average" (an interaction level against the
    entry-weighted average of the combinations).  Comparing with the person's overall
    average instead would let one draining colleague, who pulls the average down, make every
    neutral colleague look energizing.  ``baseline_entries`` is how many entries the baseline
    rests on.
    """

    factor: str
    level: str
    estimate: float
    sd: float
    low: float
    high: float
    p_positive: float
    episodes: int
    days: int
    baseline: str = BASELINE_AVERAGE
    baseline_entries: int = 0


@dataclass(frozen=True)
class CurvePoint:
    """A curve's value at x relative to its reference, and how many episodes / days reach x."""

    x: float
    estimate: float
    sd: float
    low: float
    high: float
    p_positive: float
    episodes: int  # episodes at or beyond x (at or below x when x is below the reference)
    days: int


@dataclass(frozen=True)
class ContextFit:
    """The fitted model: activity effects, each factor's levels, each curve, variance components."""

    activities: Mapping[str, ActivityEffect]
    factors: Mapping[str, tuple[ContextEffect, ...]]
    curves: Mapping[str, tuple[CurvePoint, ...]]
    components: Mapping[str, float]  # SD of each block (its factor / curve name), "day" and "noise"
    mean: float
    n_episodes: int
    n_days: int
    level: float = DEFAULT_LEVEL
    _design: object = field(default=None, repr=False, compare=False)
    _coef: np.ndarray | None = field(default=None, repr=False, compare=False)

    def predict(self, activities: Sequence[str], factors: Mapping[str, Sequence] | None = None,
                curves: Mapping[str, Sequence[float]] | None = None) -> np.ndarray:
        """Expected rating of new episodes on a day of average mood (levels never seen count 0)."""
        rows = self._design.encode(activities, factors or {}, curves or {}, known_only=True)
        return rows @ (self._design.transform @ self._coef)

    def contrast(self, terms: Sequence[tuple[float, Mapping]]) -> tuple[float, float, float]:
        """sum of weight * expected rating of hypothetical episodes: (estimate, low, high).

        Each term is (weight, {"activity": slug, "factors": {...}, "curves": {...}}) for one
        episode, e.g. +1 customers at the client site, -1 customers at the office.
        """
        design = self._design
        total = np.zeros(design.p)
        for weight, episode in terms:
            factors = {k: [v] for k, v in episode.get("factors", {}).items()}
            curves = {k: np.array([v], dtype=float) for k, v in episode.get("curves", {}).items()}
            row = design.encode([episode["activity"]], factors, curves, known_only=True)
            total += weight * np.asarray((row @ design.transform).todense()).ravel()
        return design.interval(total, self.level)[:3]

    def curve_difference(self, name: str, low_x: float, high_x: float) -> tuple[float, float, float]:
        """f(high_x) - f(low_x) for curve ``name``: (estimate, low, high) at the fit's level."""
        design = self._design
        c = design.curve_row(name, high_x) - design.curve_row(name, low_x)
        return design.interval(c, self.level)[:3]


def estimate_context_effects(
    activities: Sequence[str],
    days: Sequence[object],
    ratings: Sequence[float],
    weights: Sequence[float] | None = None,
    *,
    factors: Mapping[str, Sequence] | None = None,
    curves: Mapping[str, Curve] | None = None,
    interactions: Sequence[tuple[str, str]] = (),
    level: float = DEFAULT_LEVEL,
    prior_means: Mapping[str, float] | None = None,
    with_prior: bool = True,
    solo_levels: Mapping[str, Sequence[str]] | None = None,
    variance_prior: VariancePrior | None = None,
) -> ContextFit:
    """Fit activity, factor, curve and day effects jointly and summarise each.

    ``factors`` maps a name ("people", "place", "tools") to one value per episode: a level
    (str), several levels (tuple/list), or None / "" when not given.  ``curves`` maps a name
    to a :class:`Curve`.  ``interactions`` names pairs of single-level factors ("activity"
    counts as one) whose combinations get their own partially pooled effect, on top of the
    two main effects.  ``with_prior=False`` gives the plain REML fit (normal intervals, no
    hyperparameter correction), which with no factors equals energy_model's ``method="reml"``.
    ``solo_levels`` names, per factor, the levels that mean "on my own" (people: "alone"):
    each other level of that factor is compared with the entries that list only those or
    nothing; the levels of every other factor with the entries without them.

    Parameters
    ----------
    activities, days, ratings : sequences of equal length
        One value per episode.
    weights : sequence of float, optional
        Precision weights (hours), normalised to mean 1.
    factors, curves, interactions, level, prior_means, with_prior, solo_levels
        As above.
    variance_prior : VariancePrior, optional
        Priors on the activity spread, the day's mood and the noise (the population's by
        default; the consenting colleagues' in an organisation), as in energy_model.

    Returns
    -------
    ContextFit
        Activity effects, every factor level as a contrast with its baseline, curve points,
        variance components; each with its interval, P(> 0) and the entries behind it.

    References
    ----------
    Kackar & Harville (1984) for the hyperparameter correction; Wood (2017), "Generalized
    Additive Models", for the random-walk (penalised spline) form of the curves.
    """
    y, w = _checked_observations(activities, days, ratings, weights, level)
    n = len(y)
    factors = dict(factors or {})
    curves = dict(curves or {})
    for name, values in factors.items():
        if len(values) != n:
            raise ValueError(f"factor {name!r} must have one value per rating")
    for name, curve in curves.items():
        if len(curve.values) != n:
            raise ValueError(f"curve {name!r} must have one value per rating")
        if len(curve.knots) < 3 or np.any(np.diff(np.asarray(curve.knots, dtype=float)) <= 0):
            raise ValueError(f"curve {name!r} needs at least 3 increasing knots")
    if n == 0:
        return ContextFit({}, {}, {}, {}, 0.0, 0, 0, level)
    # The matrices are small (p ~ 20-200): one BLAS thread is fastest, and on a busy machine
    # a multi-threaded BLAS spends seconds synchronising over them.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _fit(activities, days, y, w, factors, curves, interactions, level, dict(prior_means or {}),
                    with_prior, n, {k: frozenset(v) for k, v in (solo_levels or {}).items()},
                    variance_prior or POPULATION_PRIOR)


def _fit(activities, days, y, w, factors, curves, interactions, level, priors, with_prior, n,
         solo_levels, variance_prior) -> ContextFit:
    """estimate_context_effects after the checks."""
    day_keys, d_idx = _factorize(days)
    design = _Design(activities, factors, curves, interactions, priors)
    X = design.encode(activities, factors, {k: c.values for k, c in curves.items()})
    offsets = design.prior_offsets(activities)
    fixed = {j: math.log(FACTOR_RATIO) for j, name in enumerate(design.block_slices) if name in factors}
    problem = _Problem(X, design.transform, d_idx, len(day_keys), y - offsets, w, design.block_slices,
                       design.n_fixed, with_prior, variance_prior, fixed if with_prior else {})
    x_mode = problem.find_mode()
    design.attach(problem, x_mode, level)
    # Hours are fitted as precision weights; each level's interval is widened by the design
    # effect of its entries' weights (a curve's by the whole journal's), as in energy_model.
    member = abs(X).sign()
    design.inflation = _weight_inflation(member.T @ w, member.T @ (w * w))
    design.overall_inflation = float(_weight_inflation(np.array([w.sum()]), np.array([w @ w]))[0])
    return design.summarise(activities, factors, curves, d_idx, y, level, n, len(day_keys), solo_levels)


# --------------------------------------------------------------------------- design


def _hat_position(values: np.ndarray, knots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Knot interval j of each (known) value and its position t in it: weights 1-t on j, t on j+1."""
    x = np.clip(values, knots[0], knots[-1])
    j = np.clip(np.searchsorted(knots, x, side="right") - 1, 0, len(knots) - 2)
    return j, (x - knots[j]) / (knots[j + 1] - knots[j])


def _penalised_directions(knots: np.ndarray) -> np.ndarray:
    """Spline coefficients -> random-walk coordinates: columns U+ diag(lambda^-1/2).

    The prior is a random walk over the knots (a Brownian motion sampled at them: the
    change between neighbouring knots has variance tau^2 times their distance), so with
    little data the curve stays flat — "no effect" — and it bends only where the data
    insist.  Its null space (a constant) is left to the intercept.
    """
    h = np.diff(knots)
    k = len(knots)
    first = np.zeros((k - 1, k))
    for i in range(k - 1):
        first[i, i] = -1.0 / math.sqrt(h[i])
        first[i, i + 1] = 1.0 / math.sqrt(h[i])
    vals, vecs = np.linalg.eigh(first.T @ first)
    keep = vals > 1e-9 * vals.max()
    return vecs[:, keep] / np.sqrt(vals[keep])


class _Design:
    """Column layout and encoders: fixed columns first, then one block per random effect."""

    def __init__(self, activities, factors, curves, interactions, priors) -> None:
        self.priors = priors
        # Set by _fit once the weights are known: each column's design effect, and the journal's.
        self.inflation: np.ndarray = np.ones(0)
        self.overall_inflation = 1.0
        self.curve_specs: dict[str, tuple[np.ndarray, float, np.ndarray, bool]] = {}
        fixed = ["(intercept)"]
        for name, curve in curves.items():
            knots = np.asarray(curve.knots, dtype=float)
            ref = float(knots[0] if curve.reference is None else curve.reference)
            values = np.asarray(curve.values, dtype=float)
            has_missing = bool(np.isnan(values).any()) and not bool(np.isnan(values).all())
            self.curve_specs[name] = (knots, ref, _penalised_directions(knots), has_missing)
            if has_missing:
                fixed.append(f"{name}:unknown")
        self.n_fixed = len(fixed)
        self.fixed_names = fixed
        self.levels: dict[str, list[str]] = {ACTIVITY: list(dict.fromkeys(str(v) for v in _distinct(activities)))}
        self._flat_cache: dict[int, tuple[object, tuple[np.ndarray, np.ndarray, list[str]]]] = {}
        self._codes_cache: dict[tuple[str, int], tuple[object, tuple[np.ndarray, np.ndarray]]] = {}
        self._single_cache: dict[tuple[str, int], tuple[object, np.ndarray]] = {}
        for name, values in factors.items():
            self.levels[name] = self._flatten(values)[2]
        self.index = {name: {lvl: k for k, lvl in enumerate(lv)} for name, lv in self.levels.items()}
        self.main_factors = [name for name in self.levels]
        self.interactions = [tuple(pair) for pair in interactions]
        self.pair_index: dict[str, dict[tuple[int, int], int]] = {}
        for a, b in self.interactions:
            name = _interaction_name(a, b)
            ca = self._single_codes(a, activities if a == ACTIVITY else factors[a])
            cb = self._single_codes(b, activities if b == ACTIVITY else factors[b])
            both = (ca >= 0) & (cb >= 0)
            pairs = np.unique(ca[both] * len(self.levels[b]) + cb[both])
            keys = [(int(k // len(self.levels[b])), int(k % len(self.levels[b]))) for k in pairs]
            self.pair_index[name] = {key: j for j, key in enumerate(keys)}
            self.levels[name] = [f"{self.levels[a][i]} | {self.levels[b][j]}" for i, j in keys]
        # Blocks: name -> slice of columns; curves' penalised parts after the factors.
        self.block_slices: dict[str, slice] = {}
        start = self.n_fixed
        for name, lv in self.levels.items():
            self.block_slices[name] = slice(start, start + len(lv))
            start += len(lv)
        # Curves are encoded on their hat basis (two non-zeros a row, "raw" columns) and mapped
        # to their random-walk coordinates by ``transform`` once the sums are built.
        self.raw_slices: dict[str, slice] = {}
        raw_start = start
        from scipy import sparse

        blocks = [sparse.identity(start, format="csr")]
        for name, (knots, _, directions, _) in self.curve_specs.items():
            self.block_slices[name] = slice(start, start + directions.shape[1])
            self.raw_slices[name] = slice(raw_start, raw_start + len(knots))
            start += directions.shape[1]
            raw_start += len(knots)
            blocks.append(sparse.csr_matrix(directions))
        self.p = start
        self.raw_p = raw_start
        self.transform = sparse.block_diag(blocks, format="csr")  # raw_p x p

    def _flatten(self, values) -> tuple[np.ndarray, np.ndarray, list[str]]:
        # The fit encodes the data it was built from: flatten each factor once.  The cache
        # keeps the values themselves, so an id is never reused by another object.
        cached = self._flat_cache.get(id(values))
        if cached is not None and cached[0] is values:
            return cached[1]
        result = _flatten(values)
        self._flat_cache[id(values)] = (values, result)
        return result

    def _level_codes(self, name: str, values) -> tuple[np.ndarray, np.ndarray]:
        """(episode index, level code or -1) of every level listed; the fit's own data coded once."""
        cached = self._codes_cache.get((name, id(values)))
        if cached is not None and cached[0] is values:
            return cached[1]
        row_idx, level_idx, levels = self._flatten(values)
        lookup = self.index[name]
        code_of_level = np.array([lookup.get(lvl, -1) for lvl in levels], dtype=np.intp)
        result = (row_idx, code_of_level[level_idx] if len(levels) else np.zeros(0, dtype=np.intp))
        self._codes_cache[(name, id(values))] = (values, result)
        return result

    def _single_codes(self, name: str, values) -> np.ndarray:
        """Level code of each episode with exactly one level of ``name``, else -1 (cached like _level_codes)."""
        cached = self._single_cache.get((name, id(values)))
        if cached is not None and cached[0] is values:
            return cached[1]
        lookup = self.index[name]
        if name == ACTIVITY:
            codes = _codes_of(values, lambda v: lookup.get(str(v), -1))
        else:
            codes = _codes_of(values, lambda v: lookup.get(v, -1) if isinstance(v, str) else
                              (lookup.get(str(v[0]), -1) if v is not None and len(v) == 1 else -1))
        self._single_cache[(name, id(values))] = (values, codes)
        return codes

    def prior_offsets(self, activities) -> np.ndarray:
        """Each episode's prior mean of its activity (0 without a prior)."""
        if not self.priors:
            return np.zeros(len(activities))
        return np.array([float(self.priors.get(str(a), 0.0)) for a in activities])

    def encode(self, activities, factors, curve_values, known_only: bool = False) -> sparse.csr_matrix:
        """The design rows of episodes on the raw columns (levels never seen in the fit are left out)."""
        n = len(activities)
        rows, cols, vals = [np.arange(n)], [np.zeros(n, dtype=np.intp)], [np.ones(n)]

        def add(name, row_idx, codes):
            keep = codes >= 0
            rows.append(row_idx[keep])
            cols.append(codes[keep] + self.block_slices[name].start)
            vals.append(np.ones(int(keep.sum())))

        add(ACTIVITY, np.arange(n), self._single_codes(ACTIVITY, activities))
        for name in self.main_factors:
            if name == ACTIVITY or name not in factors:
                continue
            row_idx, codes = self._level_codes(name, factors[name])
            add(name, row_idx, codes)
        for a, b in self.interactions:
            name = _interaction_name(a, b)
            va = activities if a == ACTIVITY else factors.get(a)
            vb = activities if b == ACTIVITY else factors.get(b)
            if va is None or vb is None:
                continue
            ca, cb = self._single_codes(a, va), self._single_codes(b, vb)
            n_b = len(self.levels[b])
            pair_code = np.full(len(self.levels[a]) * n_b, -1, dtype=np.intp)
            for (i, j), code in self.pair_index[name].items():
                pair_code[i * n_b + j] = code
            both = (ca >= 0) & (cb >= 0)
            codes = np.where(both, pair_code[np.where(both, ca * n_b + cb, 0)] if len(pair_code) else -1, -1)
            add(name, np.arange(n), codes)
        for name, (knots, ref, directions, has_missing) in self.curve_specs.items():
            values = np.asarray(curve_values.get(name, np.full(n, np.nan)), dtype=float)
            known = ~np.isnan(values)
            if has_missing:
                idx = np.flatnonzero(~known)
                rows.append(idx)
                cols.append(np.full(len(idx), self.fixed_names.index(f"{name}:unknown"), dtype=np.intp))
                vals.append(np.ones(len(idx)))
            idx = np.flatnonzero(known)
            j, t = _hat_position(values[known], knots)
            offset = self.raw_slices[name].start
            rows += [idx, idx]
            cols += [j + offset, j + 1 + offset]
            vals += [1.0 - t, t]
        from scipy import sparse

        return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                 shape=(n, self.raw_p))

    def curve_row(self, name: str, x: float) -> np.ndarray:
        """Coefficient weights giving the curve's value at x (without the intercept)."""
        knots, ref, directions, _ = self.curve_specs[name]
        row = np.zeros(self.p)
        j, t = _hat_position(np.array([float(x)]), knots)
        row[self.block_slices[name]] = (1.0 - t[0]) * directions[j[0]] + t[0] * directions[j[0] + 1]
        return row

    # -- after the fit -------------------------------------------------------------------

    def attach(self, problem: _Problem, x_mode: np.ndarray, level: float) -> None:
        """Posterior mean and covariance of all coefficients at the mode (corrected)."""
        self.problem = problem
        state = problem.evaluate(x_mode)
        self.state = state
        self.coef = state.beta.copy()
        s2 = state.resid / state.dof
        if problem.with_prior:
            self.df = state.dof
            cov = _t_variance_factor(state.dof) * s2 * state.c_inv
            cov += problem.hyper_correction(x_mode, state)
        else:
            self.df = math.inf
            cov = s2 * state.c_inv
        self.cov = 0.5 * (cov + cov.T)
        self.x_mode = x_mode
        # Predictions come from the fit without the blocks the data do not need.
        self.predict_coef = problem.evaluate(problem.pruned(x_mode)).beta.copy() if problem.with_prior \
            else self.coef

    def interval(self, c: np.ndarray, level: float,
                 inflation: float | None = None) -> tuple[float, float, float, float, float]:
        """(estimate, low, high, sd, P(>0)) of the linear combination c' coef.

        ``inflation``: the weights' design effect to widen it by (the whole journal's by default).
        """
        est = float(c @ self.coef)
        sd = math.sqrt(max(float(c @ self.cov @ c), 1e-24))
        scale = sd / math.sqrt(_t_variance_factor(self.df))
        z = _t_quantile(0.5 + level / 2.0, self.df)
        p_pos = float(_t_cdf(est / scale, self.df))
        low, high, sd, p_pos = _widened(est, est - z * scale, est + z * scale, sd, p_pos,
                                        self.overall_inflation if inflation is None else float(inflation))
        return est, low, high, sd, p_pos

    def baselines(self, name: str, values, n: int, solo: frozenset) -> tuple[np.ndarray, np.ndarray, str]:
        """Per level of factor ``name``: the mean indicator row of its baseline entries, their count, kind.

        Row k of the first array is the average, over the baseline entries of level k, of
        each level's indicator (what the baseline's own levels contribute), so that
        ``gamma_k - row_k . gamma`` is "with level k against the baseline, same activity".
        """
        lv = self.levels[name]
        m = len(lv)
        ep_idx, codes = self._level_codes(name, values)
        keep = codes >= 0
        ep_idx, codes = ep_idx[keep], codes[keep]
        # An entry naming a level twice still counts once.
        pairs = np.sort(ep_idx.astype(np.int64) * m + codes)  # entries come in order: nearly sorted already
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
        ep_idx, codes = pairs // m, (pairs % m).astype(np.intp)
        from scipy import sparse

        member = sparse.csr_matrix((np.ones(len(codes)), (ep_idx, codes)), shape=(n, m))
        totals = np.bincount(codes, minlength=m).astype(float)
        together = (member.T @ member).toarray()  # entries listing both k and j
        # "without level k": every entry that does not list k.
        without_n = n - totals
        rows = (totals[None, :] - together) / np.maximum(without_n, 1)[:, None]
        counts = without_n.astype(int)
        kind = BASELINE_WITHOUT
        if solo:
            solo_cols = np.array([lvl in solo for lvl in lv], dtype=bool)
            named_others = np.bincount(ep_idx, weights=(~solo_cols[codes]).astype(float), minlength=n)
            alone_rows = named_others == 0  # lists nobody but "alone" (or nobody at all)
            n_solo = int(alone_rows.sum())
            n_empty = int(np.count_nonzero(np.bincount(ep_idx, minlength=n) == 0))
            if n_solo:
                in_solo = alone_rows[ep_idx]
                solo_row = np.bincount(codes[in_solo], minlength=m) / n_solo
                for k in range(m):
                    if solo_cols[k]:
                        if n_empty:  # "alone" against the entries with no one named
                            rows[k], counts[k] = 0.0, n_empty
                    else:
                        rows[k], counts[k] = solo_row, n_solo
                kind = BASELINE_SOLO
        return rows, counts, kind

    def summarise(self, activities, factors, curves, d_idx, y, level, n, n_days, solo_levels=None) -> ContextFit:
        """The frozen fit: every effect with its interval and sample size."""
        problem, state = self.problem, self.state
        X_counts = problem.X_counts
        day_sets = problem.days_per_column
        sd_all = np.sqrt(np.maximum(np.diag(self.cov), 1e-24))
        scale_all = sd_all / math.sqrt(_t_variance_factor(self.df))
        z = _t_quantile(0.5 + level / 2.0, self.df)
        p_all = _t_cdf(self.coef / scale_all, self.df)

        def effect_parts(col, offset=0.0):
            est = float(self.coef[col]) + offset
            low, high, sd, p_pos = _widened(
                est, est - z * float(scale_all[col]), est + z * float(scale_all[col]), float(sd_all[col]),
                float(_t_cdf(est / scale_all[col], self.df)) if offset else float(p_all[col]), self.inflation[col])
            return est, sd, low, high, p_pos

        act_slice = self.block_slices[ACTIVITY]
        act_list = []
        y_sum = np.zeros(len(self.levels[ACTIVITY]))
        codes = self._single_codes(ACTIVITY, activities)
        y_sum = np.bincount(codes, y, len(y_sum))
        for k, name in enumerate(self.levels[ACTIVITY]):
            col = act_slice.start + k
            est, sd, low, high, p_pos = effect_parts(col, float(self.priors.get(name, 0.0)))
            count = int(X_counts[col])
            act_list.append(ActivityEffect(name, est, sd, low, high, p_pos, count, 0.0,
                                           float(y_sum[k] / max(count, 1))))
        act_list.sort(key=lambda e: (-e.estimate, e.activity))

        factor_fx: dict[str, tuple[ContextEffect, ...]] = {}
        for name, lv in self.levels.items():
            if name == ACTIVITY:
                continue
            sl = self.block_slices[name]
            if name in factors:
                # A main factor: each level against its baseline entries (see ContextEffect).
                rows, base_counts, kind = self.baselines(name, factors[name], n,
                                                         (solo_levels or {}).get(name, frozenset()))
            else:
                # An interaction: against the entry-weighted average of its combinations;
                # differences between levels are well determined even when the block's
                # variance is not, unlike a level's distance from the prior mean.
                counts = X_counts[sl].astype(float)
                share = counts / counts.sum() if counts.sum() else np.full(len(lv), 1.0 / max(len(lv), 1))
                rows = np.tile(share, (len(lv), 1))
                base_counts = np.full(len(lv), int(counts.sum()))
                kind = BASELINE_AVERAGE
            items = []
            for k, lvl in enumerate(lv):
                col = sl.start + k
                c = np.zeros(self.p)
                c[sl] = -rows[k]
                c[col] += 1.0
                est, low, high, sd, p_pos = self.interval(c, level, self.inflation[col])
                items.append(ContextEffect(name, lvl, est, sd, low, high, p_pos, int(X_counts[col]),
                                           int(day_sets[col]), kind, int(base_counts[k])))
            items.sort(key=lambda e: (-e.estimate, e.level))
            factor_fx[name] = tuple(items)

        curve_fx: dict[str, tuple[CurvePoint, ...]] = {}
        for name, (knots, ref, _, _) in self.curve_specs.items():
            values = np.asarray(curves[name].values, dtype=float)
            known = ~np.isnan(values)
            points = []
            for x in knots:
                c = self.curve_row(name, float(x)) - self.curve_row(name, ref)
                est, low, high, sd, p_pos = self.interval(c, level, self.overall_inflation)
                reach = (values >= x) if x >= ref else (values <= x)
                reach &= known
                days_reached = int(np.count_nonzero(np.bincount(d_idx[reach], minlength=n_days)))
                points.append(CurvePoint(float(x), est, sd, low, high, p_pos, int(reach.sum()), days_reached))
            curve_fx[name] = tuple(points)

        components = {name: math.sqrt(state.ratios[j] * state.resid / state.dof)
                      for j, name in enumerate(self.block_slices)}
        components["day"] = math.sqrt(state.ratio_day * state.resid / state.dof)
        components["noise"] = math.sqrt(state.resid / state.dof)
        mean = float(self.coef[0]) + problem.ybar
        coef = self.predict_coef.copy()
        coef[0] += problem.ybar
        return ContextFit(
            activities={e.activity: e for e in act_list},
            factors=factor_fx,
            curves=curve_fx,
            components=components,
            mean=mean,
            n_episodes=n,
            n_days=n_days,
            level=level,
            _design=self,
            _coef=coef + self._prior_coef(),
        )

    def _prior_coef(self) -> np.ndarray:
        extra = np.zeros(self.p)
        sl = self.block_slices[ACTIVITY]
        for k, name in enumerate(self.levels[ACTIVITY]):
            extra[sl.start + k] = float(self.priors.get(name, 0.0))
        return extra


# A journal repeats a few activities, places and companies over thousands of entries: the helpers
# below work once per distinct value and spread the result with NumPy (50,000 entries: ~60 ms less).
def _distinct(values) -> dict:
    """The distinct values in order of first appearance (unhashable ones, such as lists, as tuples)."""
    try:
        return dict.fromkeys(values)
    except TypeError:
        return dict.fromkeys(tuple(v) if isinstance(v, list) else v for v in values)


def _value_index(values) -> tuple[list, np.ndarray]:
    """(distinct values in order of first appearance, each value's position among them)."""
    try:
        position = {v: k for k, v in enumerate(dict.fromkeys(values))}
    except TypeError:  # a list of levels: as a tuple
        values = [tuple(v) if isinstance(v, list) else v for v in values]
        position = {v: k for k, v in enumerate(dict.fromkeys(values))}
    return list(position), np.fromiter(map(position.__getitem__, values), dtype=np.intp, count=len(values))


def _codes_of(values, code_of_value) -> np.ndarray:
    """code_of_value(v) for every value, computed once per distinct value."""
    distinct, idx = _value_index(values)
    table = np.array([code_of_value(v) for v in distinct], dtype=np.intp)
    return table[idx] if len(distinct) else np.zeros(0, dtype=np.intp)


def _flatten(values) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(episode index, level index, levels) for every level listed: a str is one level, a tuple several.

    Levels are numbered in order of first appearance; an entry listing a level twice lists it twice.
    """
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        keep = np.flatnonzero(values != "")
        levels, level_idx = _value_index(values[keep].tolist())
        return keep, level_idx, [str(v) for v in levels]
    distinct, value_idx = _value_index(values)
    level_of: dict[str, int] = {}
    expanded: list[list[int]] = []  # per distinct value: its levels' indices
    for v in distinct:
        listed = () if not v else (v,) if isinstance(v, str) else v
        expanded.append([level_of.setdefault(str(lvl), len(level_of)) for lvl in listed])
    lengths = np.array([len(e) for e in expanded], dtype=np.intp)
    counts = lengths[value_idx] if len(distinct) else np.zeros(0, dtype=np.intp)
    total = int(counts.sum())
    row_idx = np.repeat(np.arange(len(value_idx)), counts)
    if total == 0:
        return row_idx, np.zeros(0, dtype=np.intp), list(level_of)
    flat = np.array([k for e in expanded for k in e], dtype=np.intp)
    first = np.concatenate([[0], np.cumsum(lengths)[:-1]])  # where each distinct value's levels start in flat
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return row_idx, flat[np.repeat(first[value_idx], counts) + within], list(level_of)


def _interaction_name(a: str, b: str) -> str:
    return f"{a} x {b}"


# --------------------------------------------------------------------------- estimation


@dataclass
class _Eval:
    objective: float
    grad: np.ndarray
    beta: np.ndarray
    resid: float
    dof: float
    ratios: np.ndarray
    ratio_day: float
    c_inv: np.ndarray | None = None
    likelihood: float = 0.0  # the objective without the priors on the ratios


class _Problem:
    """Sufficient statistics with the day block eliminated; REML objective and gradient."""

    def __init__(self, X: sparse.csr_matrix, transform: sparse.csr_matrix, d_idx: np.ndarray, n_day: int,
                 y: np.ndarray, w: np.ndarray, blocks: Mapping[str, slice], n_fixed: int, with_prior: bool,
                 variance_prior: VariancePrior = POPULATION_PRIOR, fixed: Mapping[int, float] | None = None) -> None:
        from scipy import sparse

        self.n, raw_p = X.shape
        self.p = transform.shape[1]
        self.D = n_day
        self.blocks = list(blocks.values())
        self.sizes = np.array([b.stop - b.start for b in self.blocks], dtype=float)
        self.n_fixed = n_fixed
        self.with_prior = with_prior
        self.variance_prior = variance_prior
        # Blocks whose log variance ratio is set, not estimated (index -> value).
        self.fixed = dict(fixed or {})
        self.keep_block = 0  # the activities: never pruned, as in the activity-only model
        self.W = float(w.sum())
        self.ybar = float(w @ y) / self.W
        yc = y - self.ybar
        Xw = sparse.diags(w) @ X
        T = transform.toarray()
        self.XtWX_upper = np.triu(T.T @ (Xw.T @ X).toarray() @ T)
        self.XtWy = T.T @ (Xw.T @ yc)
        self.yWy = float(w @ yc**2)
        coo = X.tocoo()
        # Episodes and days behind each (raw) column: the sample sizes of the plain-words reports.
        self.X_counts = np.bincount(coo.col, minlength=raw_p)
        cell = coo.col.astype(np.int64) * n_day + d_idx[coo.row]
        self.days_per_column = (np.bincount(cell, minlength=raw_p * n_day).reshape(raw_p, n_day) > 0).sum(axis=1)
        n_d = np.bincount(d_idx, w, n_day)
        t_d = np.bincount(d_idx, w * yc, n_day)
        values, group = np.unique(np.round(n_d, 9), return_inverse=True)
        self.v = values
        k = len(values)
        self.g_count = np.bincount(group, minlength=k).astype(float)
        self.g_t2 = np.bincount(group, t_d * t_d, k)
        # M = X'W Z_day (p x days): column d holds the weighted column sums of day d's rows.
        M = T.T @ np.bincount(cell, coo.data * w[coo.row], raw_p * n_day).reshape(raw_p, n_day)
        self.h = (M * t_d) @ sparse.csr_matrix((np.ones(n_day), (np.arange(n_day), group)), shape=(n_day, k))
        # Upper triangle only (off-diagonal entries counted twice in traces and quadratic forms).
        self.triu = np.triu_indices(self.p)
        self.tri_weight = np.where(self.triu[0] == self.triu[1], 1.0, 2.0)
        if k <= _FEW_GROUPS:
            order = np.argsort(group, kind="stable")
            bounds = np.searchsorted(group[order], np.arange(k + 1))
            Ms = M[:, order]
            grams = np.empty((k, len(self.triu[0])))
            for g in range(k):
                sub = Ms[:, bounds[g]:bounds[g + 1]]
                grams[g] = (sub @ sub.T)[self.triu]
            self.gram = grams  # groups x (upper-triangle entries)
            self.M_dense = None
        else:  # arbitrary weights: every day its own group; keep M and multiply per evaluation
            self.gram = None
            self.M_dense = M
            self.group = group
        self._cache: dict[tuple, _Eval] = {}  # L-BFGS and the differences revisit points

    def _coupling(self, weights_per_group: np.ndarray) -> np.ndarray:
        if self.gram is not None:
            out = np.zeros((self.p, self.p))
            out[self.triu] = weights_per_group @ self.gram
            return out  # upper triangle: all LAPACK reads
        per_day = weights_per_group[self.group]
        return (self.M_dense * per_day) @ self.M_dense.T

    def _trace_and_quad(self, c_inv: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per group: tr(C^-1 G_g) and beta' G_g beta."""
        if self.gram is not None:
            both = np.column_stack([c_inv[self.triu], np.outer(beta, beta)[self.triu]]) * self.tri_weight[:, None]
            result = self.gram @ both
            return result[:, 0], result[:, 1]
        proj = beta @ self.M_dense
        quad = np.bincount(self.group, proj * proj, len(self.v))
        trace = np.bincount(self.group, np.einsum("id,ij,jd->d", self.M_dense, c_inv, self.M_dense), len(self.v))
        return trace, quad

    def evaluate(self, x: np.ndarray) -> _Eval:
        """Objective (-2 log posterior or -2 REML), gradient, and the conditional posterior."""
        key = tuple(np.round(x, 12))
        if key in self._cache:
            return self._cache[key]
        x = np.asarray(x, dtype=float)
        ratios = np.exp(2.0 * x[:-1])
        gd = math.exp(2.0 * x[-1])
        dinv = gd / (1.0 + gd * self.v)
        pen = np.zeros(self.p)
        for b, g in zip(self.blocks, ratios):
            pen[b] = 1.0 / g
        C = self.XtWX_upper - self._coupling(dinv)
        C[np.diag_indices(self.p)] += pen
        b_vec = self.XtWy - self.h @ dinv
        from scipy.linalg import lapack

        chol, info = lapack.dpotrf(C, lower=0, clean=0, overwrite_a=1)
        if info != 0:
            raise np.linalg.LinAlgError("the mixed-model equations are not positive definite")
        logdet = 2.0 * float(np.sum(np.log(np.diag(chol))))
        c_inv, info = lapack.dpotri(chol, lower=0, overwrite_c=1)
        c_inv = np.triu(c_inv) + np.triu(c_inv, 1).T
        beta = c_inv @ b_vec
        # y'Py = yWy - sum_d dinv t_d^2 - beta'b
        ypy = max(self.yWy - float(dinv @ self.g_t2) - float(beta @ b_vec), 0.0)
        if self.with_prior:
            prior = self.variance_prior
            dof = self.n - self.n_fixed + prior.noise_df
            resid = ypy + prior.noise_df * prior.noise_sd**2
        else:
            dof = float(max(self.n - self.n_fixed, 1))
            resid = max(ypy, 1e-300)
        objective = (dof * math.log(resid) + float(self.sizes @ np.log(ratios)) + logdet
                     + float(self.g_count @ np.log1p(gd * self.v)))
        diag_inv = np.diag(c_inv)
        grad = np.empty(len(x))
        for j, (b, g) in enumerate(zip(self.blocks, ratios)):
            tr = float(diag_inv[b].sum())
            bb = float(beta[b] @ beta[b])
            grad[j] = 2.0 * (self.sizes[j] - tr / g - dof * bb / (g * resid))
        dinv2 = dinv * dinv
        trace_g, quad_g = self._trace_and_quad(c_inv, beta)
        tr_cdd = float(self.g_count @ dinv) + float(dinv2 @ trace_g)
        u_sq = float(dinv2 @ (self.g_t2 - 2.0 * (beta @ self.h) + quad_g))
        grad[-1] = 2.0 * (self.D - tr_cdd / gd - dof * max(u_sq, 0.0) / (gd * resid))
        if self.with_prior:
            likelihood = objective
            # The activities (block 0) and the day (last) as in energy_model; the rest weakly.
            ends = np.array([0, len(x) - 1])
            log_p, d_log_p = _log_normal_prior(x[ends], self.variance_prior.centre(), self.variance_prior.scale())
            objective -= 2.0 * log_p
            grad[ends] -= 2.0 * d_log_p
            for j in range(1, len(x) - 1):
                if j in self.fixed:
                    continue
                objective -= 2.0 * _log_half_cauchy_in_log_space(x[j])
                grad[j] -= 2.0 * _d_log_half_cauchy_in_log_space(x[j])
        else:
            likelihood = objective
        state = _Eval(objective, grad, beta, resid, dof, ratios, gd, c_inv, likelihood)
        self._cache[key] = state
        return state

    def pruned(self, x_mode: np.ndarray) -> np.ndarray:
        """The mode again with every block the data do not clearly need set to zero variance.

        A block is kept when dropping it worsens -2 log REML likelihood by PRUNE_THRESHOLD or
        more (the 10% point of the boundary test, a 50:50 mixture of chi2(0) and chi2(1)).
        Predictions use this fit, so factors that do nothing cost no held-out accuracy.
        """
        lo = _LOG_RATIO_BOUNDS[0]
        base = self.evaluate(x_mode).likelihood
        bounds = [_LOG_RATIO_BOUNDS] * len(x_mode)
        start = x_mode.copy()
        for j in range(len(x_mode) - 1):  # the day block is always kept
            if j == self.keep_block:
                continue
            trial = x_mode.copy()
            trial[j] = lo
            if self.evaluate(trial).likelihood - base < PRUNE_THRESHOLD:
                bounds[j] = (lo, lo)
                start[j] = lo
        if all(b == _LOG_RATIO_BOUNDS for b in bounds):
            return x_mode
        return self.find_mode(start=start, bounds=bounds)

    def find_mode(self, start: np.ndarray | None = None, bounds=None) -> np.ndarray:
        """Posterior mode (or REML point) of the log variance ratios, by L-BFGS-B."""
        from scipy import optimize

        k = len(self.blocks) + 1
        x0 = np.full(k, math.log(0.5)) if start is None else np.array(start, dtype=float)
        bounds = list(bounds or [_LOG_RATIO_BOUNDS] * k)
        for j, value in self.fixed.items():
            if bounds[j] != (_LOG_RATIO_BOUNDS[0], _LOG_RATIO_BOUNDS[0]):  # a pruned block stays pruned
                bounds[j] = (value, value)
                x0[j] = value

        def fun(x):
            state = self.evaluate(x)
            return state.objective, state.grad

        result = optimize.minimize(fun, x0, jac=True, method="L-BFGS-B",
                                   bounds=bounds,
                                   options={"maxiter": 200, "gtol": 1e-4, "ftol": 1e-10})
        return np.asarray(result.x)

    def hyper_correction(self, x_mode: np.ndarray, state: _Eval, h: float = 1e-3) -> np.ndarray:
        """J H^-1 J': the extra covariance of the coefficients from not knowing the variances."""
        k = len(x_mode)
        lo, hi = _LOG_RATIO_BOUNDS
        free = [j for j in range(k) if j not in self.fixed]  # a set ratio is known, not estimated
        grads, betas, steps = [], [], []
        for j in free:
            step = np.zeros(k)
            step[j] = h if x_mode[j] + h <= hi else -h
            moved = self.evaluate(x_mode + step)
            grads.append((moved.grad[free] - state.grad[free]) / step[j])
            betas.append((moved.beta - state.beta) / step[j])
            steps.append(step[j])
        hess = 0.25 * (np.array(grads) + np.array(grads).T)  # of -log posterior = objective / 2
        vals, vecs = np.linalg.eigh(hess)
        vals = np.clip(vals, 1.0 / 9.0, None)  # at most SD 3 on the log-ratio scale
        J = np.array(betas).T  # p x k
        JV = J @ vecs
        return (JV / vals) @ JV.T


# --------------------------------------------------------------------------- the day's dose


def day_dose(days: Sequence[object], starts: Sequence[float], hours: Sequence[float],
             is_meeting: Sequence[bool]) -> tuple[np.ndarray, np.ndarray]:
    """Hours already worked that day and meetings directly before, for each episode.

    Episodes of a day are ordered by start time (hours after midnight, NaN when not given:
    then they keep the order they were logged in, after the timed ones).
    """
    n = len(hours)
    hours_arr = np.asarray(hours, dtype=float)
    start_arr = np.asarray(starts, dtype=float)
    _, day_codes = _factorize(days)
    order = np.lexsort((np.arange(n), np.where(np.isnan(start_arr), np.inf, start_arr), day_codes))
    sorted_days = day_codes[order]
    sorted_hours = hours_arr[order]
    cumulative = np.cumsum(sorted_hours)
    first_of_day = np.r_[True, sorted_days[1:] != sorted_days[:-1]]
    day_start_total = np.maximum.accumulate(np.where(first_of_day, cumulative - sorted_hours, 0.0))
    hours_before = np.empty(n)
    hours_before[order] = cumulative - sorted_hours - day_start_total
    meeting_sorted = np.asarray(is_meeting, dtype=bool)[order]
    before = np.zeros(n)
    run = 0
    for i in range(n):
        if first_of_day[i]:
            run = 0
        before[i] = run
        run = run + 1 if meeting_sorted[i] else 0
    meetings_before = np.empty(n)
    meetings_before[order] = before
    return hours_before, meetings_before


def day_length_difference(fit: ContextFit, hours_per_day: float, reference_hours_per_day: float,
                          curve: str = "hours_before", step: float = 0.25) -> tuple[float, float, float]:
    """Average energy over a working day of ``hours_per_day`` against one of the reference length.

    Each hour of the day is rated at the hours already worked by then (the dose curve), so a
    longer day adds its late, usually more tired, hours: (estimate, low, high) at fit.level.
    """
    design = fit._design

    def day_row(length: float) -> np.ndarray:
        points = np.arange(0.0, max(length, step), step) + step / 2.0
        return np.mean([design.curve_row(curve, float(x)) for x in points], axis=0)

    return design.interval(day_row(hours_per_day) - day_row(reference_hours_per_day), fit.level)[:3]
