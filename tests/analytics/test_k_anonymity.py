"""Aggregate figures never narrow down to fewer than 5 people, differencing of overlapping figures and over time included."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownpath.analytics.k_anonymity import (CHANGED_BY_FEW, DIFFERENCING, TOO_FEW, atoms,
                                           contributors_over_time, mean_with_interval, release_figures)


def people(prefix: str, n: int) -> set[str]:
    return {f"{prefix}{i}" for i in range(n)}


def _smallest_revealed_group(released_sets: list[set[str]]) -> int:
    """The attack: every sum an onlooker can form is a combination of atom sums; find the smallest atom."""
    return min(len(a) for a in atoms(released_sets))


def test_a_figure_from_four_people_is_withheld_and_five_is_shown():
    decision = release_figures([("four", people("a", 4)), ("five", people("b", 5))])
    assert decision == {"four": TOO_FEW, "five": None}


def test_parent_minus_child_differencing_cannot_isolate_the_extra_person():
    child = people("c", 6)
    parent = child | {"manager"}  # the parent team is its sub-team plus its manager
    decision = release_figures([("parent", parent), ("child", child)])
    assert decision == {"parent": None, "child": DIFFERENCING}
    # Without the rule the two figures would reveal the manager alone:
    assert _smallest_revealed_group([parent, child]) == 1


def test_parent_minus_two_sub_teams_cannot_isolate_the_manager():
    first, second = people("x", 5), people("y", 5)
    parent = first | second | {"manager"}
    decision = release_figures([("parent", parent), ("first", first), ("second", second)])
    shown = [s for key, s in (("parent", parent), ("first", first), ("second", second)) if decision[key] is None]
    assert decision["parent"] is None and decision["first"] is None
    assert decision["second"] == DIFFERENCING
    assert _smallest_revealed_group(shown) >= 5


def test_a_sub_team_differing_by_five_or_more_is_shown_with_its_parent():
    child = people("c", 5)
    parent = child | people("p", 5)
    assert release_figures([("parent", parent), ("child", child)]) == {"parent": None, "child": None}


def test_people_in_two_teams_do_not_open_a_differencing_hole():
    a = people("a", 5) | {"both"}
    b = people("b", 5) | {"both"}
    decision = release_figures([("a", a), ("b", b)])
    # Released together, {"both"} would be an atom of one: only one of them may be shown.
    assert sorted(decision.values(), key=str) == [None, DIFFERENCING]


@pytest.mark.parametrize("seed", range(30))
def test_no_combination_of_released_figures_narrows_below_five_people(seed):
    import random

    rng = random.Random(seed)
    population = [f"p{i}" for i in range(40)]
    candidates = [(f"set{j}", set(rng.sample(population, rng.randint(3, 30)))) for j in range(8)]
    decision = release_figures(candidates)
    shown = [s for key, s in candidates if decision[key] is None]
    if shown:
        assert _smallest_revealed_group(shown) >= 5
    # And the decision is the same whatever order the candidates come in.
    assert release_figures(list(reversed(candidates))) == decision


def test_atoms_are_the_groups_in_exactly_the_same_sets():
    found = atoms([{1, 2, 3}, {2, 3, 4}])
    assert sorted(sorted(a) for a in found) == [[1], [2, 3], [4]]


def test_mean_has_a_90_percent_interval_and_its_sample_size():
    figure = mean_with_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    assert figure.n == 5 and figure.mean == 3.0
    assert figure.low < 3.0 < figure.high
    assert round(figure.high - figure.mean, 2) == 1.51  # t(0.95, 4) * sd / sqrt(5)
    assert mean_with_interval([]) is None


def test_every_pair_of_released_figures_differs_by_zero_or_at_least_five_people():
    child = people("c", 7)
    candidates = [("org", child | people("o", 9) | {"m"}), ("team", child | {"m"}), ("sub", child)]
    decision = release_figures(candidates)
    shown = [s for key, s in candidates if decision[key] is None]
    for a, b in itertools.combinations(shown, 2):
        assert len(a - b) == 0 or len(a - b) >= 5
        assert len(b - a) == 0 or len(b - a) >= 5


# --- over time: the same figure before and after people join or leave ---------------------------

def test_a_figure_is_not_shown_again_after_one_person_joins():
    before = frozenset(people("a", 8))
    assert contributors_over_time(before | {"newcomer"}, before) == (before, None)  # still over the eight


def test_a_figure_is_withheld_after_one_person_leaves():
    before = frozenset(people("a", 8))
    assert contributors_over_time(before - {"a0"}, before) == (None, CHANGED_BY_FEW)


def test_a_figure_moves_on_once_five_people_changed():
    before = frozenset(people("a", 8))
    now = (before - {"a0", "a1"}) | people("b", 3)
    assert contributors_over_time(now, before) == (now, None)


def test_a_figure_never_shown_uses_everyone_now():
    now = frozenset(people("a", 6))
    assert contributors_over_time(now, None) == (now, None)


@given(st.lists(st.sets(st.integers(0, 14), max_size=15), min_size=2, max_size=12))
def test_successive_shown_figures_differ_by_none_or_at_least_five_people_and_only_count_current_people(history):
    last_shown = None
    for current in map(frozenset, history):
        used, reason = contributors_over_time(current, last_shown)
        if used is None:
            assert reason == CHANGED_BY_FEW
            continue
        assert used <= current  # nobody who has stopped counting is ever in a figure
        if last_shown is not None:
            assert len(used ^ last_shown) == 0 or len(used ^ last_shown) >= 5
        last_shown = used
