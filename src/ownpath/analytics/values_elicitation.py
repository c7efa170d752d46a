"""What a person values in a job: adaptive paired comparisons, direct ratings, consistency.

The twelve job values have stable slugs (``VALUE_SLUGS``). Answers to "which matters more to
you, A or B?" are modelled with a Bradley–Terry model, ``P(A over B) = sigmoid(s_A - s_B)``,
with a Gaussian prior ``s ~ N(prior_mean, prior_sd^2)`` on the latent strengths. The fit is the
Laplace approximation (posterior mode and inverse Hessian), so every weight comes with an
interval. A value's weight is its Bradley–Terry strength ``exp(s)`` normalised to sum to 1:
the ratio of two weights is then the odds that the person picks one over the other.

The next question is the pair whose answer is expected to teach the most about ``s`` (the
BALD criterion: entropy of the predicted answer minus the expected entropy given ``s``), so
about a dozen answers give a usable ranking. Direct 1–5 ratings map onto the same scale:
each step up doubles the weight. Contradictions (A over B, B over C, C over A) are found
as cycles in the graph of answers and named in plain words.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Mapping, Sequence

import numpy as np

# The names live in job_values (no NumPy) so that models can import them at start-up.
from ownpath.analytics.job_values import VALUE_LABELS, VALUE_SLUGS, check_value_slug, value_label  # noqa: E402,F401

# One rating step (1–5) doubles a value's weight: rating 5 against rating 1 is 16:1 odds.
RATING_STEP = math.log(2.0)
DEFAULT_PRIOR_SD = 1.0
SUGGESTED_QUESTIONS = 12
_GH_NODES, _GH_WEIGHTS = np.polynomial.hermite_e.hermegauss(24)
_GH_WEIGHTS = _GH_WEIGHTS / _GH_WEIGHTS.sum()


@dataclass(frozen=True)
class PairAnswer:
    """One answer: ``first`` vs ``second``; ``choice`` is the slug preferred, or None for "equal"."""

    first: str
    second: str
    choice: str | None

    def outcome(self) -> float:
        """1.0 if ``first`` won, 0.0 if ``second`` won, 0.5 for "about equal"."""
        if self.choice is None:
            return 0.5
        return 1.0 if self.choice == self.first else 0.0


@dataclass(frozen=True)
class ValueWeight:
    """A value's normalised weight with its 90% interval (equal to the estimate when set directly)."""

    slug: str
    weight: float
    low: float
    high: float


@dataclass(frozen=True)
class ValuesFit:
    """Weights over the twelve values, how they were obtained, and on how many answers they rest."""

    weights: dict[str, ValueWeight]
    method: str  # "comparisons" | "ratings" | "none"
    answers: int
    strength_mean: np.ndarray | None = None
    strength_cov: np.ndarray | None = None

    def as_dict(self) -> dict[str, float]:
        """Plain ``{slug: weight}``, the form the forecast takes."""
        return {slug: w.weight for slug, w in self.weights.items()}

    def ranked(self) -> list[ValueWeight]:
        """Values from most to least important."""
        return sorted(self.weights.values(), key=lambda w: -w.weight)

    def draws(self, n: int = 200, seed: int = 0) -> list[dict[str, float]]:
        """Posterior draws of the weights (empty when set directly: ratings carry no uncertainty)."""
        if self.strength_mean is None or self.strength_cov is None:
            return []
        rng = np.random.default_rng(seed)
        samples = _normalise(rng.multivariate_normal(self.strength_mean, self.strength_cov, size=n,
                                                     method="cholesky"))
        return [dict(zip(VALUE_SLUGS, map(float, row))) for row in samples]


@dataclass(frozen=True)
class Contradiction:
    """A cycle of answers that cannot all hold at once, in order, and its plain-words statement."""

    cycle: tuple[str, ...]
    sentence: str


def question_for(pair: tuple[str, str]) -> str:
    """The plain question asked for a pair of values."""
    return f"More important to you: {value_label(pair[0])} or {value_label(pair[1])}?"


# --- fitting ---------------------------------------------------------------------------------

def _sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x)))


def _answer_arrays(answers: Sequence[PairAnswer], index: Mapping[str, int]):
    first = np.array([index[check_value_slug(a.first)] for a in answers], dtype=int)
    second = np.array([index[check_value_slug(a.second)] for a in answers], dtype=int)
    for a in answers:
        if a.first == a.second:
            raise ValueError(f"a comparison needs two different values, got '{a.first}' twice")
        if a.choice is not None and a.choice not in (a.first, a.second):
            raise ValueError(f"answer '{a.choice}' is neither '{a.first}' nor '{a.second}'")
    outcome = np.array([a.outcome() for a in answers], dtype=float)
    return first, second, outcome


def _laplace(answers: Sequence[PairAnswer], prior_mean: np.ndarray, prior_sd: float):
    """Posterior mode and covariance of the strengths (Newton's method on the log posterior)."""
    n = len(VALUE_SLUGS)
    index = {slug: i for i, slug in enumerate(VALUE_SLUGS)}
    first, second, y = _answer_arrays(answers, index)
    precision0 = 1.0 / prior_sd**2
    s = prior_mean.copy()
    for _ in range(50):
        p = _sigmoid(s[first] - s[second])
        residual = y - p  # d(loglik)/d(s_first - s_second)
        grad = -precision0 * (s - prior_mean)
        np.add.at(grad, first, residual)
        np.add.at(grad, second, -residual)
        curvature = p * (1.0 - p)
        hess = np.eye(n) * precision0
        np.add.at(hess, (first, first), curvature)
        np.add.at(hess, (second, second), curvature)
        np.add.at(hess, (first, second), -curvature)
        np.add.at(hess, (second, first), -curvature)
        step = np.linalg.solve(hess, grad)
        s = s + step
        if np.max(np.abs(step)) < 1e-9:
            break
    # Re-evaluate the curvature at the mode for the covariance.
    p = _sigmoid(s[first] - s[second])
    curvature = p * (1.0 - p)
    hess = np.eye(n) * precision0
    np.add.at(hess, (first, first), curvature)
    np.add.at(hess, (second, second), curvature)
    np.add.at(hess, (first, second), -curvature)
    np.add.at(hess, (second, first), -curvature)
    return s, np.linalg.inv(hess)


def _prior_mean(prior_ratings: Mapping[str, int] | None) -> np.ndarray:
    mean = np.zeros(len(VALUE_SLUGS))
    if prior_ratings:
        for i, slug in enumerate(VALUE_SLUGS):
            if slug in prior_ratings:
                mean[i] = RATING_STEP * (prior_ratings[slug] - 3)
    return mean


def _normalise(strengths: np.ndarray) -> np.ndarray:
    z = np.exp(strengths - strengths.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def fit_weights(
    answers: Sequence[PairAnswer],
    *,
    prior_ratings: Mapping[str, int] | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
    draws: int = 4000,
    seed: int = 0,
) -> ValuesFit:
    """Fit normalised value weights, with 90% intervals, from paired-comparison answers.

    Direct ratings, if given, centre the prior; with no answers and no ratings all weights are equal.
    """
    mean, cov = _laplace(answers, _prior_mean(prior_ratings), prior_sd)
    rng = np.random.default_rng(seed)
    samples = _normalise(rng.multivariate_normal(mean, cov, size=draws, method="cholesky"))
    point = _normalise(mean)
    low, high = np.quantile(samples, [0.05, 0.95], axis=0)
    weights = {
        slug: ValueWeight(slug, float(point[i]), float(low[i]), float(high[i]))
        for i, slug in enumerate(VALUE_SLUGS)
    }
    method = "comparisons" if answers else ("ratings" if prior_ratings else "none")
    return ValuesFit(weights, method, len(answers), mean, cov)


def weights_from_ratings(ratings: Mapping[str, int], default: int = 3) -> ValuesFit:
    """Weights from direct 1–5 ratings (unrated values count as ``default``): each step doubles.

    Raises ValueError naming the value when a rating is outside 1–5 or the slug is unknown.
    """
    full: dict[str, int] = {}
    for slug, rating in ratings.items():
        check_value_slug(slug)
        if isinstance(rating, bool) or int(rating) != rating or not 1 <= rating <= 5:
            raise ValueError(f"rating for '{slug}' must be a whole number from 1 to 5, got {rating}")
        full[slug] = int(rating)
    strengths = np.array([RATING_STEP * (full.get(s, default) - 3) for s in VALUE_SLUGS])
    point = _normalise(strengths)
    weights = {s: ValueWeight(s, float(point[i]), float(point[i]), float(point[i]))
               for i, s in enumerate(VALUE_SLUGS)}
    return ValuesFit(weights, "ratings", 0, strengths, None)


# --- choosing the next question --------------------------------------------------------------

def _binary_entropy(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -(p * np.log(p) + (1 - p) * np.log(1 - p))


def pair_information(fit: ValuesFit) -> dict[tuple[str, str], float]:
    """Expected information (nats) about the strengths from asking each pair next (BALD)."""
    mean, cov = fit.strength_mean, fit.strength_cov
    if mean is None or cov is None:
        raise ValueError("pair_information needs a fit from comparisons (fit_weights)")
    pairs = list(combinations(range(len(VALUE_SLUGS)), 2))
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    diff_mean = mean[i] - mean[j]
    diff_sd = np.sqrt(np.maximum(cov[i, i] + cov[j, j] - 2 * cov[i, j], 0.0))
    # Gauss–Hermite over the difference d ~ N(diff_mean, diff_sd^2).
    d = diff_mean[:, None] + diff_sd[:, None] * _GH_NODES[None, :]
    p = _sigmoid(d)
    predictive = (p * _GH_WEIGHTS).sum(axis=1)
    expected_entropy = (_binary_entropy(p) * _GH_WEIGHTS).sum(axis=1)
    info = _binary_entropy(predictive) - expected_entropy
    return {(VALUE_SLUGS[a], VALUE_SLUGS[b]): float(x) for a, b, x in zip(i, j, info)}


def next_pair(
    answers: Sequence[PairAnswer],
    *,
    prior_ratings: Mapping[str, int] | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
) -> tuple[str, str]:
    """The most informative pair to ask next, given the answers so far.

    Ties (as at the start, when every pair is equally uncertain) go to the values asked
    about least, so the first questions cover all twelve.
    """
    fit = fit_weights(answers, prior_ratings=prior_ratings, prior_sd=prior_sd, draws=1)
    info = pair_information(fit)
    asked = {slug: 0 for slug in VALUE_SLUGS}
    pair_count: dict[frozenset[str], int] = {}
    for a in answers:
        asked[a.first] += 1
        asked[a.second] += 1
        key = frozenset((a.first, a.second))
        pair_count[key] = pair_count.get(key, 0) + 1

    def score(pair: tuple[str, str]) -> tuple[float, int, int]:
        # Information rounded so that near-ties fall through to coverage, then to fixed order.
        return (round(info[pair], 4), -pair_count.get(frozenset(pair), 0),
                -(asked[pair[0]] + asked[pair[1]]))

    return max(info, key=score)


# --- consistency -----------------------------------------------------------------------------

def _preference_graph(answers: Iterable[PairAnswer]) -> dict[str, set[str]]:
    """Edge a -> b when, over all answers on that pair, a was preferred more often than b."""
    net: dict[tuple[str, str], float] = {}
    for a in answers:
        if a.choice is None:
            continue
        loser = a.second if a.choice == a.first else a.first
        key = tuple(sorted((a.choice, loser)))
        net[key] = net.get(key, 0.0) + (1.0 if a.choice == key[0] else -1.0)
    graph: dict[str, set[str]] = {}
    for (x, y), balance in net.items():
        if balance > 0:
            graph.setdefault(x, set()).add(y)
        elif balance < 0:
            graph.setdefault(y, set()).add(x)
    return graph


def _shortest_path(graph: Mapping[str, set[str]], start: str, goal: str) -> list[str] | None:
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in sorted(graph.get(node, ())):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def _canonical(cycle: Sequence[str]) -> tuple[str, ...]:
    k = min(range(len(cycle)), key=lambda i: cycle[i])
    return tuple(cycle[k:]) + tuple(cycle[:k])


def _cycle_sentence(cycle: Sequence[str]) -> str:
    names = [value_label(s) for s in cycle]
    steps = [f"{names[i]} over {names[i + 1]}" for i in range(len(names) - 1)]
    closing = f"{names[-1]} over {names[0]}"
    return f"You chose {', '.join(steps)}, yet {closing}: these answers contradict each other."


def find_contradictions(answers: Sequence[PairAnswer], limit: int = 5) -> list[Contradiction]:
    """Intransitive cycles among the answers (A over B, B over C, C over A), shortest first.

    Each comes with a plain sentence naming the values, so the person can revisit one answer.
    """
    graph = _preference_graph(answers)
    cycles: set[tuple[str, ...]] = set()
    for a in sorted(graph):
        for b in sorted(graph[a]):
            back = _shortest_path(graph, b, a)  # b ... a, closing the edge a -> b
            if back is not None:
                cycles.add(_canonical([a] + back[:-1]))
    ordered = sorted(cycles, key=lambda c: (len(c), c))[:limit]
    return [Contradiction(c, _cycle_sentence(c)) for c in ordered]


def agreement(answers: Sequence[PairAnswer], fit: ValuesFit) -> float | None:
    """Share of decided answers that agree with the fitted order (1.0 = fully consistent)."""
    decided = [a for a in answers if a.choice is not None]
    if not decided:
        return None
    w = fit.as_dict()
    hits = 0
    for a in decided:
        other = a.second if a.choice == a.first else a.first
        hits += w[a.choice] >= w[other]
    return hits / len(decided)
