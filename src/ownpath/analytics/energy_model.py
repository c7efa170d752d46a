"""Energy model: what each activity does to a person's energy, with honest uncertainty.

The model (see DESIGN.md, "Energy model") for episode *i* of activity *a* on day *d*::

    y_i = mu + beta[a] + u[d] + e_i
    beta[a] ~ N(prior_a, tau^2)      partial pooling across activities
    u[d]    ~ N(0, day_sd^2)          the mood of the day
    e_i     ~ N(0, sigma^2 / w_i)     w_i: optional precision weight (e.g. hours)

Activities and days are *crossed* random effects.  ``beta`` is reported relative to
``mu`` (the person's average), so "+1" means "one point above your usual energy".

Speed.  Everything is written in terms of two variance ratios
``g_a = tau^2 / sigma^2`` and ``g_d = day_sd^2 / sigma^2``.  In Henderson's mixed-model
equations the day block ``Z_d'WZ_d + I/g_d`` is diagonal, so it is eliminated in closed
form (a Schur complement onto intercept + activities, a tiny (1+A)x(1+A) system).  The
only term that couples the two blocks, ``N diag(1/(n_d + 1/g_d)) N'`` with ``N`` the
weighted activity x day cross-tab (built once as a sparse matrix), depends on a day only
through its total weight n_d; days are pooled by n_d and the per-group Gram matrices
precomputed, so each likelihood evaluation costs O(groups x A^2 + A^3) whatever the
number of episodes (see :class:`_CrossedDesign`).
The restricted (REML) likelihood with sigma^2 profiled (or integrated) out is then a smooth
function of the two log ratios with an analytic gradient (the EM-REML identities),
minimised by a small projected Newton method; 50,000 episodes take about 0.1 s, mostly
spent reading the input.

Hyperparameter uncertainty (the default, ``method="integrated"``).  With 30 episodes
over 12 activities REML often puts tau at (or near) zero, and with a few days the day SD is
barely identified; plugging such points in gives intervals far too narrow and activity
effects hardly shrunk.  So instead of plugging in the REML point, we integrate over the
variance components under *population priors* (:class:`VariancePrior`; the numbers and
their sources are in ``_mixed_model.POPULATION_PRIOR`` and docs/priors.md):

* sigma^2 gets a conjugate prior, scaled inverse-chi^2 with ``prior.noise_df``
  pseudo-observations of SD ``prior.noise_sd``, integrated out analytically, which turns the
  conditional posterior of the effects into a Student t;
* the ratios tau/sigma and day_sd/sigma are log-normal around what experience-sampling
  studies report (activities explain a small share of how people feel from moment to
  moment, and the mood of the day about as much), wide enough that a long journal overrules
  them.  A short journal is therefore shrunk towards the person's own mean about as much as people in
  general warrant, so it never predicts worse than that mean (bench/verdicts.py).  In an
  organisation the activity prior is replaced by the spread among consenting colleagues
  (``pooled_prior.PooledPrior.variance_prior``);
* the posterior of the two log ratios is explored on a grid in its standardised
  (Hessian-whitened) coordinates, INLA-style: grid points at unit spacing, stopping where
  the log density has dropped by ``_GRID_DROP``; the effects' posterior is the weighted
  mixture of the conditional Student-t posteriors, whose exact quantiles give the interval.

With a flat prior on mu, the log posterior of the ratios is the profiled REML criterion
plus the log prior, so the mode agrees with REML whenever the data dominate.  ``method="reml"`` gives the classical empirical-Bayes
plug-in (REML variance components, normal intervals) that matches statsmodels MixedLM
(single group, variance components for activity and day) to within 2e-3 on the SDs and
the effects; tests/analytics/test_energy_model.py checks it.

Nothing here imports Django; inputs are plain sequences, outputs frozen dataclasses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ownpath.analytics._mixed_model import (
    DEFAULT_LEVEL,
    POPULATION_PRIOR,
    VariancePrior,
    log_normal_prior,
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
    factorize as _factorize,
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

from ownpath.analytics.normal import normal_cdf as _normal_cdf
from ownpath.analytics.normal import normal_quantile as _normal_quantile

__all__ = ["DEFAULT_LEVEL", "POPULATION_PRIOR", "ActivityEffect", "EffectsFit", "VarianceComponents",
           "VariancePrior", "clip_to_scale", "conditional_effects", "estimate_activity_effects"]

# Prior SD of an activity effect when there is no data at all to estimate it from.
DEFAULT_ACTIVITY_SD = 1.0
# The grid keeps points where the log posterior is within this of its mode (exp(-4.5) ~ 1%).
_GRID_DROP = 4.5
_GRID_MAX_STEPS = 8
_GRID_STEP_SD = 1.5
_GRID_MAX_LOG_STEP = 0.75
# Where the search for the mode starts: (log tau/sigma, log day_sd/sigma).
_START = (math.log(0.8), math.log(0.5))


@dataclass(frozen=True)
class ActivityEffect:
    """Posterior summary of one activity's effect, on the rating scale, relative to the average."""

    activity: str
    estimate: float  # posterior mean
    sd: float  # posterior standard deviation
    low: float  # lower end of the central interval at fit.level (default 90%)
    high: float
    p_positive: float  # P(effect > 0): for energy, "P(energizes)"
    episodes: int
    hours: float  # hours behind it (0.0 when hours were not given)
    observed_mean: float | None = None  # plain mean rating of its episodes (None if never logged)


@dataclass(frozen=True)
class VarianceComponents:
    """Standard deviations of the three sources of variation, on the rating scale."""

    activity_sd: float
    day_sd: float
    noise_sd: float


@dataclass(frozen=True)
class EffectsFit:
    """Result of fitting the crossed activity x day model to one person's ratings.

    ``effects`` maps activity slug to :class:`ActivityEffect`, ordered from the most
    positive estimate to the most negative.  ``activity_sd`` is tau, the prior SD of an
    activity never logged (use :meth:`effect_for` for such activities).
    """

    effects: Mapping[str, ActivityEffect]
    mean: float
    activity_sd: float
    day_sd: float
    noise_sd: float
    n_episodes: int
    n_days: int
    level: float = DEFAULT_LEVEL
    method: str = "integrated"
    reml: VarianceComponents | None = None
    prior_means: Mapping[str, float] = field(default_factory=dict)
    variance_prior: VariancePrior | None = None
    # Posterior draws of tau over the hyperparameter grid, with weights (for unlogged activities).
    _tau_grid: tuple[tuple[float, float], ...] = field(default=(), repr=False, compare=False)

    def demonstrated_spread(self) -> float:
        """How far this person's logged activities differ from each other, from the data alone.

        The spread of their activities' observed mean ratings less what noise alone would give
        (a method-of-moments tau; 0 below three activities of two entries or more).  Unlike
        ``activity_sd`` it owes nothing to the prior, so a person whose activities differ far more
        than people in general is not promised that one they never tried will be average.
        """
        logged = [e for e in self.effects.values() if e.episodes >= 2 and e.observed_mean is not None]
        if len(logged) < 3:
            return 0.0
        means = np.array([float(e.observed_mean) for e in logged])
        noise = (self.noise_sd**2 + self.day_sd**2) * np.mean([1.0 / e.episodes for e in logged])
        return math.sqrt(max(float(np.var(means, ddof=1)) - noise, 0.0))

    def effect_for(self, activity: str) -> ActivityEffect:
        """The effect of ``activity``; for one never logged, its prior (prior mean, SD tau)."""
        if activity in self.effects:
            return self.effects[activity]
        centre = float(self.prior_means.get(activity, 0.0))
        grid = self._tau_grid or ((self.activity_sd, 1.0),)
        taus = np.array([t for t, _ in grid])
        weights = np.array([w for _, w in grid])
        alpha = (1.0 - self.level) / 2.0
        low, high = _mixture_quantiles(np.zeros((len(taus), 1)) + centre, taus[:, None],
                                       weights, math.inf, (alpha, 1.0 - alpha))
        p_positive = float(weights @ _t_cdf(centre / np.maximum(taus, 1e-12), math.inf))
        return ActivityEffect(activity, centre, float(math.sqrt(weights @ taus**2)),
                              float(low[0]), float(high[0]), p_positive, 0, 0.0, None)

    def ranked(self) -> list[ActivityEffect]:
        """Effects from the most energizing (highest estimate) to the most draining."""
        return list(self.effects.values())


def clip_to_scale(fit: EffectsFit, low: float = -2.0, high: float = 2.0) -> EffectsFit:
    """The fit with every activity's estimate *and* interval kept to what the rating scale allows.

    An activity's mean rating, ``fit.mean + effect``, lies on the scale [low, high], so its
    effect lies within [low - mean, high - mean].  With one or two entries the posterior runs
    past that (``+1.2 [-2.4, +5.1]`` on -2..+2 promises what no rating can give).  Point and
    bounds are clipped together, so the estimate always lies inside its own interval (a point
    estimate past the end of its interval would be drawn past the end of its own line).
    SDs and P(effect > 0) are unchanged (clipping moves no mass across zero unless the whole
    interval lies past the scale, which cannot happen for a fit on that scale).

    Parameters
    ----------
    fit : EffectsFit
        A fit of ratings on the scale [low, high].
    low, high : float
        The ends of the rating scale.

    Returns
    -------
    EffectsFit
        The same fit with clipped estimates and intervals.
    """
    floor, ceiling = low - fit.mean, high - fit.mean

    def inside(value: float) -> float:
        return min(max(value, floor), ceiling)

    effects = {}
    for slug, effect in fit.effects.items():
        lo_, hi_ = inside(effect.low), inside(effect.high)
        effects[slug] = replace(effect, low=lo_, high=hi_, estimate=min(max(effect.estimate, lo_), hi_))
    return replace(fit, effects=effects)


def estimate_activity_effects(
    activities: Sequence[str],
    days: Sequence[object],
    ratings: Sequence[float],
    weights: Sequence[float] | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    prior_means: Mapping[str, float] | None = None,
    hours: Sequence[float] | None = None,
    method: str = "integrated",
    variance_prior: VariancePrior | None = None,
) -> EffectsFit:
    """Fit y = mu + beta[activity] + u[day] + e and summarise each activity's beta.

    Parameters
    ----------
    activities, days, ratings : sequences of equal length
        One value per episode: the activity's slug, any hashable day key (a date), the rating.
    weights : sequence of float, optional
        How much each entry counts (e.g. hours), normalised here to mean 1.  Fitted as
        precision weights; intervals are then widened by Kish's design effect, since a long
        entry is not rated more precisely (``_mixed_model.weight_inflation``).
    level : float
        Level of the central intervals (0.90 by default).
    prior_means : mapping, optional
        Activity -> prior mean of its effect (an organisation's pooled means); 0 otherwise.
    hours : sequence of float, optional
        Only for the "hours behind it" figure (defaults to ``weights``).
    method : {"integrated", "reml"}
        "integrated" (default): variance components integrated over under ``variance_prior``;
        "reml": plug-in REML components and normal intervals (the statsmodels reference).
    variance_prior : VariancePrior, optional
        Priors on the variance components; the population prior by default, the spread
        among consenting colleagues in an organisation.

    Returns
    -------
    EffectsFit
        Every logged activity's posterior mean, SD, interval and P(effect > 0), relative to
        the person's average, with the variance components and the prior used.

    References
    ----------
    Henderson's mixed-model equations; Patterson & Thompson (1971) for REML; Rue, Martino &
    Chopin (2009) for the grid integration over the hyperparameters; docs/priors.md for the
    population priors.
    """
    if method not in ("integrated", "reml"):
        raise ValueError(f"method must be 'integrated' or 'reml', not {method!r}")
    y, w = _checked_observations(activities, days, ratings, weights, level)
    n = len(y)
    hours_arr = (np.asarray(hours, dtype=float) if hours is not None
                 else np.asarray(weights, dtype=float) if weights is not None
                 else np.zeros(n))
    if hours_arr.shape != (n,):
        raise ValueError("hours must have one value per rating")
    priors = dict(prior_means or {})
    variance_prior = variance_prior or POPULATION_PRIOR

    if n == 0:
        return EffectsFit({}, 0.0, DEFAULT_ACTIVITY_SD, 0.0, 0.0, 0, 0, level, method,
                          None, priors, variance_prior)

    act_names, a_idx = _factorize(activities)
    day_keys, d_idx = _factorize(days)
    offsets = np.array([float(priors.get(name, 0.0)) for name in act_names])
    design = _CrossedDesign(a_idx, d_idx, y - offsets[a_idx], w, len(act_names), len(day_keys),
                            variance_prior)

    if method == "reml":
        reml_x = design.find_mode(with_prior=False)
        points = [(reml_x, 1.0)]
        with_prior = False
    else:
        mode = design.find_mode(with_prior=True)
        points = design.integration_grid(mode)
        with_prior = True
        # The REML point is reported alongside; it starts from the posterior mode, which
        # it is close to whenever the data dominate the prior.
        reml_x = design.find_mode(with_prior=False, start=mode)
    reml_components = design.components_at(reml_x, with_prior=False)

    summary = design.summarise(points, with_prior, level)
    counts = np.bincount(a_idx, minlength=len(act_names))
    hours_by = np.bincount(a_idx, hours_arr, minlength=len(act_names))
    raw_means = np.bincount(a_idx, y, minlength=len(act_names)) / np.maximum(counts, 1)
    inflation = _weight_inflation(np.bincount(a_idx, w, minlength=len(act_names)),
                                  np.bincount(a_idx, w * w, minlength=len(act_names)))
    p_positive = summary.p_positive_given(offsets)
    effects_list = []
    for k, name in enumerate(act_names):
        estimate = float(offsets[k] + summary.estimate[k])
        low, high, sd, p_pos = _widened(estimate, float(offsets[k] + summary.low[k]),
                                        float(offsets[k] + summary.high[k]), float(summary.sd[k]),
                                        float(p_positive[k]), float(inflation[k]))
        effects_list.append(ActivityEffect(activity=str(name), estimate=estimate, sd=sd, low=low, high=high,
                                           p_positive=p_pos, episodes=int(counts[k]), hours=float(hours_by[k]),
                                           observed_mean=float(raw_means[k])))
    effects_list.sort(key=lambda e: (-e.estimate, e.activity))
    # The person's average: their entry-weighted mean rating with the activities' effects taken
    # out (not the GLS intercept, which weighs a day with one entry like a day with ten).  With
    # every effect shrunk to zero it is exactly their own mean, so a short journal predicts
    # like the person's own average and moves away from it only as far as the evidence goes.
    estimates = offsets + summary.estimate
    weighted_counts = np.bincount(a_idx, w, minlength=len(act_names))
    mean = (float(w @ y) - float(weighted_counts @ estimates)) / float(w.sum())
    return EffectsFit(
        effects={e.activity: e for e in effects_list},
        mean=float(mean),
        activity_sd=float(summary.activity_sd),
        day_sd=float(summary.day_sd),
        noise_sd=float(summary.noise_sd),
        n_episodes=n,
        n_days=len(day_keys),
        level=level,
        method=method,
        reml=reml_components,
        prior_means=priors,
        variance_prior=variance_prior,
        _tau_grid=summary.tau_grid,
    )


def conditional_effects(
    activities: Sequence[str],
    days: Sequence[object],
    ratings: Sequence[float],
    components: VarianceComponents,
    *,
    level: float = DEFAULT_LEVEL,
) -> dict[str, ActivityEffect]:
    """Posterior of each activity's effect when the variance components are *known*.

    The "oracle" of the benchmark: normal posteriors given the true activity, day and
    noise SDs (all must be positive).  Returns activity slug -> :class:`ActivityEffect`.
    """
    n = len(ratings)
    y = np.asarray(ratings, dtype=float)
    act_names, a_idx = _factorize(activities)
    day_keys, d_idx = _factorize(days)
    design = _CrossedDesign(a_idx, d_idx, y, np.ones(n), len(act_names), len(day_keys))
    s2 = components.noise_sd**2
    x = np.log([components.activity_sd / components.noise_sd,
                components.day_sd / components.noise_sd])
    state = design.evaluate(x, with_prior=False)
    sd = np.sqrt(s2 * state.var_a)
    z = _normal_quantile(0.5 + level / 2.0)
    counts = np.bincount(a_idx, minlength=len(act_names))
    return {
        str(name): ActivityEffect(str(name), float(state.a[k]), float(sd[k]),
                                  float(state.a[k] - z * sd[k]), float(state.a[k] + z * sd[k]),
                                  float(_normal_cdf(state.a[k] / sd[k])), int(counts[k]), 0.0)
        for k, name in enumerate(act_names)
    }


# --------------------------------------------------------------------------- internals


def _mixture_quantiles(means: np.ndarray, scales: np.ndarray, weights: np.ndarray,
                       df: float, probs: Sequence[float]) -> list[np.ndarray]:
    """Quantiles of sum_k weights[k] * t_df(means[k, j], scales[k, j]) for each column j."""
    if len(weights) == 1:
        z = np.array([_t_quantile(p, df) for p in probs])
        return [means[0] + zk * scales[0] for zk in z]
    # Bisection on all requested quantiles of all columns at once.
    target = np.repeat(np.asarray(probs, dtype=float), means.shape[1])
    mean_rep = np.tile(means, (1, len(probs)))
    scale_rep = np.tile(scales, (1, len(probs)))
    lo = mean_rep.min(axis=0) + _t_quantile(1e-6, df) * scale_rep.max(axis=0)
    hi = mean_rep.max(axis=0) + _t_quantile(1 - 1e-6, df) * scale_rep.max(axis=0)
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        below = weights @ _t_cdf((mid - mean_rep) / scale_rep, df) < target
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return list((0.5 * (lo + hi)).reshape(len(probs), means.shape[1]))


@dataclass
class _State:
    """Everything computed at one point x = (log tau/sigma, log day_sd/sigma)."""

    objective: float  # -2 log posterior (or -2 REML log likelihood), up to a constant
    grad: np.ndarray  # its gradient in x
    mu: float
    a: np.ndarray  # activity effects (conditional posterior means / BLUPs)
    var_a: np.ndarray  # conditional posterior variance of a, in units of sigma^2
    s2_scale: float  # (yPy + prior) / dof: squared t scale per unit of var_a
    dof: float
    ratio_a2: float
    ratio_d2: float


@dataclass
class _Summary:
    mean: float
    estimate: np.ndarray
    sd: np.ndarray
    low: np.ndarray
    high: np.ndarray
    activity_sd: float
    day_sd: float
    noise_sd: float
    tau_grid: tuple[tuple[float, float], ...]
    _components: tuple = ()

    def p_positive_given(self, offsets: np.ndarray) -> np.ndarray:
        """P(effect > 0) per activity once the prior offsets are added back."""
        means, scales, weights, df = self._components
        return weights @ _t_cdf((means + offsets) / scales, df)


class _CrossedDesign:
    """Sufficient statistics of the crossed design, precomputed once per fit.

    The day block only ever enters through 1 / (n_d + 1/g_d), which depends on a day
    solely through its total weight n_d.  Days are therefore pooled into groups of equal
    n_d (with unit weights: "days with 1 entry", "days with 2 entries", ...; with hours as
    weights there are still only as many groups as distinct daily totals), and every
    day-level sum the likelihood needs is precomputed per group.  An evaluation then
    costs O(groups x activity pairs + A^3), independent of the number of episodes.
    """

    def __init__(self, a_idx: np.ndarray, d_idx: np.ndarray, y: np.ndarray, w: np.ndarray,
                 n_act: int, n_day: int, prior: VariancePrior = POPULATION_PRIOR) -> None:
        self.prior = prior
        self.prior_centre = prior.centre()
        self.prior_scale = prior.scale()
        self.n = len(y)
        self.A = n_act
        self.D = n_day
        self.n_a = np.bincount(a_idx, w, n_act)
        n_d = np.bincount(d_idx, w, n_day)
        self.W = float(w.sum())
        # Centre y at its weighted mean (the intercept absorbs the shift) so that
        # yWy - fitted keeps its precision for large n.
        self.ybar = float(w @ y) / self.W
        yc = y - self.ybar
        self.t_a = np.bincount(a_idx, w * yc, n_act)
        t_d = np.bincount(d_idx, w * yc, n_day)
        self.yWy = float(w @ yc**2)

        # Group days by total weight (rounded so that float noise does not split groups).
        values, group = np.unique(np.round(n_d, 9), return_inverse=True)
        k = len(values)
        self.v = values  # n_d of each group
        self.g_count = np.bincount(group, minlength=k).astype(float)
        self.g_n2 = np.bincount(group, n_d * n_d, k)
        self.g_nt = np.bincount(group, n_d * t_d, k)
        self.g_t2 = np.bincount(group, t_d * t_d, k)
        ep_group = group[d_idx]
        # Activity x group tables: sum of N[a, d] and of t_d * N[a, d] over the group's days.
        self.n_ag = _dense_crosstab(a_idx, ep_group, w, n_act, k)
        self.tn_ag = _dense_crosstab(a_idx, ep_group, w * t_d[d_idx], n_act, k)
        # Per group, the Gram matrix sum_d N[:, d] N[:, d]' (the activity x day cross-tab
        # coupling), stored as (A*A) x groups.
        self.gram_ag = _grouped_gram(a_idx, d_idx, w, n_act, n_day, group, k)
        self.identity = np.eye(n_act)
        self._cache: dict[tuple[float, float, bool], _State] = {}

    # -- one evaluation ------------------------------------------------------------------

    def evaluate(self, x: np.ndarray, with_prior: bool) -> _State:
        """Objective, gradient and conditional posterior at x (cached)."""
        key = (float(x[0]), float(x[1]), with_prior)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        ga = math.exp(2.0 * x[0])
        gd = math.exp(2.0 * x[1])
        A = self.A
        v, n_a, t_a = self.v, self.n_a, self.t_a
        dinv = gd / (1.0 + gd * v)  # per day group: 1 / (n_d + 1/g_d)
        dinv2 = dinv * dinv
        grams = self.gram_ag @ np.column_stack([dinv, dinv2])
        gram1 = grams[:, 0].reshape(A, A)  # N diag(dinv) N'
        gram2 = grams[:, 1].reshape(A, A)  # N diag(dinv^2) N'
        s_mat = self.identity + ga * (np.diag(n_a) - gram1)
        # S = I + ga * M with M positive semi-definite, so S >= I: well conditioned.
        chol = np.linalg.cholesky(s_mat)
        logdet_s = 2.0 * float(np.sum(np.log(np.diag(chol))))
        b1 = n_a - self.n_ag @ (v * dinv)
        c11 = self.W - float(self.g_n2 @ dinv)
        r1 = -float(self.g_nt @ dinv)  # sum of w*(y - ybar) is zero
        ra = t_a - self.tn_ag @ dinv
        chol_inv = np.linalg.inv(chol)
        s_inv = chol_inv.T @ chol_inv
        sc = s_inv @ b1
        sr = s_inv @ ra
        q = max(c11 - ga * float(b1 @ sc), 1e-12 * self.W)
        mu_c = (r1 - ga * float(b1 @ sr)) / q
        a = ga * (sr - sc * mu_c)
        # Day effects u_d = dinv_d (t_d - n_d mu - N[:, d]'a), summed per group.
        tn_a = a @ self.tn_ag
        n_a_dot = a @ self.n_ag
        aga = (np.outer(a, a).reshape(-1)) @ self.gram_ag
        u_dot_t = float(dinv @ (self.g_t2 - mu_c * self.g_nt - tn_a))
        u_sq = float(dinv2 @ (self.g_t2 + mu_c**2 * self.g_n2 + aga - 2.0 * mu_c * self.g_nt
                              - 2.0 * tn_a + 2.0 * mu_c * v * n_a_dot))
        ypy = max(self.yWy - float(a @ t_a) - u_dot_t, 0.0)
        if with_prior:
            dof = self.n - 1 + self.prior.noise_df
            resid = ypy + self.prior.noise_df * self.prior.noise_sd**2
        else:
            dof = float(max(self.n - 1, 1))
            resid = max(ypy, 1e-300)
        objective = (dof * math.log(resid) + logdet_s
                     + float(self.g_count @ np.log1p(gd * v)) + math.log(q))
        # Var(a) = C_aa^-1 + C_aa^-1 c c' C_aa^-1 / q, with C_aa^-1 = ga S^-1.
        var_a = ga * np.diag(s_inv) + (ga * sc) ** 2 / q
        # Gradient (EM-REML identities): d/dlog(ratio) of log|G| + log|C| + dof log(yPy).
        # tr(C^dd) = sum(dinv) + tr(Schur^-1 B diag(dinv^2) B'), B = [n_d'; N].
        k11 = float(self.g_n2 @ dinv2)
        k1a = self.n_ag @ (v * dinv2)
        tr_inner = (k11 / q - 2.0 * ga / q * float(sc @ k1a)
                    + ga * float(np.sum(s_inv * gram2)) + ga * ga * float(sc @ gram2 @ sc) / q)
        tr_cdd = float(self.g_count @ dinv) + tr_inner
        grad = np.array([
            2.0 * (A - float(var_a.sum()) / ga - dof * float(a @ a) / (ga * resid)),
            2.0 * (self.D - tr_cdd / gd - dof * max(u_sq, 0.0) / (gd * resid)),
        ])
        if with_prior:
            log_prior, d_log_prior = log_normal_prior(x, self.prior_centre, self.prior_scale)
            objective -= 2.0 * log_prior
            grad -= 2.0 * d_log_prior
        state = _State(objective, grad, mu_c + self.ybar, a, var_a, resid / dof, dof, ga, gd)
        self._cache[key] = state
        return state

    def objective(self, x: np.ndarray, with_prior: bool) -> float:
        """The objective alone (for callers that need no gradient)."""
        return self.evaluate(np.asarray(x, dtype=float), with_prior).objective

    # -- optimisation and integration --------------------------------------------------

    def hessian(self, x: np.ndarray, with_prior: bool, h: float = 1e-4) -> np.ndarray:
        """Hessian of the objective by differencing the analytic gradient."""
        lo, hi = _LOG_RATIO_BOUNDS
        g0 = self.evaluate(x, with_prior).grad
        hess = np.zeros((2, 2))
        for j in range(2):
            step = np.zeros(2)
            step[j] = h if x[j] + h <= hi else -h
            hess[:, j] = (self.evaluate(x + step, with_prior).grad - g0) / step[j]
        return 0.5 * (hess + hess.T)

    def find_mode(self, with_prior: bool, start: np.ndarray | None = None) -> np.ndarray:
        """Minimise the objective over the box by projected Newton with backtracking."""
        lo, hi = _LOG_RATIO_BOUNDS
        x = np.clip(np.array(start if start is not None else _START, dtype=float), lo, hi)
        state = self.evaluate(x, with_prior)
        for _ in range(60):
            g = state.grad
            free = ~(((x <= lo) & (g > 0)) | ((x >= hi) & (g < 0)))
            if not free.any() or np.max(np.abs(g[free])) < 1e-7:
                break
            # A variance heading for zero: the objective flattens out exponentially in the
            # log ratio, so rather than crawl there, try the bound itself.
            for j in np.flatnonzero(free & (g > 0) & (x < -2.5) & (x > lo)):
                x_try = x.copy()
                x_try[j] = lo
                trial = self.evaluate(x_try, with_prior)
                if trial.objective <= state.objective:
                    x, state = x_try, trial
            g = state.grad
            free = ~(((x <= lo) & (g > 0)) | ((x >= hi) & (g < 0)))
            if not free.any() or np.max(np.abs(g[free])) < 1e-7:
                break
            hess = self.hessian(x, with_prior)[np.ix_(free, free)]
            vals, vecs = np.linalg.eigh(hess)
            vals = np.maximum(np.abs(vals), 1e-8)
            step = np.zeros(2)
            step[free] = -vecs @ ((vecs.T @ g[free]) / vals)
            length = float(np.linalg.norm(step))
            if length > 2.0:
                step *= 2.0 / length
            # Near a zero variance the objective flattens out exponentially in the log
            # ratio; stop once the predicted gain is negligible rather than crawl to the bound.
            if -float(g @ step) < 1e-9:
                break
            t = 1.0
            while True:
                x_new = np.clip(x + t * step, lo, hi)
                new = self.evaluate(x_new, with_prior)
                if new.objective <= state.objective + 1e-4 * float(g @ (x_new - x)) or t < 1e-6:
                    break
                t *= 0.5
            moved = float(np.max(np.abs(x_new - x)))
            improved = state.objective - new.objective
            if new.objective <= state.objective:
                x, state = x_new, new
            if moved < 1e-9 or 0 <= improved < 1e-12:
                break
        return x

    def components_at(self, x: np.ndarray, with_prior: bool) -> VarianceComponents:
        """Activity, day and noise SDs at x."""
        state = self.evaluate(x, with_prior)
        s2 = state.s2_scale
        return VarianceComponents(math.sqrt(state.ratio_a2 * s2), math.sqrt(state.ratio_d2 * s2),
                                  math.sqrt(s2))

    def integration_grid(self, mode: np.ndarray) -> list[tuple[np.ndarray, float]]:
        """Grid points over the log-ratio posterior with normalised weights."""
        f0 = self.objective(mode, True)
        # -log posterior = objective / 2, so its Hessian is hess / 2.
        vals, vecs = np.linalg.eigh(self.hessian(mode, True) / 2.0)
        vals = np.clip(vals, 1.0 / 9.0, None)  # at most SD 3 on the log-ratio scale
        axes = vecs / np.sqrt(vals)  # column j: one posterior SD along principal axis j
        lo, hi = _LOG_RATIO_BOUNDS

        def point(z0: float, z1: float) -> np.ndarray:
            return mode + axes @ np.array([z0, z1])

        def inside(x: np.ndarray) -> bool:
            return bool(np.all(x >= lo) and np.all(x <= hi))

        # Unit of the grid along each axis: 1.5 posterior SDs (a trapezoid rule on a
        # Gaussian at that spacing is accurate to ~1e-3), but never more than one unit of
        # log ratio, over which the conditional posteriors change appreciably.
        step = np.minimum(_GRID_STEP_SD, _GRID_MAX_LOG_STEP * np.sqrt(vals))
        reach = []
        for j in range(2):
            ext = []
            for sign in (-1, 1):
                k = 0
                while k < _GRID_MAX_STEPS:
                    z = [0.0, 0.0]
                    z[j] = sign * (k + 1) * step[j]
                    x = point(*z)
                    if not inside(x) or self.objective(x, True) - f0 > 2.0 * _GRID_DROP:
                        break
                    k += 1
                ext.append(k)
            reach.append([i * step[j] for i in range(-ext[0], ext[1] + 1)])
        points: list[tuple[np.ndarray, float]] = []
        for z0 in reach[0]:
            for z1 in reach[1]:
                x = point(z0, z1)
                if inside(x):
                    f = self.objective(x, True)
                    if f - f0 <= 2.0 * _GRID_DROP:
                        points.append((x, f))
        fmin = min(f for _, f in points)
        weights = np.array([math.exp(-(f - fmin) / 2.0) for _, f in points])
        keep = weights > 1e-6 * weights.max()
        weights = weights[keep] / weights[keep].sum()
        kept = [x for (x, _), k in zip(points, keep) if k]
        return [(x, float(wt)) for x, wt in zip(kept, weights)]

    def summarise(self, points: list[tuple[np.ndarray, float]], with_prior: bool,
                  level: float) -> _Summary:
        """Posterior summaries mixed over the hyperparameter points (weights sum to 1)."""
        states = [self.evaluate(x, with_prior) for x, _ in points]
        weights = np.array([wt for _, wt in points])
        means = np.array([s.a for s in states])
        scales = np.maximum(np.sqrt(np.array([s.s2_scale * s.var_a for s in states])), 1e-12)
        # Integrated: sigma^2 marginalised, so each component is a Student t;
        # plug-in REML: normal with sigma^2 = yPy / (n - 1).
        df = states[0].dof if with_prior else math.inf
        var_factor = _t_variance_factor(df)
        estimate = weights @ means
        second = weights @ (scales**2 * var_factor + means**2)
        sd = np.sqrt(np.maximum(second - estimate**2, 0.0))
        alpha = (1.0 - level) / 2.0
        low, high = _mixture_quantiles(means, scales, weights, df, (alpha, 1.0 - alpha))
        tau2 = np.array([s.ratio_a2 * s.s2_scale for s in states])
        day2 = np.array([s.ratio_d2 * s.s2_scale for s in states])
        noise2 = np.array([s.s2_scale for s in states])
        return _Summary(
            mean=float(weights @ np.array([s.mu for s in states])),
            estimate=estimate,
            sd=sd,
            low=low,
            high=high,
            activity_sd=math.sqrt(float(weights @ tau2)),
            day_sd=math.sqrt(float(weights @ day2)),
            noise_sd=math.sqrt(float(weights @ noise2)),
            tau_grid=tuple((math.sqrt(t), float(wt)) for t, wt in zip(tau2, weights)),
            _components=(means, scales, weights, df),
        )


def _dense_crosstab(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int,
                    n_cols: int) -> np.ndarray:
    return np.bincount(rows * n_cols + cols, values, n_rows * n_cols).reshape(n_rows, n_cols)


# Above this size the cross-tab goes sparse.
_DENSE_TABLE_CELLS = 2_000_000


def _grouped_gram(a_idx: np.ndarray, d_idx: np.ndarray, w: np.ndarray, n_act: int, n_day: int,
                  group: np.ndarray, n_groups: int):
    """(A*A) x groups matrix whose column k is the sum over group-k days of N[:,d] N[:,d]'.

    N is the weighted activity x day cross-tab.  Small tables (the usual case) are built
    dense and multiplied per group with BLAS; large ones go through a sparse matrix.
    """
    if n_act * n_day <= _DENSE_TABLE_CELLS and n_groups <= _FEW_GROUPS:
        # Columns sorted by group, so each group is one contiguous block.
        order = np.argsort(group, kind="stable")
        table = _dense_crosstab(a_idx, d_idx, w, n_act, n_day)[:, order]
        bounds = np.searchsorted(group[order], np.arange(n_groups + 1))
        columns = []
        for k in range(n_groups):
            sub = table[:, bounds[k]:bounds[k + 1]]
            columns.append((sub @ sub.T).reshape(-1))
        return np.column_stack(columns)
    from scipy import sparse  # only big or finely weighted journals need it

    cross = sparse.csc_matrix((w, (a_idx, d_idx)), shape=(n_act, n_day))
    cross.sum_duplicates()
    if n_groups <= _FEW_GROUPS:
        columns = []
        for k in range(n_groups):
            sub = cross[:, np.flatnonzero(group == k)]
            columns.append((sub @ sub.T).toarray().reshape(-1))
        return np.column_stack(columns)
    # Many groups (real-valued weights): scatter every ordered pair of nonzeros that
    # share a day column into its (pair, group) cell.
    indptr, rows, vals = cross.indptr, cross.indices, cross.data
    per_day = np.diff(indptr)
    day_of_nz = np.repeat(np.arange(n_day), per_day)
    partners = per_day[day_of_nz]
    left = np.repeat(np.arange(len(rows)), partners)
    offs = np.arange(len(left)) - np.repeat(np.cumsum(partners) - partners, partners)
    right = indptr[day_of_nz[left]] + offs
    keys = rows[left] * n_act + rows[right]
    gram = sparse.csr_matrix((vals[left] * vals[right], (keys, group[day_of_nz[left]])),
                             shape=(n_act * n_act, n_groups))
    gram.sum_duplicates()
    return gram.toarray() if n_act * n_act * n_groups <= _DENSE_TABLE_CELLS else gram
