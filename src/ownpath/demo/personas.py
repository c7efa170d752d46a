"""Seeded generators of realistic work journals for known personas (pure, no Django).

Each persona has a true effect of every activity on energy and a true skill level; the
generator adds a mood of the day, episode noise and the rounding a person does when they
rate on a five-point scale, so the analytics can be checked against a known truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Persona:
    """Who the demo person is: weekly hours per activity, true energy effects and skill."""

    key: str
    title: str
    summary: str
    weekly_hours: dict[str, float]
    energy_effect: dict[str, float]
    skill_mean: dict[str, float]
    growth_activities: frozenset[str]
    required_activities: frozenset[str]
    colleagues: tuple[str, ...]


PERSONAS: dict[str, Persona] = {
    "research_analyst": Persona(
        key="research_analyst",
        title="Research analyst",
        summary="loves research, writing and presenting; drained by managing people",
        weekly_hours={"research": 10, "analysis": 8, "writing": 7, "presenting": 3, "meetings": 5,
                      "admin": 3, "managing": 4, "learning": 2, "planning": 1.5},
        energy_effect={"research": 1.3, "analysis": 0.6, "writing": 0.9, "presenting": 1.0, "meetings": -0.4,
                       "admin": -0.8, "managing": -1.5, "learning": 0.7, "planning": 0.0},
        skill_mean={"research": 4.5, "analysis": 4.0, "writing": 4.3, "presenting": 4.2, "meetings": 3.2,
                    "admin": 3.6, "managing": 2.4, "learning": 3.5, "planning": 3.3},
        growth_activities=frozenset({"research", "learning", "presenting"}),
        required_activities=frozenset({"admin", "managing", "meetings"}),
        colleagues=("Priya", "Tom", "Lena", "Marcus"),
    ),
    "top_salesperson": Persona(
        key="top_salesperson",
        title="Account executive",
        summary="energized by selling and clients; drained by admin and managing people",
        weekly_hours={"selling": 12, "customers": 10, "negotiating": 4, "relationships": 4, "presenting": 3,
                      "admin": 4, "meetings": 3, "managing": 2, "travel": 3},
        energy_effect={"selling": 1.4, "customers": 1.1, "negotiating": 0.7, "relationships": 0.9,
                       "presenting": 0.5, "admin": -1.0, "meetings": -0.5, "managing": -1.4, "travel": -0.3},
        skill_mean={"selling": 4.7, "customers": 4.5, "negotiating": 4.2, "relationships": 4.4, "presenting": 4.0,
                    "admin": 3.0, "meetings": 3.3, "managing": 2.8, "travel": 3.5},
        growth_activities=frozenset({"negotiating", "presenting"}),
        required_activities=frozenset({"admin", "meetings", "travel"}),
        colleagues=("Dana", "Raj", "Chloe", "Sam"),
    ),
    "people_coach": Persona(
        key="people_coach",
        title="Team lead",
        summary="enjoys coaching and coordinating people; drained by solitary analysis and admin",
        weekly_hours={"coaching": 8, "managing": 8, "meetings": 7, "planning": 5, "relationships": 3,
                      "analysis": 4, "writing": 3, "admin": 3},
        energy_effect={"coaching": 1.4, "managing": 1.0, "meetings": 0.6, "planning": 0.5, "relationships": 0.8,
                       "analysis": -0.6, "writing": -0.3, "admin": -0.9},
        skill_mean={"coaching": 4.5, "managing": 4.2, "meetings": 4.0, "planning": 3.9, "relationships": 4.3,
                    "analysis": 3.0, "writing": 3.2, "admin": 3.4},
        growth_activities=frozenset({"coaching", "planning"}),
        required_activities=frozenset({"admin", "analysis"}),
        colleagues=("Ana", "Ben", "Kofi", "Mia", "Jon"),
    ),
    "coaching_analyst": Persona(
        key="coaching_analyst",
        title="Research analyst",
        summary="same job as the research analyst, but energized by coaching juniors and coordinating the team; "
                "drained by long solitary analysis",
        weekly_hours={"research": 8, "analysis": 7, "writing": 5, "presenting": 3, "meetings": 6, "coaching": 4,
                      "managing": 4, "planning": 2, "admin": 3, "learning": 1.5},
        energy_effect={"research": -0.3, "analysis": -0.6, "writing": -0.4, "presenting": 0.6, "meetings": 0.7,
                       "coaching": 1.4, "managing": 0.9, "planning": 0.6, "admin": -0.8, "learning": 0.3},
        skill_mean={"research": 3.8, "analysis": 3.6, "writing": 3.7, "presenting": 4.1, "meetings": 4.0,
                    "coaching": 4.5, "managing": 4.0, "planning": 3.9, "admin": 3.5, "learning": 3.5},
        growth_activities=frozenset({"coaching", "managing", "planning"}),
        required_activities=frozenset({"admin", "analysis"}),
        colleagues=("Priya", "Tom", "Lena", "Marcus", "Ines"),
    ),
}

_NOTES = {
    "research": ["literature review", "interviews with users", "dug into the survey data sources"],
    "analysis": ["regression on churn data", "cleaned the panel dataset", "cohort analysis"],
    "writing": ["drafted the quarterly report", "wrote up findings", "edited the methods section"],
    "presenting": ["presented findings to leadership", "team brown-bag talk", "client readout"],
    "meetings": ["weekly sync", "planning meeting", "cross-team status"],
    "admin": ["expense reports", "inbox triage", "timesheets"],
    "managing": ["1:1s with the team", "performance review prep", "staffing conflict"],
    "learning": ["course on causal inference", "read a new paper", "workshop"],
    "planning": ["roadmap for next quarter", "prioritised the backlog"],
    "selling": ["discovery call", "closed a renewal", "pitch to a new prospect"],
    "customers": ["client check-in", "onboarding a new account", "support escalation"],
    "negotiating": ["pricing negotiation", "contract terms"],
    "relationships": ["lunch with a client", "industry meetup"],
    "travel": ["drive to client site", "flight to the regional office"],
    "coaching": ["mentoring a junior colleague", "career conversation", "pairing session"],
}


def generate_journal(persona_key: str | Persona, *, weeks: int = 12, end: dt.date | None = None, seed: int = 7,
                     day_sd: float = 0.4, noise_sd: float = 0.8) -> list[dict]:
    """A seeded journal of working days ending at `end`, as raw episode dicts (oldest first).

    ``persona_key`` names one of PERSONAS, or is a Persona itself (a simulated colleague).
    """
    persona = persona_key if isinstance(persona_key, Persona) else PERSONAS[persona_key]
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=7 * weeks - 1)
    activities = list(persona.weekly_hours)
    weights = np.array([persona.weekly_hours[a] for a in activities], dtype=float)
    weights /= weights.sum()
    episodes: list[dict] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            mood = rng.normal(0.0, day_sd)
            for activity in rng.choice(activities, size=int(rng.integers(3, 6)), replace=False, p=weights):
                episodes.append(_episode(persona, str(activity), day, mood, rng, noise_sd))
        day += dt.timedelta(days=1)
    return episodes


def _episode(persona: Persona, activity: str, day: dt.date, mood: float, rng: np.random.Generator,
             noise_sd: float, shift: float = 0.0) -> dict:
    effect = persona.energy_effect[activity]
    energy = int(np.clip(np.rint(effect + mood + shift + rng.normal(0.0, noise_sd)), -2, 2))
    rated = rng.random() < 0.75
    skill = int(np.clip(np.rint(persona.skill_mean[activity] + rng.normal(0.0, 0.7)), 1, 5)) if rated else None
    engagement = int(np.clip(np.rint(5 + 2 * effect + 1.5 * mood + rng.normal(0, 1.2)), 0, 10)) if rated else None
    growth = True if activity in persona.growth_activities else (
        False if activity in persona.required_activities else None)
    with_whom = ""
    if activity in {"meetings", "managing", "coaching", "relationships"}:
        with_whom = ", ".join(sorted(rng.choice(persona.colleagues, size=int(rng.integers(1, 3)), replace=False)))
    notes = _NOTES.get(activity, [""])
    note = str(notes[int(rng.integers(len(notes)))]) if rng.random() < 0.6 else ""
    return {
        "date": day.isoformat(),
        "activity": activity,
        "hours": float(rng.choice([0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0])),
        "energy": energy,
        "skill": skill,
        "engagement": engagement,
        "growth": growth,
        "off_clock": bool(rng.random() < 0.06),
        "with": with_whom,
        "note": note,
    }


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class ContextTruth:
    """Known effects of an entry's context on energy, added to the activity's (for benchmarks).

    ``hours_drop`` is lost per hour worked beyond ``hours_threshold`` earlier that day;
    ``meeting_drop`` per meeting directly before; ``place_by_activity`` adds an interaction
    (activity, place) -> effect on top of the place's main effect.
    """

    places: dict[str, float]
    people: dict[str, float]
    tools: dict[str, float]
    hours_threshold: float = 6.0
    hours_drop: float = 0.0
    meeting_drop: float = 0.0
    place_by_activity: dict[tuple[str, str], float] = field(default_factory=dict)
    flow_activities: frozenset[str] = frozenset()


NULL_CONTEXT = ContextTruth(places={"home": 0.0, "office": 0.0, "client site": 0.0, "travelling": 0.0},
                            people={"alone": 0.0, "my team": 0.0, "customers": 0.0, "my manager": 0.0},
                            tools={"excel": 0.0, "slides": 0.0, "crm": 0.0})

ACTIVE_CONTEXT = ContextTruth(
    places={"home": 0.3, "office": 0.0, "client site": -0.2, "travelling": -0.6},
    people={"alone": 0.2, "my team": 0.3, "customers": 0.0, "my manager": -0.5},
    tools={"excel": -0.3, "slides": 0.1, "crm": -0.1},
    hours_threshold=6.0, hours_drop=0.4, meeting_drop=0.25,
    place_by_activity={("customers", "client site"): 0.8, ("selling", "client site"): 0.5},
    flow_activities=frozenset({"research", "writing", "selling", "coaching"}),
)


def dose_effect(truth: ContextTruth, hours_before: float, meetings_before: int) -> float:
    """The true effect of the hours already worked that day and the meetings just before."""
    return (-truth.hours_drop * max(0.0, hours_before - truth.hours_threshold)
            - truth.meeting_drop * meetings_before)


def generate_context_journal(persona_key: str, truth: ContextTruth, *, weeks: int = 12,
                             end: dt.date | None = None, seed: int = 7, day_sd: float = 0.4,
                             noise_sd: float = 0.8) -> list[dict]:
    """Like :func:`generate_journal`, with where / with / tools / start / flow and their true effects.

    Episodes of a day follow each other from about 8:00 (so hours already worked and
    meetings back to back are known from the start times); a colleague is named in
    ``with`` next to a kind, and gets no effect of their own.
    """
    persona = PERSONAS[persona_key]
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=7 * weeks - 1)
    activities = list(persona.weekly_hours)
    weights = np.array([persona.weekly_hours[a] for a in activities], dtype=float)
    weights /= weights.sum()
    places, people, tools = list(truth.places), list(truth.people), list(truth.tools)
    episodes: list[dict] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            mood = rng.normal(0.0, day_sd)
            day_place = places[int(rng.integers(len(places)))]
            clock = 7.5 + rng.uniform(0, 1.5)
            worked, in_a_row = 0.0, 0
            for activity in rng.choice(activities, size=int(rng.integers(3, 8)), replace=True, p=weights):
                activity = str(activity)
                place = day_place if rng.random() < 0.8 else places[int(rng.integers(len(places)))]
                kind = people[int(rng.integers(len(people)))]
                tool = tools[int(rng.integers(len(tools)))] if rng.random() < 0.5 else ""
                shift = (truth.places[place] + truth.people[kind] + (truth.tools[tool] if tool else 0.0)
                         + truth.place_by_activity.get((activity, place), 0.0) + dose_effect(truth, worked, in_a_row))
                episode = _episode(persona, activity, day, mood, rng, noise_sd, shift)
                names = [kind]
                if kind != "alone" and rng.random() < 0.3:
                    names.append(persona.colleagues[int(rng.integers(len(persona.colleagues)))])
                flow_p = 0.45 if activity in truth.flow_activities else 0.08
                episode.update({
                    "start": f"{int(clock) % 24:02d}:{int(round((clock % 1) * 60)) % 60:02d}",
                    "where": place, "with": ", ".join(names), "tools": tool,
                    "flow": bool(rng.random() < flow_p),
                })
                episodes.append(episode)
                worked += episode["hours"]
                clock += episode["hours"]
                in_a_row = in_a_row + 1 if activity == "meetings" else 0
        day += dt.timedelta(days=1)
    return episodes


def generate_path_journal(persona_key: str, *, target_hours: dict[str, float], ramp_weeks: int,
                          energy_drift: dict[str, float], skill_growth: dict[str, float],
                          weeks: int = 26, end: dt.date | None = None, seed: int = 7,
                          day_sd: float = 0.4, noise_sd: float = 0.8) -> list[dict]:
    """A persona following a plan towards a target role, with known true trends.

    The weekly hours of each activity in ``target_hours`` ramp linearly from the persona's
    own hours to the target's over ``ramp_weeks``; its true energy effect changes by
    ``energy_drift[activity]`` a month (30.4375 days) and its true skill by
    ``skill_growth[activity]`` a month, from the first day: effects drift as skill grows.
    The same mood-of-the-day, noise and rounding as ``generate_journal``; skill is always rated.
    """
    persona = PERSONAS[persona_key]
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=7 * weeks - 1)
    activities = sorted(set(persona.weekly_hours) | set(target_hours))
    episodes: list[dict] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            progress = min(1.0, (day - start).days / 7.0 / max(1, ramp_weeks))
            now = {a: persona.weekly_hours.get(a, 0.0) for a in activities}
            hours = {a: now[a] + progress * (target_hours.get(a, now[a]) - now[a]) for a in activities}
            weights = np.array([max(hours[a], 0.0) for a in activities])
            weights /= weights.sum()
            months = (day - start).days / 30.4375
            mood = rng.normal(0.0, day_sd)
            for activity in rng.choice(activities, size=int(rng.integers(3, 6)), replace=False, p=weights):
                activity = str(activity)
                effect = persona.energy_effect.get(activity, 0.0) + energy_drift.get(activity, 0.0) * months
                skill = persona.skill_mean.get(activity, 3.0) + skill_growth.get(activity, 0.0) * months
                episodes.append({
                    "date": day.isoformat(), "activity": activity,
                    "hours": float(rng.choice([0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0])),
                    "energy": int(np.clip(np.rint(effect + mood + rng.normal(0.0, noise_sd)), -2, 2)),
                    "skill": int(np.clip(np.rint(skill + rng.normal(0.0, 0.7)), 1, 5)),
                    "engagement": None,
                    "growth": True if activity in target_hours else None,
                    "off_clock": False, "with": "", "note": "",
                })
        day += dt.timedelta(days=1)
    return episodes


# --------------------------------------------------------------------------- colleagues


# Time with Morgan lowers energy by one point whatever the activity; Riley and Casey make no
# difference (issue 19: neutral colleagues must never be called energizing or draining).
DRAINING_COLLEAGUE = {"Morgan": -1.0, "Riley": 0.0, "Casey": 0.0}


def generate_colleague_journal(colleagues: dict[str, float], *, persona_key: str = "research_analyst",
                               weeks: int = 16, end: dt.date | None = None, seed: int = 7,
                               day_sd: float = 0.4, noise_sd: float = 0.8) -> list[dict]:
    """Like :func:`generate_journal`, with named colleagues whose true effects are ``colleagues``.

    About a third of the entries name no one, a tenth are "alone", the rest one colleague
    (sometimes two, whose effects add up), whatever the activity.
    """
    persona = PERSONAS[persona_key]
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=7 * weeks - 1)
    activities = list(persona.weekly_hours)
    weights = np.array([persona.weekly_hours[a] for a in activities], dtype=float)
    weights /= weights.sum()
    names = list(colleagues)
    episodes: list[dict] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            mood = rng.normal(0.0, day_sd)
            for activity in rng.choice(activities, size=int(rng.integers(3, 6)), replace=False, p=weights):
                draw = rng.random()
                if draw < 0.35:
                    company: list[str] = []
                elif draw < 0.45:
                    company = ["alone"]
                else:
                    size = 2 if rng.random() < 0.15 else 1
                    company = [str(c) for c in rng.choice(names, size=size, replace=False)]
                shift = sum(colleagues.get(c, 0.0) for c in company)
                episode = _episode(persona, str(activity), day, mood, rng, noise_sd, shift)
                episode["with"] = ", ".join(company)
                episodes.append(episode)
        day += dt.timedelta(days=1)
    return episodes
