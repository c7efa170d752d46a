"""Mentorship matching: growth edges and wishes meet compensable strengths, exact, with capacities."""

import itertools

import numpy as np
import pytest

from ownpath.analytics.mentorship_matching import (
    SAME_TEAM_FACTOR,
    WISH_WEIGHT,
    Mentee,
    Mentor,
    match_mentors,
    needs_from_quadrants,
    pair_weight,
    reason_words,
    strengths_from_quadrants,
    weight_matrix,
)


def mentee(person, team="t1", managers=(), wishes=(), prefer_other_teams=False, **edges):
    return Mentee(person, edges, frozenset(wishes), frozenset({team}), frozenset(managers), prefer_other_teams)


def mentor(person, team="t2", capacity=1, **strengths):
    return Mentor(person, strengths, capacity, frozenset({team}))


def test_weight_is_need_times_strength_over_offered_activities():
    m = mentee("ana", coaching=0.8, presenting=0.5, wishes={"analysis"})
    r = mentor("ben", coaching=0.9, analysis=0.6)
    assert pair_weight(m, r) == pytest.approx(0.8 * 0.9 + WISH_WEIGHT * 0.6)


def test_own_manager_and_oneself_are_never_paired():
    m = mentee("ana", managers={"boss"}, coaching=0.9)
    assert pair_weight(m, mentor("boss", coaching=0.9)) == 0.0
    assert pair_weight(m, mentor("ana", coaching=0.9)) == 0.0
    result = match_mentors([m], [mentor("boss", coaching=0.99, capacity=5)])
    assert result.pairs == () and "ana" in result.unmatched


def test_same_team_counts_less_when_the_mentee_prefers_other_teams():
    m = mentee("ana", team="t1", prefer_other_teams=True, coaching=0.8)
    same, other = mentor("ben", team="t1", coaching=0.9), mentor("cy", team="t2", coaching=0.7)
    assert pair_weight(m, same) == pytest.approx(SAME_TEAM_FACTOR * 0.72)
    result = match_mentors([m], [same, other])
    assert result.pairs[0].mentor == "cy" and result.pairs[0].other_team


def test_vectorised_weights_agree_with_the_definition():
    rng = np.random.default_rng(1)
    acts = ["coaching", "analysis", "presenting", "selling"]
    mentees = [Mentee(f"e{i}", {a: float(rng.random()) for a in acts if rng.random() < 0.6},
                      frozenset(a for a in acts if rng.random() < 0.2), frozenset({f"t{i % 3}"}),
                      frozenset({"r0"} if i % 4 == 0 else ()), bool(i % 2)) for i in range(12)]
    mentors = [Mentor(f"r{j}", {a: float(rng.random()) for a in acts if rng.random() < 0.5}, 1,
                      frozenset({f"t{j % 3}"})) for j in range(6)]
    expected = np.array([[pair_weight(m, r) for r in mentors] for m in mentees])
    assert weight_matrix(mentees, mentors) == pytest.approx(expected)


def test_matching_is_the_maximum_weight_one_with_capacities():
    # Brute force over every assignment on a small case: the solver must reach the optimum.
    rng = np.random.default_rng(7)
    acts = ["coaching", "analysis", "presenting"]
    mentees = [mentee(f"e{i}", **{a: float(rng.random()) for a in acts}) for i in range(5)]
    mentors = [mentor("r0", capacity=2, **{a: float(rng.random()) for a in acts}),
               mentor("r1", capacity=1, **{a: float(rng.random()) for a in acts})]
    w = weight_matrix(mentees, mentors)
    best = 0.0
    for choice in itertools.product([None, 0, 1], repeat=len(mentees)):
        if choice.count(0) > 2 or choice.count(1) > 1:
            continue
        best = max(best, sum(w[i, j] for i, j in enumerate(choice) if j is not None))
    result = match_mentors(mentees, mentors)
    assert result.total_weight == pytest.approx(best)
    assert sum(p.mentor == "r0" for p in result.pairs) <= 2
    assert sum(p.mentor == "r1" for p in result.pairs) <= 1


def test_greedy_first_choice_is_not_what_the_optimum_does():
    # ana's best mentor is ben, but ben is cy's only option: the optimum gives ana to dee.
    ana = mentee("ana", coaching=0.9, presenting=0.8)
    cy = mentee("cy", coaching=0.9)
    ben = mentor("ben", coaching=0.9, presenting=0.5)
    dee = mentor("dee", presenting=0.9)
    pairs = {p.mentee: p.mentor for p in match_mentors([ana, cy], [ben, dee]).pairs}
    assert pairs == {"ana": "dee", "cy": "ben"}


def test_every_pair_comes_with_its_reasons_in_words():
    m = mentee("ana", wishes={"presenting"}, coaching=0.8)
    pair = match_mentors([m], [mentor("ben", coaching=0.9, presenting=0.7)]).pairs[0]
    assert {r.activity for r in pair.reasons} == {"coaching", "presenting"}
    words = reason_words(pair, {"coaching": "Coaching & teaching", "presenting": "Presenting"}, "Ben", "Ana")
    assert "Presenting: Ben may enjoy it and be good at it (70% likely); Ana asked to learn it" in words
    assert "Coaching & teaching: Ben enjoys it and is good at it; it probably energizes Ana" in words
    assert "(from another team)" in words


def test_reasons_never_say_enjoys_it_when_the_mentor_is_probably_drained():
    m = Mentee("ana", {}, frozenset({"presenting"}), frozenset({"t1"}))
    drained = Mentor("ben", {"presenting": 0.4}, 1, frozenset({"t2"}), energizes={"presenting": 0.2},
                     good_at={"presenting": 0.97})
    words = reason_words(match_mentors([m], [drained]).pairs[0], {"presenting": "Presenting"})
    assert "enjoys it" not in words
    assert "Presenting: ben probably is drained by it and is good at it; ana asked to learn it" in words


def test_unmatched_mentees_are_told_why():
    result = match_mentors([mentee("ana", selling=0.9), mentee("cy"), mentee("dee", coaching=0.9),
                            mentee("eve", coaching=0.8)], [mentor("ben", coaching=0.9)])
    assert result.unmatched["ana"] == "no mentor offers what you want to learn"
    assert result.unmatched["cy"] == "no growth edges or learning wishes yet to match on"
    assert result.unmatched["eve"] == "the mentors for what you want to learn are at capacity"


def test_quadrant_probabilities_become_needs_and_offered_strengths():
    probs = {"coaching": {"growth_edge": 0.7, "compensable_strength": 0.1},
             "analysis": {"growth_edge": 0.1, "compensable_strength": 0.8}}
    assert needs_from_quadrants(probs) == {"coaching": 0.7, "analysis": 0.1}
    assert strengths_from_quadrants(probs, ["analysis"]) == {"analysis": 0.8}


def test_a_mentee_listed_twice_is_refused():
    with pytest.raises(ValueError, match="appears twice"):
        match_mentors([mentee("ana"), mentee("ana")], [])


def test_a_mentor_no_better_than_the_mentee_counts_for_nothing_on_that_activity():
    m = Mentee("ana", {"coaching": 0.8, "presenting": 0.8}, skill_levels={"coaching": 4.0}, average_level=3.0)
    r = Mentor("ben", {"coaching": 0.9, "presenting": 0.9}, 1, frozenset({"t2"}),
               skill_levels={"coaching": 4.0, "presenting": 3.5})
    # coaching: no gap; presenting: mentee at her average 3.0, half a point below the mentor.
    assert pair_weight(m, r) == pytest.approx(0.8 * 0.9 * 0.5)
    assert [x.activity for x in match_mentors([m], [r]).pairs[0].reasons] == ["presenting"]


def test_vectorised_weights_agree_with_the_definition_with_skill_levels():
    rng = np.random.default_rng(2)
    acts = ["coaching", "analysis", "presenting"]
    mentees = [Mentee(f"e{i}", {a: float(rng.random()) for a in acts},
                      skill_levels={a: float(rng.uniform(1, 5)) for a in acts if rng.random() < 0.5},
                      average_level=float(rng.uniform(2, 4)) if i % 3 else None) for i in range(8)]
    mentors = [Mentor(f"r{j}", {a: float(rng.random()) for a in acts}, 1,
                      skill_levels={a: float(rng.uniform(1, 5)) for a in acts if rng.random() < 0.7})
               for j in range(5)]
    expected = np.array([[pair_weight(m, r) for r in mentors] for m in mentees])
    assert weight_matrix(mentees, mentors) == pytest.approx(expected)


def test_skill_levels_come_from_the_skill_fit_on_the_1_to_5_scale():
    from ownpath.analytics.mentorship_matching import skill_levels_from_fit
    from ownpath.analytics.strengths import estimate_skill_effects

    fit = estimate_skill_effects(["coaching"] * 4 + ["admin"] * 4, [1, 2, 3, 4] * 2, [5, 5, 4, 5, 2, 2, 3, 2])
    levels, average = skill_levels_from_fit(fit)
    assert 3.0 < average < 4.0
    assert levels["coaching"] > average > levels["admin"]
    assert skill_levels_from_fit(None) == ({}, None)
