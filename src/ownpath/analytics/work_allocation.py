"""Work that fits people and the team's mission: a proposed reallocation of the team's hours.

A team states what its mission needs next quarter as hours per week per activity (some
needing a minimum skill); each member has available hours, maybe a target, today's week and
their energy posterior. The proposal is the linear programme (SciPy ``linprog``, HiGHS)

    maximise   sum_p sum_a beta[p, a] * x[p, a]  -  MOVE_COST * sum |x[p, a] - now[p, a]|
    subject to sum_p x[p, a] = need[a]                          every need is covered
               x[p, a] = 0 if skill[p, a] < min_skill[a]        skill floors
               fixed[p] + sum_a x[p, a] <= cap[p]               nobody over available/target hours
               energy_after[p] >= energy_now[p] - margin        nobody much worse than now

with ``x[p, a]`` the hours a week person p spends on need activity a, ``beta`` the
posterior mean effects (never-logged activities at their prior), ``fixed[p]`` the person's
hours on activities the team did not list (left as they are), and ``cap[p]`` the smaller of
available and target hours. The energy bound is linear in x: the average energy of a week is
``mean + sum_a share_a beta_a``, so ``energy_after >= energy_now - margin`` is
``sum_a (beta_a - r_p + margin) * hours_a >= 0`` with ``r_p`` today's mix effect. The
small ``MOVE_COST`` breaks ties towards today's allocation, so nobody is moved for nothing.

Caution. An hour *added* to someone's week counts, in both the objective and their energy
floor, at ``beta - CAUTION * sd`` rather than at ``beta`` (``x = now + d_plus - d_minus``,
so this is linear in ``d_plus``): work moves to people whose journal shows it energizes
them, not to people who never logged it and might. Without it, a tenth of simulated people
ended up truly worse off than the margin (bench/allocation.py).

Each person's predicted change has its interval from ``forecast.energy_difference`` (one
linear combination of the same posterior, shared activities cancel). When the needs cannot
be covered the result says which need and why, in words: not enough qualified hours, not
enough hours within people's targets, or only at the cost of someone's energy (found by an
elastic programme that minimises the uncovered hours under all other constraints).

A person's week. A journal holds part of a week (what was logged), never the whole of it, so
today's week is the journal's *shares* per activity scaled to the person's stated hours (or
their weekly target): ``real_week(logged, week_hours)``. The proposal then only moves hours
between activities within that week (``cap`` is the stated week), never "fills up" a person to
a target; how much of the week the journal accounts for is reported with the proposal, and the
rest is an assumption (the same mix), not free time.

It is a proposal to discuss in a conversation; nothing here applies it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# SciPy is imported where a plan is solved (see _Programme): team_planning's services, which a
# person's insights load for the organisation's prior, would otherwise pay half a second of imports.

from ownpath.analytics.forecast import EnergyPosterior, Interval, activity_label, belief, energy_difference

DEFAULT_MARGIN = 0.2  # energy points on the -2..+2 scale
MOVE_COST = 0.01  # energy-hours per hour moved: a tie-breaker, far below any real difference
CAUTION = 1.0  # posterior SDs taken off the effect of an added hour
# Hours below this are solver dust, not a move worth discussing.
MIN_MOVE_HOURS = 0.25


@dataclass(frozen=True)
class Need:
    """Hours a week the team needs on one activity next quarter, and the skill it needs (1–5) if any."""

    activity: str
    hours: float
    min_skill: float | None = None


@dataclass(frozen=True)
class Member:
    """A member: today's week, hours available (and target), energy posterior, skill per activity (1–5)."""

    person: str
    current: Mapping[str, float]
    available_hours: float
    energy: EnergyPosterior
    skill: Mapping[str, float]
    target_hours: float | None = None

    @property
    def cap(self) -> float:
        """Most hours a week the proposal may give: the smaller of available and target hours."""
        return min(self.available_hours, self.target_hours) if self.target_hours else self.available_hours


@dataclass(frozen=True)
class Move:
    """One change: ``to_person`` takes ``hours`` of ``activity`` from ``from_person`` (None: new/dropped work)."""

    activity: str
    hours: float
    to_person: str | None
    from_person: str | None

    def sentence(self, labels: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None) -> str:
        """E.g. 'Ana takes 6 h/week of Customer & client work from Ben'."""
        label = activity_label(self.activity, labels)
        name = (names or {}).get
        if self.to_person and self.from_person:
            return (f"{name(self.to_person, self.to_person)} takes {self.hours:.1f} h/week of {label} "
                    f"from {name(self.from_person, self.from_person)}")
        if self.to_person:
            return f"{name(self.to_person, self.to_person)} takes on {self.hours:.1f} h/week more of {label}"
        return f"{name(self.from_person, self.from_person)} drops {self.hours:.1f} h/week of {label} (no longer needed)"


@dataclass(frozen=True)
class PersonChange:
    """One member before and after: hours, predicted energy change with interval, P(better)."""

    person: str
    hours_before: float
    hours_after: float
    energy_change: Interval
    p_better: float
    week_after: Mapping[str, float]


@dataclass(frozen=True)
class Allocation:
    """The proposal, or why there is none: moves, each person's change, the team's average change."""

    feasible: bool
    moves: tuple[Move, ...]
    changes: tuple[PersonChange, ...]
    team_change: Interval | None
    problems: tuple[str, ...]


def real_week(logged: Mapping[str, float], week_hours: float) -> dict[str, float]:
    """Today's week in hours per activity: the journal's shares of its logged hours, scaled to the stated week.

    A journal that logs 20 h of a 40 h week says how the week divides, not that 20 h are free.
    Empty when nothing is logged (the week is then unknown, not empty).
    """
    total = sum(h for h in logged.values() if h > 0)
    if total <= 0 or week_hours <= 0:
        return {}
    return {a: h * week_hours / total for a, h in logged.items() if h > 0}


def _validate(members: Sequence[Member], needs: Sequence[Need]) -> None:
    seen = set()
    for n in needs:
        if n.activity in seen:
            raise ValueError(f"need for '{n.activity}' is listed twice")
        seen.add(n.activity)
        if not math.isfinite(n.hours) or n.hours < 0:
            raise ValueError(f"need for '{n.activity}': hours must be zero or more, got {n.hours}")
        if n.min_skill is not None and not 1 <= n.min_skill <= 5:
            raise ValueError(f"need for '{n.activity}': minimum skill must be 1 to 5, got {n.min_skill}")
    people = set()
    for m in members:
        if m.person in people:
            raise ValueError(f"member {m.person} is listed twice")
        people.add(m.person)
        if not math.isfinite(m.available_hours) or m.available_hours < 0:
            raise ValueError(f"member {m.person}: available hours must be zero or more")
        for a, h in m.current.items():
            if not math.isfinite(h) or h < 0:
                raise ValueError(f"member {m.person}: hours for '{a}' must be zero or more, got {h}")


def _qualified(member: Member, need: Need) -> bool:
    return need.min_skill is None or float(member.skill.get(need.activity, 0.0)) >= need.min_skill


def _names(people: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(people[:limit])
    return shown + (f" and {len(people) - limit} more" if len(people) > limit else "")


def closest_words(members: Sequence[Member], need: Need, limit: int = 3) -> str:
    """Who comes closest to a skill floor, and by how much (each member's skill estimate against the minimum)."""
    rated = sorted(((float(m.skill[need.activity]), m.person) for m in members if need.activity in m.skill),
                   key=lambda sp: (-sp[0], sp[1]))
    parts = [f"{person} {level:.1f} ({need.min_skill - level:.1f} below)" if level < need.min_skill
             else f"{person} {level:.1f}" for level, person in rated[:limit]]
    unrated = sorted(m.person for m in members if need.activity not in m.skill)
    text = f"closest: {', '.join(parts)}" if parts else "nobody has rated how well it goes yet"
    if unrated and parts:
        text += f"; not rated yet: {_names(unrated)}"
    return text


def capacity_problems(members: Sequence[Member], needs: Sequence[Need],
                      labels: Mapping[str, str] | None = None) -> list[str]:
    """Needs that cannot be covered whatever anyone's energy: too few qualified hours, or hours overall.

    Each names who comes closest and by how much: the skill estimates against a minimum skill,
    or the hours of the week the qualified members have beside other work.
    """
    need_acts = {n.activity for n in needs}
    free = {m.person: max(0.0, m.cap - sum(h for a, h in m.current.items() if a not in need_acts))
            for m in members}
    problems = []
    for n in needs:
        qualified = [m for m in members if _qualified(m, n) and free[m.person] > 0]
        hours = sum(free[m.person] for m in qualified)
        if n.hours > hours + 1e-9:
            label = activity_label(n.activity, labels)
            skill = f" needing skill {n.min_skill:g}+" if n.min_skill is not None else ""
            short = n.hours - hours
            if qualified:
                who = (f"the members who qualify ({_names([m.person for m in qualified])}) have {hours:.1f} h/week "
                       f"of their weeks beside other work, {short:.1f} h/week short")
            else:
                who = f"no member qualifies, {short:.1f} h/week short"
            if n.min_skill is not None:
                unqualified = [m for m in members if not _qualified(m, n)]
                if unqualified:
                    who += f" (skill estimates against {n.min_skill:g}: {closest_words(unqualified, n)})"
            problems.append(f"{label}{skill}: {n.hours:.1f} h/week needed, but {who}.")
    total_need, total_free = sum(n.hours for n in needs), sum(free.values())
    if total_need > total_free + 1e-9:
        problems.append(f"The needs add up to {total_need:.1f} h/week; the team's weeks hold {total_free:.1f} h/week "
                        f"beside the work the needs do not list ({total_need - total_free:.1f} h/week short).")
    return problems


class _Programme:
    """The LP in matrix form: x[p, a] (hours), then d+[p, a] and d-[p, a] (moves from today)."""

    def __init__(self, members: Sequence[Member], needs: Sequence[Need], margin: float, caution: float):
        from scipy import sparse

        self.members, self.needs = members, needs
        P, A = len(members), len(needs)
        self.P, self.A = P, A
        need_acts = [n.activity for n in needs]
        need_set = set(need_acts)
        beta = np.array([[belief(a, m.energy).estimate for a in need_acts] for m in members]).reshape(P, A)
        beta_sd = np.array([[belief(a, m.energy).sd for a in need_acts] for m in members]).reshape(P, A)
        now = np.array([[float(m.current.get(a, 0.0)) for a in need_acts] for m in members]).reshape(P, A)
        self.beta, self.now = beta, now
        fixed_hours = np.zeros(P)
        fixed_energy = np.zeros(P)  # sum over fixed activities of (beta - r + margin) * hours
        coef = np.zeros((P, A))
        for p, m in enumerate(members):
            week = {a: h for a, h in m.current.items() if h > 0}
            total = sum(week.values())
            r = (sum(belief(a, m.energy).estimate * h for a, h in week.items()) / total) if total else 0.0
            coef[p] = beta[p] - r + margin
            fixed = {a: h for a, h in week.items() if a not in need_set}
            fixed_hours[p] = sum(fixed.values())
            fixed_energy[p] = sum((belief(a, m.energy).estimate - r + margin) * h for a, h in fixed.items())
        self.fixed_hours = fixed_hours
        n = P * A
        xi = np.arange(n).reshape(P, A)
        rows_eq = sparse.csr_matrix((np.ones(n), (np.tile(np.arange(A), P), xi.ravel())), shape=(A, 3 * n))
        self.b_eq = np.array([nd.hours for nd in needs])
        self.A_eq = rows_eq
        # Hours cap and energy floor, both <= rows on x only.
        cap_rows = sparse.csr_matrix((np.ones(n), (np.repeat(np.arange(P), A), xi.ravel())), shape=(P, 3 * n))
        caps = np.array([max(0.0, m.cap - fixed_hours[p]) for p, m in enumerate(members)])
        rows_p = np.repeat(np.arange(P), A)
        energy_rows = sparse.csr_matrix(
            (np.concatenate([-coef.ravel(), caution * beta_sd.ravel()]),
             (np.concatenate([rows_p, rows_p]), np.concatenate([xi.ravel(), n + xi.ravel()]))), shape=(P, 3 * n))
        # x - d+ + d- = now  (moves), as equality rows.
        move_rows = sparse.hstack([sparse.identity(n), -sparse.identity(n), sparse.identity(n)]).tocsr()
        self.A_ub = sparse.vstack([cap_rows, energy_rows]).tocsr()
        self.b_ub = np.concatenate([caps, fixed_energy])
        self.A_eq = sparse.vstack([rows_eq, move_rows]).tocsr()
        self.b_eq = np.concatenate([self.b_eq, now.ravel()])
        upper = np.full(n, np.inf)
        for p, m in enumerate(members):
            for k, nd in enumerate(needs):
                if not _qualified(m, nd):
                    upper[p * A + k] = 0.0
        self.bounds = np.column_stack([np.zeros(3 * n), np.concatenate([upper, np.full(2 * n, np.inf)])])
        self.c = np.concatenate([-beta.ravel(), MOVE_COST + caution * beta_sd.ravel(), np.full(n, MOVE_COST)])

    def solve(self):
        from scipy.optimize import linprog

        return linprog(self.c, A_ub=self.A_ub, b_ub=self.b_ub, A_eq=self.A_eq, b_eq=self.b_eq,
                       bounds=self.bounds, method="highs")

    def shortfalls(self) -> np.ndarray:
        """Least uncovered hours per need under every other constraint (elastic programme)."""
        from scipy import sparse
        from scipy.optimize import linprog

        A, n = self.A, self.P * self.A
        # Needs become sum_p x + short = need, short >= 0, minimise sum short (then the moves, barely).
        short = sparse.vstack([sparse.identity(A), sparse.csr_matrix((n, A))]).tocsr()
        A_eq = sparse.hstack([self.A_eq, short]).tocsr()
        A_ub = sparse.hstack([self.A_ub, sparse.csr_matrix((self.A_ub.shape[0], A))]).tocsr()
        c = np.concatenate([np.zeros(n), np.full(2 * n, 1e-6), np.ones(A)])
        bounds = np.vstack([self.bounds, np.column_stack([np.zeros(A), np.full(A, np.inf)])])
        res = linprog(c, A_ub=A_ub, b_ub=self.b_ub, A_eq=A_eq, b_eq=self.b_eq, bounds=bounds, method="highs")
        return res.x[-A:] if res.status == 0 else np.array([nd.hours for nd in self.needs])


def _moves(members: Sequence[Member], needs: Sequence[Need], before: np.ndarray, after: np.ndarray) -> list[Move]:
    moves = []
    for k, nd in enumerate(needs):
        delta = after[:, k] - before[:, k]
        takers = [[members[p].person, d] for p, d in enumerate(delta) if d >= MIN_MOVE_HOURS]
        givers = [[members[p].person, -d] for p, d in enumerate(delta) if -d >= MIN_MOVE_HOURS]
        takers.sort(key=lambda t: -t[1])
        givers.sort(key=lambda g: -g[1])
        # Describe the change as transfers, largest first (a presentation of the solution, not a choice).
        while takers and givers:
            hours = min(takers[0][1], givers[0][1])
            moves.append(Move(nd.activity, round(hours, 1), takers[0][0], givers[0][0]))
            takers[0][1] -= hours
            givers[0][1] -= hours
            takers = [t for t in takers if t[1] >= MIN_MOVE_HOURS]
            givers = [g for g in givers if g[1] >= MIN_MOVE_HOURS]
        moves += [Move(nd.activity, round(h, 1), person, None) for person, h in takers]
        moves += [Move(nd.activity, round(h, 1), None, person) for person, h in givers]
    moves.sort(key=lambda m: -m.hours)
    return moves


def _person_change(member: Member, needs: Sequence[Need], hours_after: np.ndarray) -> PersonChange:
    need_acts = {n.activity for n in needs}
    week_after = {a: h for a, h in member.current.items() if a not in need_acts and h > 0}
    for k, nd in enumerate(needs):
        if hours_after[k] >= MIN_MOVE_HOURS / 2:
            week_after[nd.activity] = float(hours_after[k])
    before = sum(member.current.values())
    after = sum(week_after.values())
    if before > 0 and after > 0:
        diff, p_better = energy_difference(week_after, member.current, member.energy)
    else:
        diff, p_better = Interval.normal(0.0, 0.0), 0.5
    return PersonChange(member.person, float(before), float(after), diff, p_better, week_after)


def propose_allocation(members: Sequence[Member], needs: Sequence[Need], *, margin: float = DEFAULT_MARGIN,
                       caution: float = CAUTION, labels: Mapping[str, str] | None = None) -> Allocation:
    """Reallocate the team's needed hours to maximise predicted energy within everyone's bounds.

    Returns the moves, each person's predicted change (interval, P(better)), the team's average
    change, or — when infeasible — the problems in words, naming the needs that cannot be covered.
    """
    _validate(members, needs)
    if margin < 0:
        raise ValueError("margin must be zero or more")
    problems = capacity_problems(members, needs, labels)
    if problems:
        return Allocation(False, (), (), None, tuple(problems))
    if not needs:
        return Allocation(True, (), (), None, ())
    prog = _Programme(members, needs, margin, caution)
    res = prog.solve()
    if res.status != 0:
        short = prog.shortfalls()
        problems = []
        for k, nd in enumerate(needs):
            if short[k] > 1e-6:
                problems.append(f"{activity_label(nd.activity, labels)}: {short[k]:.1f} of {nd.hours:.1f} h/week "
                                f"cannot be covered without someone over their hours or more than {margin:.2f} "
                                "points worse off than now (it drains those who could take it); lower the need, "
                                "widen the margin or add people.")
        if not problems:
            problems.append("The needs cannot all be covered together within everyone's hours and energy bounds.")
        return Allocation(False, (), (), None, tuple(problems))
    P, A = prog.P, prog.A
    after = res.x[:P * A].reshape(P, A)
    changes = tuple(_person_change(m, needs, after[p]) for p, m in enumerate(members))
    est = float(np.mean([c.energy_change.estimate for c in changes]))
    sd = float(math.sqrt(sum(c.energy_change.sd ** 2 for c in changes)) / len(changes))
    return Allocation(True, tuple(_moves(members, needs, prog.now, after)), changes, Interval.normal(est, sd), ())
