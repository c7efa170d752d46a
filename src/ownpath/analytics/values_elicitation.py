"""What a person values in a job: a card sort, then paired comparisons that settle near-ties.

The twelve job values have stable slugs (``VALUE_SLUGS``). A person first says at once what
they can: which values matter and in what order (the *card sort*, ``ranking``). That ordered
pick is a Plackett–Luce top-k observation: the first value chosen out of all twelve, the second
out of the rest, and so on (counted ``SORT_WEIGHT`` times: it is made with every card in
view). Answers to "which matters more to you, A or B?" are Bradley–Terry
choices, ``P(A over B) = sigmoid(s_A - s_B)``, the two-item case of the same model, so both
kinds of evidence fit one set of latent strengths with a Gaussian prior
``s ~ N(prior_mean, prior_sd^2)``. The fit is the Laplace approximation (posterior mode and
inverse Hessian), so every weight has an interval that is never zero wide. A value's weight is
``exp(s)`` normalised to sum to 1: the ratio of two weights is the odds of picking one over
the other.

A card sort gives the order, not how close two values are. ``plan_questions`` asks only about
neighbours in the top of the order that are not yet settled (nearest tie first), plus one
cross-check that catches a contradiction, and stops when the order is settled; it also says
how many questions remain, so "question n of about N" stays true. Without a card sort the
questions start with the most informative pairs (BALD). Direct 1–5 ratings centre the prior
(each step up doubles the weight). Contradictions, a cycle among the answers or an answer
against the card sort, are named in plain words.
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
# How unsure a 1–5 rating leaves a strength: one step (log 2) is about 1.4 of these.
RATING_SD = 0.5
DEFAULT_PRIOR_SD = 1.0
# A card sort is ordered with every card in view, a considered statement: it counts as this
# many independent sorts (one alone would let a single quick answer reorder it).
SORT_WEIGHT = 3.0
# Without a card sort, this many broad questions come before settling the top of the order.
SUGGESTED_QUESTIONS = 12
# A neighbouring pair counts as settled when the posterior puts them in order with this chance.
SETTLED = 0.9
# The top of the order that questions settle: the picked values, at most this many.
FOCUS_MAX = 6
# Without a card sort the questions settle the top four.
DEFAULT_FOCUS = 4
MAX_ASKS_PER_PAIR = 3  # after three answers on one pair its majority stands
MAX_QUESTIONS = 15  # questions after the card sort never run past this
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


def check_ranking(ranking: Sequence[str]) -> tuple[str, ...]:
    """A card sort as known slugs, most important first; ValueError on an unknown or repeated value."""
    checked: list[str] = []
    for slug in ranking:
        slug = check_value_slug(slug)
        if slug in checked:
            raise ValueError(f"{value_label(slug)} is in the order twice; give each value once")
        checked.append(slug)
    return tuple(checked)


def _ranking_stages(ranking: Sequence[str], index: Mapping[str, int]) -> list[tuple[int, np.ndarray]]:
    """Plackett–Luce stages of a top-k card sort: (the value chosen, the values it was chosen from)."""
    remaining = list(range(len(VALUE_SLUGS)))
    stages = []
    for slug in ranking:
        chosen = index[slug]
        if len(remaining) > 1:
            stages.append((chosen, np.array(remaining)))
        remaining.remove(chosen)
    return stages


def _gradient_hessian(s, first, second, y, stages, prior_mean, precision0):
    """Gradient and negative Hessian of the log posterior (answers, card sort and prior)."""
    n = len(s)
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
    for chosen, pool in stages:
        z = s[pool] - s[pool].max()
        q = np.exp(z) / np.exp(z).sum()
        grad[chosen] += SORT_WEIGHT
        grad[pool] -= SORT_WEIGHT * q
        hess[np.ix_(pool, pool)] += SORT_WEIGHT * (np.diag(q) - np.outer(q, q))
    return grad, hess


def _laplace(answers: Sequence[PairAnswer], prior_mean: np.ndarray, prior_sd: float,
             ranking: Sequence[str] = ()):
    """Posterior mode and covariance of the strengths (Newton's method on the log posterior)."""
    index = {slug: i for i, slug in enumerate(VALUE_SLUGS)}
    first, second, y = _answer_arrays(answers, index)
    stages = _ranking_stages(check_ranking(ranking), index)
    precision0 = 1.0 / prior_sd**2
    s = prior_mean.copy()
    for _ in range(50):
        grad, hess = _gradient_hessian(s, first, second, y, stages, prior_mean, precision0)
        step = np.linalg.solve(hess, grad)
        s = s + step
        if np.max(np.abs(step)) < 1e-9:
            break
    # Re-evaluate the curvature at the mode for the covariance.
    _, hess = _gradient_hessian(s, first, second, y, stages, prior_mean, precision0)
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


def _fit_from(mean: np.ndarray, cov: np.ndarray, method: str, answers: int, draws: int,
              seed: int) -> ValuesFit:
    rng = np.random.default_rng(seed)
    samples = _normalise(rng.multivariate_normal(mean, cov, size=draws, method="cholesky"))
    point = _normalise(mean)
    low, high = np.quantile(samples, [0.05, 0.95], axis=0)
    # The point weight is the mode's; with a skewed posterior it may sit at an interval's very
    # edge, so the interval is widened to hold it (an estimate always lies inside its interval).
    weights = {
        slug: ValueWeight(slug, float(point[i]), float(min(low[i], point[i])), float(max(high[i], point[i])))
        for i, slug in enumerate(VALUE_SLUGS)
    }
    return ValuesFit(weights, method, answers, mean, cov)


def fit_weights(
    answers: Sequence[PairAnswer],
    *,
    ranking: Sequence[str] = (),
    prior_ratings: Mapping[str, int] | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
    draws: int = 4000,
    seed: int = 0,
) -> ValuesFit:
    """Fit normalised value weights, with 90% intervals, from a card sort and paired answers.

    Direct ratings, if given, centre the prior; with nothing at all every weight is equal.
    """
    mean, cov = _laplace(answers, _prior_mean(prior_ratings), prior_sd, ranking)
    method = ("comparisons" if answers else "card_sort" if ranking
              else "ratings" if prior_ratings else "none")
    return _fit_from(mean, cov, method, len(answers), draws, seed)


def weights_from_ratings(ratings: Mapping[str, int], default: int = 3, *, draws: int = 4000,
                         seed: int = 0) -> ValuesFit:
    """Weights from direct 1–5 ratings (unrated values count as ``default``): each step doubles.

    A rating is a rough statement, so each strength keeps ``RATING_SD`` of doubt: the
    intervals say how far one rating step is from a sure ratio. Raises ValueError naming the
    value when a rating is outside 1–5 or the slug is unknown.
    """
    full: dict[str, int] = {}
    for slug, rating in ratings.items():
        check_value_slug(slug)
        if isinstance(rating, bool) or int(rating) != rating or not 1 <= rating <= 5:
            raise ValueError(f"rating for '{slug}' must be a whole number from 1 to 5, got {rating}")
        full[slug] = int(rating)
    strengths = np.array([RATING_STEP * (full.get(s, default) - 3) for s in VALUE_SLUGS])
    return _fit_from(strengths, np.eye(len(VALUE_SLUGS)) * RATING_SD**2, "ratings", 0, draws, seed)


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
    ranking: Sequence[str] = (),
    prior_ratings: Mapping[str, int] | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
) -> tuple[str, str]:
    """The most informative pair to ask next over all 66 (BALD), given what is known so far.

    Ties (as at the start, when every pair is equally uncertain) go to the values asked
    about least, so the first questions cover all twelve.
    """
    fit = fit_weights(answers, ranking=ranking, prior_ratings=prior_ratings, prior_sd=prior_sd, draws=1)
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


# --- settling the order ----------------------------------------------------------------------

@dataclass(frozen=True)
class PairStanding:
    """Where two neighbours in the order stand: the chance they are in this order, and the answers."""

    upper: str
    lower: str
    p_order: float
    asks: int
    settled: bool
    how: str  # "confident" | "confirmed" | "level" | "majority" | "open"


@dataclass(frozen=True)
class QuestionPlan:
    """The next question (None once the order is settled) and how many are still expected."""

    next: tuple[str, str] | None
    remaining: int
    asked: int
    focus: tuple[str, ...]
    standings: tuple[PairStanding, ...]

    @property
    def settled(self) -> bool:
        """True when no question is left to ask."""
        return self.next is None

    @property
    def expected_total(self) -> int:
        """Questions in all, as far as can be told now (never fewer than asked plus the next one)."""
        return self.asked + self.remaining


def order_probability(fit: ValuesFit, upper: str, lower: str) -> float:
    """Posterior chance that ``upper`` matters more than ``lower`` (normal approximation)."""
    if fit.strength_mean is None or fit.strength_cov is None:
        raise ValueError("order_probability needs a fit with a covariance")
    i, j = VALUE_SLUGS.index(upper), VALUE_SLUGS.index(lower)
    mean, cov = fit.strength_mean, fit.strength_cov
    sd = math.sqrt(max(cov[i, i] + cov[j, j] - 2 * cov[i, j], 1e-12))
    return 0.5 * math.erfc(-(mean[i] - mean[j]) / sd / math.sqrt(2.0))


def _tally(answers: Sequence[PairAnswer], upper: str, lower: str) -> tuple[int, int, int, PairAnswer | None]:
    """Answers on one pair: for ``upper``, for ``lower``, "about equal", and the latest of them."""
    up = low = level = 0
    latest = None
    for a in answers:
        if {a.first, a.second} != {upper, lower}:
            continue
        latest = a
        if a.choice is None:
            level += 1
        elif a.choice == upper:
            up += 1
        else:
            low += 1
    return up, low, level, latest


def _standing(fit: ValuesFit, answers: Sequence[PairAnswer], ranking: Sequence[str],
              upper: str, lower: str) -> PairStanding:
    """Is the order of two neighbours settled? Sure enough, or said so directly by the person.

    A direct answer confirms the order; an answer against the card sort needs a second one
    (the majority of answers on the pair stands), and after ``MAX_ASKS_PER_PAIR`` answers
    the majority stands whatever it is. "About equal" settles a pair as level.
    """
    p = order_probability(fit, upper, lower)
    up, low, level, latest = _tally(answers, upper, lower)
    asks = up + low + level
    against_sort = (upper in ranking and lower in ranking and ranking.index(upper) > ranking.index(lower))
    if asks >= MAX_ASKS_PER_PAIR:
        how = "majority"
    elif latest is not None and latest.choice is None:
        how = "level"
    elif up - low >= (2 if against_sort else 1):
        how = "confirmed"
    elif asks == 0 and p >= SETTLED:
        how = "confident"
    else:
        how = "open"
    return PairStanding(upper, lower, p, asks, how != "open", how)


def _asked(answers: Sequence[PairAnswer], a: str, b: str) -> bool:
    return any({x.first, x.second} == {a, b} for x in answers)


def plan_questions(
    answers: Sequence[PairAnswer],
    *,
    ranking: Sequence[str] = (),
    prior_ratings: Mapping[str, int] | None = None,
    prior_sd: float = DEFAULT_PRIOR_SD,
) -> QuestionPlan:
    """What to ask next, how many questions remain, and where each neighbouring pair stands.

    With a card sort (or ratings) the questions settle the top of the order: neighbours not yet
    settled, nearest tie first, then one cross-check (first against third) that would expose a
    contradiction. Without either, broad BALD questions come first. Never more than
    ``MAX_QUESTIONS``; the count of what remains is recomputed after every answer.
    """
    ranking = check_ranking(ranking)
    asked = len(answers)
    left = max(MAX_QUESTIONS - asked, 0)
    fit = fit_weights(answers, ranking=ranking, prior_ratings=prior_ratings, prior_sd=prior_sd, draws=1)
    order = tuple(w.slug for w in fit.ranked())
    if ranking:
        size = min(len(ranking), FOCUS_MAX)
    elif prior_ratings:  # the values rated above the middle are the ones whose order matters
        size = min(max(sum(r >= 4 for r in prior_ratings.values()), 2), FOCUS_MAX)
    else:
        size = DEFAULT_FOCUS
    focus = order[:size]
    standings = tuple(_standing(fit, answers, ranking, focus[k], focus[k + 1]) for k in range(len(focus) - 1))
    if not ranking and not prior_ratings and asked < SUGGESTED_QUESTIONS:
        broad = SUGGESTED_QUESTIONS - asked
        pair = next_pair(answers, prior_sd=prior_sd)
        return QuestionPlan(pair, min(broad + size - 1, left), asked, focus, standings)
    open_pairs = sorted((s for s in standings if not s.settled), key=lambda s: s.p_order)
    check = (focus[0], focus[2]) if len(focus) >= 3 and not _asked(answers, focus[0], focus[2]) else None
    remaining = min(len(open_pairs) + (check is not None), left)
    if remaining == 0:
        return QuestionPlan(None, 0, asked, focus, standings)
    pair = (open_pairs[0].upper, open_pairs[0].lower) if open_pairs else check
    # Shown in a fixed order (the list's), so the position never hints at the expected answer.
    pair = tuple(sorted(pair, key=VALUE_SLUGS.index))  # type: ignore[assignment]
    return QuestionPlan(pair, remaining, asked, focus, standings)


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


def sort_conflicts(answers: Sequence[PairAnswer], ranking: Sequence[str]) -> list[Contradiction]:
    """Pairs where the answers, on balance, put a value above one the card sort put before it."""
    found = []
    for upper, lower in combinations(ranking, 2):  # upper came first in the card sort
        up, low, _, _ = _tally(answers, upper, lower)
        if low > up:
            found.append(Contradiction(
                (upper, lower),
                f"In your order {value_label(upper)} came before {value_label(lower)}, "
                f"but you chose {value_label(lower)} when asked."))
    return found


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
