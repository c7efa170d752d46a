"""Which aggregate figures may be shown without singling anyone out (k contributors, differencing included).

A figure (a mean, a count) over a set of contributors reveals that set's sum. Two overlapping
figures reveal more: the parent team's total minus a sub-team's total is the total of the people
in one but not the other, and a parent minus two sub-teams can leave exactly its manager.
Every sum an onlooker can compute from released figures is a combination of the sums over the
*atoms* of the released sets — the groups of people who belong to exactly the same released
sets. So the rule is: **every non-empty atom has at least k people**. Then no combination of
released figures, however clever, narrows down to fewer than k people's data. (Each figure's
own set is a union of atoms, so it has at least k people too.)

Figures are considered largest first (ties by key), each released only if the atoms stay
large enough with it added: the organisation-wide figure wins over a small team's. The
decision depends only on the candidate family, so every viewer of an organisation sees the same
consistent set of figures.

Differencing over *time* is the same attack with two moments: yesterday's figure against today's
after one person joined (or stopped sharing) gives away that person's value. So a figure is
shown again only over the very set of people it was last shown with, or over a set that differs
from it by at least k people (``contributors_over_time``). Newcomers fewer than k wait, while the
figure stays over the people it had; someone leaving withholds the figure until enough other
changes gather to hide them.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

K_MIN_CONTRIBUTORS = 5

TOO_FEW = "too few people to show without identifying anyone"
DIFFERENCING = "not shown: together with another figure it would single out fewer than 5 people"
CHANGED_BY_FEW = ("not shown for now: fewer than 5 people started or stopped counting in it since it was "
                  "last shown, and comparing the two would single them out; it returns once more changes gather")


def release_figures(candidates: Iterable[tuple[Hashable, Iterable[Hashable]]],
                    k: int = K_MIN_CONTRIBUTORS) -> dict[Hashable, str | None]:
    """Decide, for each candidate figure (key, contributor ids), whether it may be shown.

    Returns {key: None} for a released figure, else the reason it is withheld (``TOO_FEW``
    or ``DIFFERENCING``). Released sets keep every atom at 0 or at least ``k`` people.
    """
    prepared = sorted(((key, frozenset(people)) for key, people in candidates),
                      key=lambda c: (-len(c[1]), repr(c[0])))
    signature: dict[Hashable, tuple[int, ...]] = {}  # person -> indices of released sets holding them
    atom_sizes: Counter = Counter()
    decision: dict[Hashable, str | None] = {}
    released = 0
    for key, people in prepared:
        if len(people) < k:
            decision[key] = TOO_FEW
            continue
        # Split every atom by membership of the new set; people new to all released sets form one atom.
        moved: Counter = Counter(signature.get(p, ()) for p in people)
        ok = True
        for old, inside in moved.items():
            outside = (atom_sizes[old] - inside) if old else 0
            if inside < k or 0 < outside < k:
                ok = False
                break
        if not ok:
            decision[key] = DIFFERENCING
            continue
        for old, inside in moved.items():
            if old:
                atom_sizes[old] -= inside
                if not atom_sizes[old]:
                    del atom_sizes[old]
            atom_sizes[old + (released,)] += inside
        for p in people:
            signature[p] = signature.get(p, ()) + (released,)
        released += 1
        decision[key] = None
    return decision


def contributors_over_time(current: frozenset, last_shown: frozenset | None,
                           k: int = K_MIN_CONTRIBUTORS) -> tuple[frozenset | None, str | None]:
    """Whose values a figure may use now, given the people it was last shown with.

    Returns (people, None), or (None, ``CHANGED_BY_FEW``) when it must not be shown yet. The
    figure keeps its old people while fewer than ``k`` newcomers wait; it moves to the current
    people once they differ from the last shown by none or by at least ``k``; someone leaving
    (fewer than ``k`` changes in all) withholds it, since its next value would reveal theirs.
    """
    if last_shown is None:
        return current, None
    changed = len(current ^ last_shown)
    if changed == 0 or changed >= k:
        return current, None
    if last_shown <= current:
        return last_shown, None
    return None, CHANGED_BY_FEW


def atoms(sets: Sequence[Iterable[Hashable]]) -> list[frozenset]:
    """The groups of people that belong to exactly the same of these sets (for tests and audits)."""
    member_of: dict[Hashable, list[int]] = {}
    for index, people in enumerate(sets):
        for p in people:
            member_of.setdefault(p, []).append(index)
    groups: dict[tuple[int, ...], set] = {}
    for p, indices in member_of.items():
        groups.setdefault(tuple(indices), set()).add(p)
    return [frozenset(g) for g in groups.values()]


@dataclass(frozen=True)
class MeanFigure:
    """A mean over contributors with its 90% interval (t) and sample size."""

    mean: float
    low: float
    high: float
    n: int


def mean_with_interval(values: Sequence[float], level: float = 0.9) -> MeanFigure | None:
    """Mean of the values with a t interval at ``level``; None for no values (one value: no width known)."""
    clean = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    n = len(clean)
    if n == 0:
        return None
    mean = sum(clean) / n
    if n == 1:
        return MeanFigure(mean, -math.inf, math.inf, 1)
    sd = math.sqrt(sum((v - mean) ** 2 for v in clean) / (n - 1))
    half = _t_quantile(0.5 + level / 2, n - 1) * sd / math.sqrt(n)
    return MeanFigure(mean, mean - half, mean + half, n)


@functools.lru_cache(maxsize=4096)
def _t_quantile(p: float, degrees_of_freedom: int) -> float:
    # An organisation's thousand team figures share a few sample sizes: ask SciPy once per size.
    from scipy import stats

    return float(stats.t.ppf(p, degrees_of_freedom))
