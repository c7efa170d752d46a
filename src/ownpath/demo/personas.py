"""Seeded generators of realistic work journals for known personas (pure, no Django).

Each persona has a true effect of every activity on energy and a true skill level; the
generator adds a mood of the day, episode noise and the rounding a person does when they
rate on a five-point scale, so the analytics can be checked against a known truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
             noise_sd: float) -> dict:
    effect = persona.energy_effect[activity]
    energy = int(np.clip(np.rint(effect + mood + rng.normal(0.0, noise_sd)), -2, 2))
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
