"""Mentorship matching: mentees' growth edges and wishes against mentors' compensable strengths.

A mentee gains from a mentor on an activity that energizes the mentee but which they are not
yet good at (a *growth edge*), or that they asked to learn, when the mentor is both energized
by it and good at it (a *compensable strength*) — someone who enjoys the work teaches it best.
The weight of a pair is

    w(mentee, mentor) = sum over activities a the mentor offers of
                        need(mentee, a) * strength(mentor, a)

with ``need = P(growth edge) + WISH_WEIGHT if asked for`` and ``strength = P(compensable
strength)`` (the quadrant probabilities of ``analytics.strengths``). A pair within the same
team counts ``SAME_TEAM_FACTOR`` of its weight when the mentee asked for someone from another
team; a person's own manager, and the person themself, are never paired.

When both sides' skill levels (1–5, e.g. 3 + the skill fit's mean + effect) are known, each
term is also scaled by the gap between them, ``clip((mentor - mentee) / GAP_SCALE, 0, 1)``: a
mentor teaches best what they do clearly better than the mentee (the quadrants alone are
relative to each person's own average). A mentee's level on an activity they never rated is
their own average level (``Mentee.average_level``).

Each mentor has a capacity (mentees at once), each mentee gets at most one mentor. The
maximum-weight matching with capacities is solved exactly by SciPy's
``linear_sum_assignment`` (a Jonker–Volgenant shortest augmenting path solver) on the
mentee x mentor-slot matrix, each mentor repeated once per unit of capacity. Pairs of weight
below ``MIN_PAIR_WEIGHT`` are left unmatched rather than proposed with nothing to share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

# SciPy is imported where a matching is made: team_planning's services (which a person's insights
# load for the organisation's prior) would otherwise pay half a second of imports on every run.

WISH_WEIGHT = 0.5
SAME_TEAM_FACTOR = 0.5
MIN_PAIR_WEIGHT = 0.1
# Needs and strengths below this probability are not worth naming as a reason.
MIN_TERM = 0.05
MAX_REASONS = 3
GAP_SCALE = 1.0  # skill points: a mentor this much better than the mentee counts fully


@dataclass(frozen=True)
class Mentee:
    """A person who opted in to be mentored: growth-edge probabilities, wishes, teams, managers."""

    person: str
    growth_edges: Mapping[str, float]  # activity -> P(energizes and not yet good at it)
    wishes: frozenset[str] = frozenset()  # activities they asked to learn
    teams: frozenset[str] = frozenset()
    managers: frozenset[str] = frozenset()
    prefer_other_teams: bool = False
    skill_levels: Mapping[str, float] = field(default_factory=dict)  # activity -> 1..5 estimate
    average_level: float | None = None  # their average skill level, for activities not rated
    energizes: Mapping[str, float] = field(default_factory=dict)  # activity -> P(energizes), for the words


@dataclass(frozen=True)
class Mentor:
    """A person who opted in to mentor: strength probabilities on the activities offered, capacity."""

    person: str
    strengths: Mapping[str, float]  # activity offered -> P(energizes and good at it)
    capacity: int = 1
    teams: frozenset[str] = frozenset()
    skill_levels: Mapping[str, float] = field(default_factory=dict)  # activity -> 1..5 estimate
    # The two halves of the strength, for reasons that say which half is in doubt (optional).
    energizes: Mapping[str, float] = field(default_factory=dict)  # activity -> P(energizes)
    good_at: Mapping[str, float] = field(default_factory=dict)  # activity -> P(better than their average)


@dataclass(frozen=True)
class Reason:
    """One activity behind a pair, with both sides' probabilities and whether it was asked for.

    ``mentor_energizes`` / ``mentor_good_at`` / ``mentee_energizes`` are None when not known;
    the words then rest on ``strength`` (P(compensable strength)) and ``need`` alone.
    """

    activity: str
    need: float
    strength: float
    wished: bool
    mentor_energizes: float | None = None
    mentor_good_at: float | None = None
    mentee_energizes: float | None = None


@dataclass(frozen=True)
class Pair:
    """A proposed pair, its weight and the reasons (largest first)."""

    mentee: str
    mentor: str
    weight: float
    reasons: tuple[Reason, ...]
    other_team: bool


@dataclass(frozen=True)
class Matching:
    """The proposal: pairs, mentees left unmatched (with why), total weight."""

    pairs: tuple[Pair, ...]
    unmatched: Mapping[str, str] = field(default_factory=dict)

    @property
    def total_weight(self) -> float:
        """Sum of the pairs' weights (the objective)."""
        return float(sum(p.weight for p in self.pairs))


def needs_from_quadrants(probabilities: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Activity -> P(growth edge), from ``strengths.QuadrantCall.probabilities`` per activity."""
    return {a: float(p.get("growth_edge", 0.0)) for a, p in probabilities.items() if p}


def strengths_from_quadrants(probabilities: Mapping[str, Mapping[str, float]],
                             offered: Iterable[str]) -> dict[str, float]:
    """Activity -> P(compensable strength), for the activities the mentor offers only."""
    return {a: float(probabilities.get(a, {}).get("compensable_strength", 0.0)) for a in offered}


def skill_levels_from_fit(skill_fit) -> tuple[dict[str, float], float | None]:
    """(activity -> estimated 1..5 level, average level) from a ``strengths.estimate_skill_effects`` fit."""
    if skill_fit is None or not skill_fit.effects:
        return {}, None
    centre = 3.0 + float(skill_fit.mean)  # the skill model centres ratings on 3
    return {a: centre + e.estimate for a, e in skill_fit.effects.items()}, centre


def _need(mentee: Mentee, activity: str) -> float:
    return float(mentee.growth_edges.get(activity, 0.0)) + (WISH_WEIGHT if activity in mentee.wishes else 0.0)


def _mentee_level(mentee: Mentee, activity: str) -> float | None:
    return mentee.skill_levels.get(activity, mentee.average_level)


def _gap_factor(mentee_level: float | None, mentor_level: float | None) -> float:
    if mentee_level is None or mentor_level is None:
        return 1.0
    return min(max((mentor_level - mentee_level) / GAP_SCALE, 0.0), 1.0)


def _term(mentee: Mentee, mentor: Mentor, activity: str) -> float:
    return (_need(mentee, activity) * float(mentor.strengths[activity])
            * _gap_factor(_mentee_level(mentee, activity), mentor.skill_levels.get(activity)))


def _eligible(mentee: Mentee, mentor: Mentor) -> bool:
    return mentor.person != mentee.person and mentor.person not in mentee.managers


def pair_weight(mentee: Mentee, mentor: Mentor) -> float:
    """The weight of one pair (0 for a forbidden pair), by the rule in the module doc."""
    if not _eligible(mentee, mentor):
        return 0.0
    w = sum(_term(mentee, mentor, a) for a in mentor.strengths)
    if mentee.prefer_other_teams and mentee.teams & mentor.teams:
        w *= SAME_TEAM_FACTOR
    return float(w)


def weight_matrix(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> np.ndarray:
    """Pair weights as a (mentees x mentors) array, vectorised over a shared activity index."""
    activities = sorted({a for m in mentors for a in m.strengths} | {a for m in mentees for a in m.wishes})
    index = {a: k for k, a in enumerate(activities)}
    need = np.zeros((len(mentees), len(activities)))
    for i, m in enumerate(mentees):
        for a, p in m.growth_edges.items():
            if a in index:
                need[i, index[a]] = p
        for a in m.wishes:
            need[i, index[a]] += WISH_WEIGHT
    strength = np.zeros((len(mentors), len(activities)))
    for j, r in enumerate(mentors):
        for a, p in r.strengths.items():
            strength[j, index[a]] = p
    weights = need @ strength.T
    # The skill-gap factor, one activity at a time (a mentees x mentors slice, never a 3-D array).
    for k, a in enumerate(activities):
        mentor_level = np.array([r.skill_levels.get(a, np.nan) for r in mentors])
        mentee_level = np.array([np.nan if (lv := _mentee_level(m, a)) is None else lv for m in mentees])
        if np.all(np.isnan(mentor_level)) or np.all(np.isnan(mentee_level)):
            continue
        factor = np.clip((mentor_level[None, :] - mentee_level[:, None]) / GAP_SCALE, 0.0, 1.0)
        factor = np.where(np.isnan(factor), 1.0, factor)
        weights += np.outer(need[:, k], strength[:, k]) * (factor - 1.0)
    person_col = {r.person: j for j, r in enumerate(mentors)}
    for i, m in enumerate(mentees):
        for p in (m.person, *m.managers):
            j = person_col.get(p)
            if j is not None:
                weights[i, j] = 0.0
    # Same team as a mentee who asked for another team: a sparse mentees x teams times teams x mentors.
    teams = {t: k for k, t in enumerate(sorted({t for x in (*mentees, *mentors) for t in x.teams}))}
    asking = [i for i, m in enumerate(mentees) if m.prefer_other_teams and m.teams]
    if asking and teams:
        from scipy import sparse

        rows = [(i, teams[t]) for i in asking for t in mentees[i].teams]
        cols = [(j, teams[t]) for j, r in enumerate(mentors) for t in r.teams]
        mentee_teams = sparse.csr_matrix((np.ones(len(rows)), tuple(zip(*rows))), shape=(len(mentees), len(teams)))
        mentor_teams = (sparse.csr_matrix((np.ones(len(cols)), tuple(zip(*cols))), shape=(len(mentors), len(teams)))
                        if cols else sparse.csr_matrix((len(mentors), len(teams))))
        same = (mentee_teams @ mentor_teams.T).tocoo()
        weights[same.row, same.col] *= SAME_TEAM_FACTOR
    return weights


def _reasons(mentee: Mentee, mentor: Mentor) -> tuple[Reason, ...]:
    scored = [(_term(mentee, mentor, a), Reason(a, _need(mentee, a), float(s), a in mentee.wishes,
                                                mentor.energizes.get(a), mentor.good_at.get(a),
                                                mentee.energizes.get(a)))
              for a, s in mentor.strengths.items()]
    scored = [(t, r) for t, r in scored if t >= MIN_TERM]
    scored.sort(key=lambda tr: (-tr[0], tr[1].activity))
    terms = [r for _, r in scored]
    return tuple(terms[:MAX_REASONS])


def _unmatched_reason(mentee: Mentee, weights_row: np.ndarray) -> str:
    if not mentee.growth_edges and not mentee.wishes:
        return "no growth edges or learning wishes yet to match on"
    if not np.any(weights_row >= MIN_PAIR_WEIGHT):
        return "no mentor offers what you want to learn"
    return "the mentors for what you want to learn are at capacity"


def match_mentors(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> Matching:
    """Maximum-weight matching of mentees to mentors within capacities, each pair with reasons.

    Exact: ``linear_sum_assignment`` on the mentee x mentor-slot weight matrix.
    """
    for r in mentors:
        if r.capacity < 0:
            raise ValueError(f"mentor {r.person}: capacity must be zero or more")
    seen: set[str] = set()
    for m in mentees:
        if m.person in seen:
            raise ValueError(f"mentee {m.person} appears twice")
        seen.add(m.person)
    if not mentees:
        return Matching(())
    weights = weight_matrix(mentees, mentors) if mentors else np.zeros((len(mentees), 0))
    slot_mentor = np.repeat(np.arange(len(mentors)), [r.capacity for r in mentors]).astype(np.intp)
    pairs: list[Pair] = []
    matched: set[int] = set()
    if slot_mentor.size:
        slot_weights = weights[:, slot_mentor]
        # Pairs too weak to propose are zeroed, so the solver never trades a real pair for one.
        slot_weights[slot_weights < MIN_PAIR_WEIGHT] = 0.0
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(slot_weights, maximize=True)
        for i, c in zip(rows, cols):
            w = slot_weights[i, c]
            if w < MIN_PAIR_WEIGHT:
                continue
            mentee, mentor = mentees[i], mentors[slot_mentor[c]]
            pairs.append(Pair(mentee.person, mentor.person, float(w), _reasons(mentee, mentor),
                              not (mentee.teams & mentor.teams)))
            matched.add(int(i))
    pairs.sort(key=lambda p: (-p.weight, p.mentee))
    unmatched = {m.person: _unmatched_reason(m, weights[i]) for i, m in enumerate(mentees) if i not in matched}
    return Matching(tuple(pairs), unmatched)


def _likely(p: float, yes: str, no: str, unsure: str) -> str:
    """A probability as calibrated words: 'yes' only when it is probably true (see plain_words.certainty)."""
    if p >= 0.9:
        return yes
    if p >= 0.75:
        return f"probably {yes}"
    if p <= 0.1:
        return no
    if p <= 0.25:
        return f"probably {no}"
    return unsure


def _mentor_words(r: Reason, mentor: str) -> str:
    if r.mentor_energizes is not None:
        enjoys = _likely(r.mentor_energizes, "enjoys it", "is drained by it",
                         f"may or may not enjoy it ({r.mentor_energizes:.0%} likely)")
        if r.mentor_good_at is None:
            return f"{mentor} {enjoys} (no ratings yet of how well it goes)"
        good = _likely(r.mentor_good_at, "is good at it", "finds it harder than their other work",
                       f"may or may not be among their best work ({r.mentor_good_at:.0%} likely)")
        return f"{mentor} {enjoys} and {good}"
    both = _likely(r.strength, "enjoys it and is good at it", "is unlikely to both enjoy it and be good at it",
                   f"may enjoy it and be good at it ({r.strength:.0%} likely)")
    return f"{mentor} {both}"


def _mentee_words(r: Reason, mentee: str) -> str:
    if r.wished:
        return f"{mentee} asked to learn it"
    p = r.mentee_energizes if r.mentee_energizes is not None else r.need
    if p >= 0.9:
        return f"it energizes {mentee}, who is still getting better at it"
    if p >= 0.75:
        return f"it probably energizes {mentee}, who is still getting better at it"
    return f"it may energize {mentee}, who is still getting better at it ({p:.0%} likely)"


def reason_words(pair: Pair, labels: Mapping[str, str] | None = None, mentor_name: str | None = None,
                 mentee_name: str | None = None) -> str:
    """Why this pair, in plain words that read the same to the mentee, the mentor and an admin.

    Each claim is worded by its probability (never "enjoys it" when P(energizes) is low).
    """
    mentor, mentee = mentor_name or pair.mentor, mentee_name or pair.mentee
    parts = []
    for r in pair.reasons:
        label = (labels or {}).get(r.activity, r.activity)
        parts.append(f"{label}: {_mentor_words(r, mentor)}; {_mentee_words(r, mentee)}")
    text = "; ".join(parts) if parts else "a small overlap in what they both care about"
    if pair.other_team:
        text += " (from another team)"
    return text + "."
