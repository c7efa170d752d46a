"""Work allocation on simulated teams with known truth: ownpath vs today's split vs greedy.

Teams of 8 come from ``ownpath.demo.organisation.simulate_organisation`` (people drawn from
the demo personas with their own true energy effect and skill on every activity). Each
member's journal (12 weeks) is generated and fitted as the product does. A journal holds part
of a week: each person logs a random 50–90% of each activity's true hours, and the proposal
sees their real week as the product builds it (``real_week``: the journal's shares scaled to
the person's stated week, the true week's total). Next quarter the team needs, per activity
it does at least 4 h/week of today, today's total hours times a random factor (0.85–1.15),
rescaled so the needs fit in the hours the team spends on them today (work moves between
people within their weeks, nobody is filled up); analysis and selling, where present, need
skill 3.5+ (as estimated from the journal). The margin is 0.2. Also counted: people whose
proposed week is longer than their stated week (must be 0).

Methods, all covering the same needs:
* today's split — everyone keeps their share of each activity, scaled to the new need;
* greedy — each need in turn (largest first) goes to whoever it is estimated to energize
  most, up to their free hours (no energy bound);
* ownpath — ``propose_allocation`` (the LP: maximise predicted energy, nobody predicted more
  than the margin worse, nobody over their hours).
Scored on the *true* effects: the realized change in each person's average energy (the
hours-weighted true effect of their week) against today's week, the share of people truly
worse off by more than the margin, and the worst-off person.

Then the solve time of ``propose_allocation`` for one 200-person department (posteriors
drawn around the truth instead of 200 journal fits).

Run:  PYTHONPATH=src python bench/allocation.py [--teams N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np

from ownpath.analytics.forecast import SimpleEffect, SimplePosterior, belief
from ownpath.analytics.mentorship_matching import skill_levels_from_fit
from ownpath.analytics.work_allocation import DEFAULT_MARGIN, Member, Need, propose_allocation, real_week
from ownpath.demo.organisation import fit_journal, simulate_organisation, true_week_energy
from ownpath.demo.personas import generate_journal

END = dt.date(2026, 11, 27)
SKILLED = {"analysis": 3.5, "selling": 3.5}
MIN_TEAM_HOURS = 4.0


def team_needs(members, rng):
    """The team's needs next quarter, from today's totals, fitting within today's hours (see module doc)."""
    totals = {}
    for m in members:
        for a, h in m.current.items():
            totals[a] = totals.get(a, 0.0) + h
    listed = {a: t for a, t in sorted(totals.items()) if t >= MIN_TEAM_HOURS and a != "learning"}
    wanted = {a: t * rng.uniform(0.85, 1.15) for a, t in listed.items()}
    fit = min(1.0, sum(listed.values()) / sum(wanted.values()))
    return [Need(a, round(float(h * fit), 1) - 0.1, SKILLED.get(a)) for a, h in wanted.items()]


def split_as_today(members, needs):
    """Everyone keeps their share of each needed activity, scaled to the new total."""
    weeks = {m.person: dict(m.current) for m in members}
    for n in needs:
        total = sum(m.current.get(n.activity, 0.0) for m in members)
        for m in members:
            weeks[m.person][n.activity] = m.current.get(n.activity, 0.0) * n.hours / total
    return weeks


def greedy(members, needs):
    """Each need (largest first) to whoever it is estimated to energize most, within free hours."""
    need_acts = {n.activity for n in needs}
    weeks = {m.person: {a: h for a, h in m.current.items() if a not in need_acts} for m in members}
    free = {m.person: m.cap - sum(weeks[m.person].values()) for m in members}
    for n in sorted(needs, key=lambda n: -n.hours):
        left = n.hours
        ranked = sorted((m for m in members if n.min_skill is None or m.skill.get(n.activity, 0) >= n.min_skill),
                        key=lambda m: -belief(n.activity, m.energy).estimate)
        for m in ranked:
            take = min(left, max(free[m.person], 0.0))
            if take > 0:
                weeks[m.person][n.activity] = weeks[m.person].get(n.activity, 0.0) + take
                free[m.person] -= take
                left -= take
        if left > 1e-6:
            return None
    return weeks


def realized(people, members, weeks):
    """True change in average energy per person against today's week."""
    return np.array([true_week_energy(people[m.person].persona, {a: h for a, h in weeks[m.person].items() if h > 0})
                     - true_week_energy(people[m.person].persona, dict(m.current)) for m in members])


def quality(n_teams, seed):
    rng = np.random.default_rng(seed)
    people = simulate_organisation(8 * n_teams, seed=seed)
    by_id = {p.person: p for p in people}
    gains = {"today's split": [], "greedy": [], "ownpath": []}
    infeasible = {"greedy": 0, "ownpath": 0}
    over_week = 0
    for t in range(n_teams):
        team = people[8 * t:8 * t + 8]
        members = []
        for k, p in enumerate(team):
            energy, skill = fit_journal(generate_journal(p.persona, weeks=12, end=END, seed=seed + 100 * t + k))
            levels, _ = skill_levels_from_fit(skill)
            week_hours = sum(p.persona.weekly_hours.values())
            logged = {a: h * rng.uniform(0.5, 0.9) for a, h in p.persona.weekly_hours.items()}
            current = real_week(logged, week_hours)
            members.append(Member(p.person, current, week_hours, energy, levels, week_hours))
        needs = team_needs(members, rng)
        gains["today's split"].append(realized(by_id, members, split_as_today(members, needs)))
        g = greedy(members, needs)
        if g is None:
            infeasible["greedy"] += 1
        else:
            gains["greedy"].append(realized(by_id, members, g))
        result = propose_allocation(members, needs)
        if not result.feasible:
            infeasible["ownpath"] += 1
            print(f"  team {t}: no proposal — {result.problems[0]}")
            continue
        gains["ownpath"].append(realized(by_id, members, {c.person: dict(c.week_after) for c in result.changes}))
        over_week += sum(c.hours_after > m.cap + 0.05 for c, m in zip(result.changes, members))
    print(f"{n_teams} simulated teams of 8 ({8 * n_teams} people), margin {DEFAULT_MARGIN}:")
    print(f"  {'method':<14} {'mean true change':>17} {'± se':>6} {'worse > margin':>15} {'worst person':>13} "
          f"{'no plan':>8}")
    for name, rows in gains.items():
        arr = np.concatenate(rows) if rows else np.array([np.nan])
        print(f"  {name:<14} {arr.mean():>+17.3f} {arr.std(ddof=1) / np.sqrt(len(arr)):>6.3f} "
              f"{np.mean(arr < -DEFAULT_MARGIN):>15.1%} {arr.min():>+13.2f} {infeasible.get(name, 0):>8}")
    print(f"  people given a longer week than their stated week by ownpath: {over_week}")


def scale(n_people, seed):
    """Solve time for one department of n_people, posteriors drawn around the truth."""
    rng = np.random.default_rng(seed)
    people = simulate_organisation(n_people, team_size=n_people, seed=seed)
    members = []
    for p in people:
        effects = {a: SimpleEffect(float(e + rng.normal(0, 0.3)), 0.3, 20) for a, e in p.persona.energy_effect.items()
                   if a in p.persona.weekly_hours}
        members.append(Member(p.person, dict(p.persona.weekly_hours), sum(p.persona.weekly_hours.values()),
                              SimplePosterior(effects, 0.8),
                              {a: float(s + rng.normal(0, 0.3)) for a, s in p.persona.skill_mean.items()}))
    needs = team_needs(members, rng)
    t0, c0 = time.perf_counter(), time.process_time()
    result = propose_allocation(members, needs)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU seconds are the figure to read on a shared machine; wall time depends on the other load.
    print(f"\n{n_people}-person department, {len(needs)} needs ({n_people * len(needs):,} hour variables): "
          f"{'proposal' if result.feasible else 'no proposal'} with {len(result.moves)} moves in {cpu:.2f} CPU s "
          f"({elapsed:.2f} s wall)"
          + ("" if result.feasible else f" — {result.problems[0]}"))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--department", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    quality(args.teams, args.seed)
    scale(args.department, args.seed)


if __name__ == "__main__":
    main()
