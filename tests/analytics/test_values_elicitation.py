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


# --- the card sort and questions that stop -----------------------------------------------------

from ownpath.analytics.values_elicitation import (  # noqa: E402
    MAX_QUESTIONS, order_probability, plan_questions, sort_conflicts)


def _consistent(strengths):
    return lambda a, b: PairAnswer(a, b, a if strengths[a] > strengths[b] else b)


def _run(ranking, respond, limit=MAX_QUESTIONS + 1):
    """Ask until the plan stops; returns the answers and every (number, 'of about') shown."""
    answers, shown = [], []
    for _ in range(limit):
        plan = plan_questions(answers, ranking=ranking)
        if plan.settled:
            return answers, shown
        shown.append((len(answers) + 1, plan.expected_total))
        answers.append(respond(*plan.next))
    raise AssertionError("the questions never stopped")


def test_a_card_sort_alone_gives_its_order_with_intervals_that_are_never_zero_wide():
    order = ["mentorship", "learning", "hands_on", "work_life_balance", "impact", "relationships"]
    fit = fit_weights([], ranking=order)
    assert [w.slug for w in fit.ranked()[:6]] == order
    assert fit.method == "card_sort"
    assert all(w.low < w.weight < w.high and w.high - w.low > 0.01 for w in fit.weights.values())


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("picked", [4, 6, 8])
def test_a_consistent_person_gets_their_top_four_in_order_within_eight_questions(seed, picked):
    strengths = planted_strengths(seed, spread=2.0)
    ranking = sorted(strengths, key=strengths.get, reverse=True)[:picked]
    answers, _ = _run(ranking, _consistent(strengths))
    assert len(answers) <= 8
    fit = fit_weights(answers, ranking=ranking)
    assert [w.slug for w in fit.ranked()[:4]] == ranking[:4]


@pytest.mark.parametrize("seed", range(6))
def test_the_count_of_questions_is_never_below_the_question_number(seed):
    # A noisy person: a card sort drawn with noise, answers by Bradley–Terry chance.
    strengths = planted_strengths(seed, spread=2.0)
    rng = np.random.default_rng(seed)
    noisy = {s: v + rng.gumbel() for s, v in strengths.items()}
    ranking = sorted(noisy, key=noisy.get, reverse=True)[:6]

    def respond(a, b):
        p_a = 1 / (1 + np.exp(-(strengths[a] - strengths[b])))
        return PairAnswer(a, b, a if rng.random() < p_a else b)

    answers, shown = _run(ranking, respond)
    assert len(answers) <= MAX_QUESTIONS
    assert all(total >= number for number, total in shown)


def test_the_questions_are_only_about_neighbours_in_the_top_of_the_order_and_one_cross_check():
    order = ["mentorship", "learning", "hands_on", "impact"]
    strengths = {s: 4 - i for i, s in enumerate(order)} | {s: -5 for s in VALUE_SLUGS if s not in order}
    answers, shown = _run(order, _consistent(strengths))
    asked = {frozenset((a.first, a.second)) for a in answers}
    neighbours = {frozenset(p) for p in zip(order, order[1:])}
    assert asked == neighbours | {frozenset(("mentorship", "hands_on"))}
    assert shown[0] == (1, 4)


def test_an_answer_against_the_card_sort_is_named_and_must_be_said_twice_to_stand():
    order = ["mentorship", "learning", "impact"]
    against = [PairAnswer("mentorship", "learning", "learning")]
    assert sort_conflicts(against, order)[0].sentence == (
        "In your order mentorship came before learning, but you chose learning when asked.")
    plan = plan_questions(against, ranking=order)
    assert set(plan.next) == {"mentorship", "learning"}
    twice = against * 2
    fit = fit_weights(twice, ranking=order)
    assert order_probability(fit, "learning", "mentorship") > 0.5
    standing = {frozenset((s.upper, s.lower)): s for s in plan_questions(twice, ranking=order).standings}
    assert standing[frozenset(("mentorship", "learning"))].how == "confirmed"


def test_about_equal_settles_a_pair_as_level():
    plan = plan_questions([PairAnswer("learning", "autonomy", None)], ranking=["learning", "autonomy"])
    assert plan.settled and plan.standings[0].how == "level"


def test_direct_ratings_keep_an_interval_around_every_weight():
    fit = weights_from_ratings({"learning": 5, "mentorship": 4})
    assert all(w.low < w.weight < w.high for w in fit.weights.values())
    assert fit.draws(n=10)


def test_without_a_card_sort_broad_questions_come_first_and_the_count_stays_true():
    strengths = planted_strengths(3)
    answers, shown = _run([], _consistent(strengths))
    assert len(answers) <= MAX_QUESTIONS
    assert all(total >= number for number, total in shown)
    assert shown[0][1] >= 12


def test_a_repeated_or_unknown_value_in_the_card_sort_is_refused_by_name():
    with pytest.raises(ValueError, match="learning is in the order twice"):
        fit_weights([], ranking=["learning", "learning"])
    with pytest.raises(ValueError, match="unknown value 'learnin'"):
        plan_questions([], ranking=["learnin"])


def test_with_ratings_alone_the_questions_settle_the_values_rated_high():
    plan = plan_questions([], prior_ratings={"learning": 5, "mentorship": 5, "security": 2})
    assert set(plan.focus) == {"learning", "mentorship"}
    assert set(plan.next) == {"learning", "mentorship"} and plan.remaining == 1
