"""Read an HR system's org chart export and plan the changes it makes (pure: plain data in, plain data out).

The file is a CSV with a header row: employee id, name (or first and last name), work e-mail, team
(or department), and the manager's e-mail or employee id (or, as BambooHR exports it, the
manager's name). Column names of BambooHR, Workday and Personio exports are recognised.

Managers in ownpath are relations to a team, so a team's manager is worked out from the file:
the person inside the team whom its other members report to (the team lead), or else the one
person outside it whom all its members report to. A team whose members report to several people
is refused with its lines, as is a manager chain that runs in a circle.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ownpath.errors import Problem

MAX_ROWS = 100_000

# Recognised header names (lower-case, spaces collapsed) for each field, most specific first.
HEADERS = {
    "employee_id": ["employee id", "employee_id", "employee #", "employee number", "employee no", "worker id",
                    "personnel number", "id"],
    "email": ["work email", "email - primary work", "work e-mail", "business email", "email address", "e-mail",
              "email"],
    "name": ["full name", "name", "employee name", "worker", "preferred full name"],
    "first_name": ["first name", "preferred name", "legal first name", "given name"],
    "last_name": ["last name", "legal last name", "family name", "surname"],
    "team": ["team", "department", "supervisory organization", "division", "subdepartment"],
    "manager_email": ["manager email", "manager e-mail", "manager work email", "reports to email",
                      "supervisor email", "supervisor e-mail"],
    "manager_id": ["manager id", "manager employee id", "reports to id", "reports to employee id", "supervisor id",
                   "manager employee number"],
    "manager_name": ["reports to", "manager", "supervisor", "manager name", "supervisor name"],
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class OrgChartRow:
    """One person in the org chart, with the line they are on."""

    line: int
    employee_id: str
    name: str
    email: str
    team: str
    manager_ref: str = ""
    manager_kind: str = ""  # "email", "id" or "name"


@dataclass
class CurrentPerson:
    """What the organisation knows now of someone the org chart linked earlier."""

    employee_id: str
    email: str
    teams: dict[str, str] = field(default_factory=dict)  # team name -> role (member / manager)


@dataclass
class OrgChartPlan:
    """The changes an org chart makes: who joins, moves, leaves, and each team's manager."""

    rows: list[OrgChartRow]
    problems: list[Problem]
    joins: list[OrgChartRow] = field(default_factory=list)
    moves: list[tuple[OrgChartRow, list[str], str]] = field(default_factory=list)  # row, old teams, new team
    leaves: list[str] = field(default_factory=list)  # employee ids
    new_teams: list[str] = field(default_factory=list)
    team_managers: dict[str, str] = field(default_factory=dict)  # team -> manager's employee id
    manager_changes: list[tuple[str, str, str]] = field(default_factory=list)  # team, old manager id, new manager id
    desired: dict[str, dict[str, str]] = field(default_factory=dict)  # employee id -> {team: role}

    @property
    def has_changes(self) -> bool:
        """True when applying the plan would change anything."""
        return bool(self.joins or self.moves or self.leaves or self.new_teams or self.manager_changes)


def _normalised(header: str) -> str:
    return re.sub(r"\s+", " ", (header or "").strip().lower())


def _columns(header: list[str]) -> dict[str, int]:
    names = [_normalised(h) for h in header]
    found = {}
    for key, aliases in HEADERS.items():
        for alias in aliases:
            if alias in names:
                found[key] = names.index(alias)
                break
    return found


def read_org_chart(data: bytes) -> tuple[list[OrgChartRow], list[Problem]]:
    """Rows of an org chart CSV, and every problem with its line and field (nothing is half-read)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(1, "file", "is not UTF-8 text; export the org chart as CSV (UTF-8)")]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        return [], [Problem(1, "file", "is empty; it needs a header row and one row per person")]
    columns = _columns(header)
    missing = [label for key, label in (("employee_id", "employee id"), ("email", "work e-mail"), ("team", "team"))
               if key not in columns]
    if "name" not in columns and "first_name" not in columns:
        missing.append("name")
    if missing:
        return [], [Problem(1, "header", f"no column for {', '.join(missing)} (columns found: "
                                         f"{', '.join(h.strip() for h in header)})")]
    manager_kind = next((kind for kind in ("manager_email", "manager_id", "manager_name") if kind in columns), "")
    rows, problems = [], []

    def cell(values: list[str], key: str) -> str:
        index = columns.get(key)
        return values[index].strip() if index is not None and index < len(values) else ""

    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(Problem(line, "file", f"more than {MAX_ROWS:,} people; split the file"))
            break
        name = cell(values, "name") or " ".join(p for p in (cell(values, "first_name"), cell(values, "last_name")) if p)
        row = OrgChartRow(line=line, employee_id=cell(values, "employee_id"), name=name,
                          email=cell(values, "email").lower(), team=cell(values, "team"),
                          manager_ref=cell(values, manager_kind) if manager_kind else "",
                          manager_kind=manager_kind.removeprefix("manager_"))
        for key, value in (("employee id", row.employee_id), ("name", row.name), ("team", row.team)):
            if not value:
                problems.append(Problem(line, key, "is empty"))
        if not EMAIL.match(row.email):
            problems.append(Problem(line, "e-mail", f"'{row.email}' is not an e-mail address"))
        if len(row.team) > 120 or len(row.name) > 300:
            problems.append(Problem(line, "team" if len(row.team) > 120 else "name", "is longer than allowed"))
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(2, "file", "has a header but no people"))
    problems += _duplicates(rows)
    return rows, problems


def _duplicates(rows: list[OrgChartRow]) -> list[Problem]:
    problems = []
    for attribute, label in (("employee_id", "employee id"), ("email", "e-mail")):
        seen: dict[str, int] = {}
        for row in rows:
            value = getattr(row, attribute)
            if not value:
                continue
            if value in seen:
                problems.append(Problem(row.line, label, f"'{value}' is also on line {seen[value]}"))
            else:
                seen[value] = row.line
    return problems


def _managers(rows: list[OrgChartRow]) -> tuple[dict[str, str], list[Problem]]:
    """Each person's manager as an employee id (by e-mail, id or unique name), and what cannot be resolved."""
    by_email = {r.email: r.employee_id for r in rows}
    by_id = {r.employee_id: r.employee_id for r in rows}
    by_name: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_name[_normalised(r.name)].append(r.employee_id)
        if "," not in r.name and " " in r.name.strip():  # BambooHR writes "Last, First"
            first, _, last = r.name.strip().rpartition(" ")
            by_name[_normalised(f"{last}, {first}")].append(r.employee_id)
    managers, problems = {}, []
    for row in rows:
        ref = row.manager_ref.strip()
        if not ref:
            continue
        if row.manager_kind == "email":
            found = by_email.get(ref.lower())
        elif row.manager_kind == "id":
            found = by_id.get(ref)
        else:
            candidates = by_name.get(_normalised(ref), [])
            if len(candidates) > 1:
                problems.append(Problem(row.line, "manager", f"'{ref}' names {len(candidates)} people; "
                                                             "export the manager's e-mail or id instead"))
                continue
            found = candidates[0] if candidates else None
        if found is None:
            problems.append(Problem(row.line, "manager", f"'{ref}' is not anyone in this file"))
        elif found == row.employee_id:
            problems.append(Problem(row.line, "manager", "a person cannot be their own manager"))
        else:
            managers[row.employee_id] = found
    return managers, problems


def _cycles(rows: list[OrgChartRow], managers: dict[str, str]) -> list[Problem]:
    line_of = {r.employee_id: r.line for r in rows}
    reported: set[str] = set()
    problems = []
    for start in managers:
        path, node = [], start
        while node in managers and node not in path:
            path.append(node)
            node = managers[node]
        if node in path:
            circle = path[path.index(node):]
            key = frozenset(circle)
            if key not in reported:
                reported.add(key)
                lines = sorted(line_of[e] for e in circle)
                problems.append(Problem(min(lines), "manager", "the manager chain runs in a circle through lines "
                                                               + ", ".join(map(str, lines))))
    return problems


def plan_org_chart(rows: list[OrgChartRow], problems: list[Problem], current: list[CurrentPerson],
                   existing_teams: set[str], create_teams: bool = False) -> OrgChartPlan:
    """The changes the file makes to the organisation as it is now (``current``: people it linked before)."""
    plan = OrgChartPlan(rows=rows, problems=list(problems))
    if any(problem.line == 1 for problem in problems):  # no usable header: nothing more to say
        return plan
    managers, manager_problems = _managers(rows)
    plan.problems += manager_problems + _cycles(rows, managers)
    teams_lower = {t.lower(): t for t in existing_teams}
    team_of: dict[str, str] = {}
    for row in rows:
        known = teams_lower.get(row.team.lower())
        if known is None and not create_teams:
            plan.problems.append(Problem(row.line, "team", f"'{row.team}' is not a team of the organisation "
                                                           "(create it first, or allow new teams)"))
        team_of[row.employee_id] = known or row.team
    if plan.problems:
        return plan
    members: dict[str, list[OrgChartRow]] = defaultdict(list)
    for row in rows:
        members[team_of[row.employee_id]].append(row)
    for team, people in members.items():
        inside = {r.employee_id for r in people}
        bosses = defaultdict(list)
        for r in people:
            if r.employee_id in managers:
                bosses[managers[r.employee_id]].append(r.line)
        internal = [b for b in bosses if b in inside]
        if len(internal) == 1:
            lead = internal[0]
            strays = [line for b, lines in bosses.items() if b != lead
                      for line in lines if next(r for r in people if r.line == line).employee_id != lead]
            if strays:
                plan.problems.append(Problem(min(strays), "manager", f"team {team}: its lead is on line "
                                     f"{next(r.line for r in people if r.employee_id == lead)}, but lines "
                                     f"{', '.join(map(str, sorted(strays)))} report to someone else"))
                continue
            plan.team_managers[team] = lead
        elif len(internal) > 1:
            plan.problems.append(Problem(min(bosses[internal[1]]), "manager", f"team {team}: its people report to "
                                 f"{len(internal)} different people inside it; give each lead a team of their own"))
        elif len(bosses) == 1:
            plan.team_managers[team] = next(iter(bosses))
        elif len(bosses) > 1:
            described = "; ".join(f"lines {', '.join(map(str, lines))}" for lines in bosses.values())
            plan.problems.append(Problem(min(min(lines) for lines in bosses.values()), "manager",
                                         f"team {team}: its people report to {len(bosses)} different managers "
                                         f"({described}); one team has one manager in ownpath"))
    if plan.problems:
        return plan
    for row in rows:
        team = team_of[row.employee_id]
        role = "manager" if plan.team_managers.get(team) == row.employee_id else "member"
        plan.desired.setdefault(row.employee_id, {})[team] = role
    for team, manager in plan.team_managers.items():
        plan.desired.setdefault(manager, {})[team] = "manager"
    plan.new_teams = sorted({t for t in members if t.lower() not in teams_lower})
    known = {p.employee_id: p for p in current}
    old_manager_of = {team: p.employee_id for p in current for team, role in p.teams.items() if role == "manager"}
    for row in rows:
        before = known.get(row.employee_id)
        if before is None:
            plan.joins.append(row)
            continue
        was_in = sorted(t for t, r in before.teams.items() if r == "member")
        will_be_in = sorted(t for t, r in plan.desired[row.employee_id].items() if r == "member")
        if was_in != will_be_in:
            plan.moves.append((row, was_in, team_of[row.employee_id]))
    for team, manager in sorted(plan.team_managers.items()):
        if old_manager_of.get(team) != manager:
            plan.manager_changes.append((team, old_manager_of.get(team, ""), manager))
    in_file = {r.employee_id for r in rows}
    plan.leaves = sorted(p.employee_id for p in current if p.employee_id not in in_file)
    return plan
