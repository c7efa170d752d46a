"""Value elicitation: adaptive paired comparisons, direct ratings, contradictions."""

from itertools import combinations

import numpy as np
import pytest
from scipy.stats import spearmanr

from ownpath.analytics.values_elicitation import (
    VALUE_SLUGS,
    PairAnswer,
    agreement,
    find_contradictions,
    fit_weights,
    next_pair,
    question_for,
    weights_from_ratings,
)


def planted_strengths(seed: int, spread: float = 4.0) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    strengths = np.linspace(-spread, spread, len(VALUE_SLUGS))
    rng.shuffle(strengths)
    return dict(zip(VALUE_SLUGS, strengths))


def simulate(strengths, n_answers, seed, adaptive=True):
    """A person answering by the Bradley–Terry model with their planted strengths (noisy)."""
    rng = np.random.default_rng(1000 + seed)
    pairs = list(combinations(VALUE_SLUGS, 2))
    answers = []
    for _ in range(n_answers):
        a, b = next_pair(answers) if adaptive else pairs[rng.integers(len(pairs))]
        p_a = 1 / (1 + np.exp(-(strengths[a] - strengths[b])))
        answers.append(PairAnswer(a, b, a if rng.random() < p_a else b))
    return answers


def rank_correlation(fit, strengths):
    return spearmanr([fit.weights[s].weight for s in VALUE_SLUGS],
                     [strengths[s] for s in VALUE_SLUGS]).statistic


def test_twenty_adaptive_answers_recover_planted_weights():
    correlations, top_found = [], 0
    for seed in range(12):
        strengths = planted_strengths(seed)
        fit = fit_weights(simulate(strengths, 20, seed))
        correlations.append(rank_correlation(fit, strengths))
        best = max(strengths, key=strengths.get)
        top_found += best in [w.slug for w in fit.ranked()[:3]]
    assert np.median(correlations) >= 0.8
    assert min(correlations) >= 0.5
    assert top_found >= 10


def test_a_dozen_adaptive_answers_already_give_a_usable_ranking():
    correlations = [rank_correlation(fit_weights(simulate(planted_strengths(s), 12, s)),
                                     planted_strengths(s)) for s in range(12)]
    assert np.median(correlations) >= 0.6


def test_adaptive_questions_beat_random_questions_on_average():
    adaptive, random = [], []
    for seed in range(12):
        strengths = planted_strengths(seed)
        adaptive.append(rank_correlation(fit_weights(simulate(strengths, 20, seed)), strengths))
        random.append(rank_correlation(
            fit_weights(simulate(strengths, 20, seed, adaptive=False)), strengths))
    assert np.mean(adaptive) > np.mean(random)


def test_weights_are_normalised_and_carry_intervals():
    strengths = planted_strengths(3)
    fit = fit_weights(simulate(strengths, 15, 3))
    assert sum(w.weight for w in fit.weights.values()) == pytest.approx(1.0)
    for w in fit.weights.values():
        assert 0 < w.low <= w.weight <= w.high < 1
    assert fit.answers == 15 and fit.method == "comparisons"


def test_intervals_narrow_as_answers_accumulate():
    strengths = planted_strengths(5)
    few = fit_weights(simulate(strengths, 4, 5))
    many = fit_weights(simulate(strengths, 40, 5))
    width = lambda fit: np.mean([w.high - w.low for w in fit.weights.values()])
    assert width(many) < width(few)


def test_without_answers_all_values_weigh_the_same():
    fit = fit_weights([])
    assert {round(w.weight, 6) for w in fit.weights.values()} == {round(1 / 12, 6)}
    assert fit.method == "none"


def test_first_questions_cover_all_twelve_values():
    answers = []
    for _ in range(6):
        a, b = next_pair(answers)
        answers.append(PairAnswer(a, b, a))
    asked = {s for x in answers for s in (x.first, x.second)}
    assert asked == set(VALUE_SLUGS)


def test_an_inconsistent_cycle_is_detected_and_named():
    answers = [
        PairAnswer("learning", "compensation", "learning"),
        PairAnswer("compensation", "autonomy", "compensation"),
        PairAnswer("autonomy", "learning", "autonomy"),
        PairAnswer("mentorship", "security", "mentorship"),
    ]
    found = find_contradictions(answers)
    assert len(found) == 1
    assert set(found[0].cycle) == {"learning", "compensation", "autonomy"}
    sentence = found[0].sentence
    assert "learning over pay above your baseline" in sentence
    assert "autonomy over learning" in sentence
    assert "contradict" in sentence


def test_a_longer_cycle_without_triangles_is_found_too():
    chain = ["learning", "mentorship", "autonomy", "impact"]
    answers = [PairAnswer(a, b, a) for a, b in zip(chain, chain[1:] + chain[:1])]
    found = find_contradictions(answers)
    assert [len(c.cycle) for c in found] == [4]


def test_consistent_answers_have_no_contradictions():
    order = list(VALUE_SLUGS)
    answers = [PairAnswer(a, b, a) for a, b in combinations(order, 2)]
    assert find_contradictions(answers) == []
    assert agreement(answers, fit_weights(answers)) == 1.0


def test_a_reversed_answer_that_is_outvoted_is_not_a_contradiction():
    answers = [PairAnswer("learning", "security", "learning")] * 2 + [
        PairAnswer("learning", "security", "security")]
    assert find_contradictions(answers) == []


def test_about_equal_answers_pull_two_values_together():
    apart = fit_weights([PairAnswer("learning", "security", "learning")] * 3)
    tied = fit_weights([PairAnswer("learning", "security", "learning")] * 3
                       + [PairAnswer("learning", "security", None)] * 3)
    gap = lambda fit: fit.weights["learning"].weight - fit.weights["security"].weight
    assert 0 < gap(tied) < gap(apart)


def test_direct_ratings_give_weights_that_double_per_step():
    fit = weights_from_ratings({"learning": 5, "mentorship": 4, "security": 1})
    w = fit.as_dict()
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["learning"] / w["mentorship"] == pytest.approx(2.0)
    assert w["mentorship"] / w["autonomy"] == pytest.approx(2.0)  # unrated counts as 3
    assert w["learning"] / w["security"] == pytest.approx(16.0)
    assert fit.method == "ratings"


@pytest.mark.parametrize("ratings, field", [({"learning": 6}, "learning"),
                                            ({"autonomy": 0}, "autonomy"),
                                            ({"learnin": 3}, "learning")])
def test_bad_direct_ratings_name_the_value(ratings, field):
    with pytest.raises(ValueError, match=field):
        weights_from_ratings(ratings)


def test_ratings_can_centre_the_prior_for_comparisons():
    fit = fit_weights([], prior_ratings={"learning": 5})
    assert fit.ranked()[0].slug == "learning"


def test_question_uses_plain_words():
    assert question_for(("mentorship", "compensation")) == (
        "More important to you: mentorship or pay above your baseline?")
