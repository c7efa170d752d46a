"""Mentorship matching on simulated organisations with known truth: ownpath vs greedy vs random.

Each organisation is built by ``ownpath.demo.organisation.simulate_organisation`` (people
drawn from the demo personas with their own true energy effects and skill on every
activity, in teams of 8 with a manager). Every person's journal (12 weeks) is generated and
fitted exactly as the product does (energy and skill models, quadrant probabilities).
A third of the non-managers opt in as mentees (half of them asking for another team; each
states one or two learning wishes, which are right two times in three), a sixth of everyone
as mentors with capacity 1–3, offering the four activities their own journal says they are
strongest at.

The true benefit of a pair is what the mentee can really gain from the mentor:

    sum over activities a the mentor offers, that really energize the mentor, of
        max(true energy effect of a on the mentee, 0) * max(mentor's true skill - mentee's true skill, 0)

halved when the mentee asked for another team and got their own; nothing for a person's own
manager. Methods: ownpath (maximum-weight matching, ``match_mentors``), greedy (heaviest
estimated pair first), random (each mentee, in random order, a random eligible mentor with
room left), and the oracle (maximum-weight matching on the *true* benefit — the ceiling).

Then the time of ``match_mentors`` for an organisation of 10,000 people (the same opt-in
rates); its inputs there are drawn around the truth instead of fitted from 10,000 journals
(fitting is per person and runs when a journal changes, not at matching time).

Run:  PYTHONPATH=src python bench/mentorship.py [--orgs N] [--people N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

from ownpath.analytics.mentorship_matching import (
    Mentee,
    Mentor,
    match_mentors,
    needs_from_quadrants,
    skill_levels_from_fit,
    strengths_from_quadrants,
    weight_matrix,
    MIN_PAIR_WEIGHT,
)
from ownpath.analytics.strengths import quadrants
from ownpath.demo.organisation import ACTIVITIES, fit_journal, simulate_organisation
from ownpath.demo.personas import generate_journal

END = dt.date(2026, 11, 27)
MENTEE_SHARE, MENTOR_SHARE = 1 / 3, 1 / 6
OFFERED = 4


def opt_ins(people, rng, probabilities, levels):
    """Mentees and mentors of one organisation, from each person's quadrant probabilities."""
    managers_of = {}
    for p in people:
        if p.is_manager:
            managers_of[p.team] = p.person
    mentees, mentors = [], []
    for p in people:
        probs = probabilities(p)
        skill_levels, average = levels(p)
        truth = p.persona
        if not p.is_manager and rng.random() < MENTEE_SHARE:
            candidates = [a for a in ACTIVITIES if truth.energy_effect[a] > 0.3 and truth.skill_mean[a] < 3.5]
            wishes = set()
            for _ in range(int(rng.integers(1, 3))):
                if candidates and rng.random() < 2 / 3:
                    wishes.add(str(rng.choice(candidates)))
                else:
                    wishes.add(str(rng.choice(ACTIVITIES)))
            mentees.append(Mentee(p.person, needs_from_quadrants(probs), frozenset(wishes), frozenset({p.team}),
                                  frozenset({managers_of[p.team]}) - {p.person}, bool(rng.random() < 0.5),
                                  skill_levels, average))
        if rng.random() < MENTOR_SHARE:
            offered = sorted(probs, key=lambda a: -probs[a].get("compensable_strength", 0.0))[:OFFERED]
            mentors.append(Mentor(p.person, strengths_from_quadrants(probs, offered), int(rng.integers(1, 4)),
                                  frozenset({p.team}), {a: skill_levels[a] for a in offered if a in skill_levels}))
    return mentees, mentors


def true_benefit(mentees, mentors, by_id):
    """The true benefit of every (mentee, mentor) pair, as defined in the module doc."""
    out = np.zeros((len(mentees), len(mentors)))
    for i, m in enumerate(mentees):
        tm = by_id[m.person].persona
        for j, r in enumerate(mentors):
            if r.person == m.person or r.person in m.managers:
                continue
            tr = by_id[r.person].persona
            b = sum(max(tm.energy_effect[a], 0.0) * max(tr.skill_mean[a] - tm.skill_mean[a], 0.0)
                    for a in r.strengths if tr.energy_effect[a] > 0)
            if m.prefer_other_teams and m.teams & r.teams:
                b *= 0.5
            out[i, j] = b
    return out


def greedy(weights, capacities):
    """Heaviest estimated pair first, while the mentee is free and the mentor has room."""
    order = np.argsort(-weights, axis=None)
    room = list(capacities)
    taken, pairs = set(), []
    for flat in order:
        i, j = divmod(int(flat), weights.shape[1])
        if weights[i, j] < MIN_PAIR_WEIGHT:
            break
        if i in taken or room[j] == 0:
            continue
        taken.add(i)
        room[j] -= 1
        pairs.append((i, j))
    return pairs


def random_pairing(eligible, capacities, rng):
    """Each mentee in random order gets a random eligible mentor with room left."""
    room = list(capacities)
    pairs = []
    for i in rng.permutation(eligible.shape[0]):
        options = [j for j in np.flatnonzero(eligible[i]) if room[j] > 0]
        if options:
            j = int(rng.choice(options))
            room[j] -= 1
            pairs.append((int(i), j))
    return pairs


def oracle(benefit, capacities):
    """Maximum-weight matching on the true benefit."""
    slots = np.repeat(np.arange(benefit.shape[1]), capacities)
    rows, cols = linear_sum_assignment(benefit[:, slots], maximize=True)
    return [(int(i), int(slots[c])) for i, c in zip(rows, cols)]


def quality(n_orgs, n_people, seed):
    rng = np.random.default_rng(seed)
    totals = {m: [] for m in ("ownpath", "greedy", "random", "oracle")}
    fit_time = 0.0
    for org in range(n_orgs):
        people = simulate_organisation(n_people, seed=seed + org)
        by_id = {p.person: p for p in people}
        t0 = time.perf_counter()
        probs, levels = {}, {}
        for k, p in enumerate(people):
            energy, skill = fit_journal(generate_journal(p.persona, weeks=12, end=END, seed=seed + 1000 * org + k))
            probs[p.person] = {a: q.probabilities for a, q in quadrants(energy, skill).items()}
            levels[p.person] = skill_levels_from_fit(skill)
        fit_time += time.perf_counter() - t0
        mentees, mentors = opt_ins(people, rng, lambda p: probs[p.person], lambda p: levels[p.person])
        benefit = true_benefit(mentees, mentors, by_id)
        index = {r.person: j for j, r in enumerate(mentors)}
        caps = [r.capacity for r in mentors]
        result = match_mentors(mentees, mentors)
        mentee_index = {m.person: i for i, m in enumerate(mentees)}
        own = [(mentee_index[p.mentee], index[p.mentor]) for p in result.pairs]
        est = weight_matrix(mentees, mentors)
        eligible = np.array([[r.person != m.person and r.person not in m.managers for r in mentors] for m in mentees])
        for name, pairs in (("ownpath", own), ("greedy", greedy(est, caps)),
                            ("random", random_pairing(eligible, caps, rng)), ("oracle", oracle(benefit, caps))):
            totals[name].append(sum(benefit[i, j] for i, j in pairs))
        print(f"  organisation {org + 1}: {len(people)} people, {len(mentees)} mentees, {len(mentors)} mentors "
              f"({sum(caps)} places); true benefit ownpath {totals['ownpath'][-1]:.1f}, greedy "
              f"{totals['greedy'][-1]:.1f}, random {totals['random'][-1]:.1f}, oracle {totals['oracle'][-1]:.1f}")
    best = np.array(totals["oracle"])
    print(f"\nTotal true benefit over {n_orgs} organisations (share of the oracle's, mean over organisations):")
    for name in ("ownpath", "greedy", "random", "oracle"):
        arr = np.array(totals[name])
        print(f"  {name:<8} {arr.sum():8.1f}   {np.mean(arr / best):6.1%}")
    own, gr, rnd = (np.array(totals[k]) for k in ("ownpath", "greedy", "random"))
    print(f"  ownpath / greedy {own.sum() / gr.sum():.3f}   ownpath / random {own.sum() / rnd.sum():.3f}")
    print(f"  (journal fits: {fit_time / (n_orgs * n_people) * 1000:.0f} ms per person)")


def scale(n_people, seed):
    """Time match_mentors on an organisation of n_people with inputs drawn around the truth."""
    rng = np.random.default_rng(seed)
    people = simulate_organisation(n_people, seed=seed)

    def noisy(p):
        out = {}
        for a in ACTIVITIES:
            p_e = 1 / (1 + np.exp(-(p.persona.energy_effect[a] + rng.normal(0, 0.5)) * 3))
            p_s = 1 / (1 + np.exp(-(p.persona.skill_mean[a] - 3.5 + rng.normal(0, 0.5)) * 3))
            out[a] = {"growth_edge": p_e * (1 - p_s), "compensable_strength": p_e * p_s}
        return out

    def noisy_levels(p):
        return {a: float(p.persona.skill_mean[a] + rng.normal(0, 0.4)) for a in p.persona.weekly_hours}, 3.5

    mentees, mentors = opt_ins(people, rng, noisy, noisy_levels)
    t0, c0 = time.perf_counter(), time.process_time()
    result = match_mentors(mentees, mentors)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU seconds are the figure to read on a shared machine; wall time depends on the other load.
    print(f"\n{n_people:,} people: {len(mentees):,} mentees, {len(mentors):,} mentors "
          f"({sum(r.capacity for r in mentors):,} places): {len(result.pairs):,} pairs in {cpu:.1f} CPU s "
          f"({elapsed:.1f} s wall)")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5)
    parser.add_argument("--people", type=int, default=240)
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    quality(args.orgs, args.people, args.seed)
    scale(args.scale, args.seed)


if __name__ == "__main__":
    main()
