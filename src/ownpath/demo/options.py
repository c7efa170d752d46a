"""The options each demo persona weighs: their current role and the promotion they are offered.

``add_demo_options`` gives a persona these through the options services (the options app
knows nothing of the demo).

Plain data. The research analyst and the analyst who enjoys coaching hold the same job and
are offered the same directorship; the top salesperson is offered the regional sales
manager role. Pay is yearly; mixes are hours per week per activity.
"""

from __future__ import annotations

from django.db import transaction

from ownpath.demo.personas import PERSONAS
from ownpath.errors import UserInputError
from ownpath.options.models import Option
from ownpath.options.services import add_option, options_for, remove_option, reset_value_answers, values_profile_for

DIRECTOR_OF_RESEARCH = {
    "name": "Director of research group",
    "mix": {"managing": 16, "meetings": 10, "planning": 6, "presenting": 4, "coaching": 3, "research": 3,
            "writing": 3, "admin": 5},
    "pay": 160_000, "hours": 50, "set_by": "manager",
    "ratings": {"advancement": 5, "leading_people": 5, "recognition": 4, "learning": 2, "hands_on": 1,
                "work_life_balance": 2},
}

REGIONAL_SALES_MANAGER = {
    "name": "Regional sales manager",
    "mix": {"managing": 16, "meetings": 8, "coaching": 5, "planning": 5, "selling": 3, "customers": 4,
            "admin": 5, "travel": 4},
    "pay": 165_000, "hours": 50, "set_by": "expected",
    "ratings": {"advancement": 5, "leading_people": 5, "recognition": 4, "hands_on": 2, "relationships": 3},
}

HEAD_OF_DEPARTMENT = {
    "name": "Head of department",
    "mix": {"managing": 16, "coaching": 6, "meetings": 10, "planning": 8, "relationships": 3, "admin": 5,
            "analysis": 2},
    "pay": 150_000, "hours": 50, "set_by": "manager",
    "ratings": {"advancement": 5, "leading_people": 5, "recognition": 4, "mentorship": 4},
}

PRINCIPAL_RESEARCHER = {
    "name": "Principal researcher",
    "mix": {"research": 14, "analysis": 6, "writing": 8, "presenting": 6, "learning": 4, "advising": 4},
    "pay": 130_000, "hours": 42, "is_target": True,
    "ratings": {"learning": 5, "hands_on": 5, "autonomy": 5, "impact": 4, "advancement": 3},
}

DEMO_OPTIONS: dict[str, dict] = {
    "research_analyst": {
        "current": {"name": "Research analyst", "pay": 95_000,
                    "ratings": {"learning": 4, "hands_on": 5, "autonomy": 4, "advancement": 2, "leading_people": 1}},
        "others": [DIRECTOR_OF_RESEARCH, PRINCIPAL_RESEARCHER],
        "values": {"learning": 5, "hands_on": 5, "autonomy": 4, "impact": 4, "compensation": 3,
                   "advancement": 2, "leading_people": 1},
        "baseline": 80_000,
    },
    "coaching_analyst": {
        "current": {"name": "Research analyst", "pay": 95_000,
                    "ratings": {"learning": 4, "hands_on": 4, "mentorship": 3, "advancement": 2, "leading_people": 2}},
        "others": [DIRECTOR_OF_RESEARCH],
        "values": {"mentorship": 5, "leading_people": 4, "relationships": 5, "impact": 4, "compensation": 3,
                   "learning": 3},
        "baseline": 80_000,
    },
    "top_salesperson": {
        "current": {"name": "Account executive", "pay": 120_000,
                    "ratings": {"relationships": 5, "autonomy": 4, "recognition": 4, "advancement": 2}},
        "others": [REGIONAL_SALES_MANAGER],
        "values": {"relationships": 5, "autonomy": 5, "compensation": 4, "recognition": 4, "hands_on": 4,
                   "leading_people": 1, "advancement": 2},
        "baseline": 90_000,
    },
    "people_coach": {
        "current": {"name": "Team lead", "pay": 105_000,
                    "ratings": {"mentorship": 5, "leading_people": 4, "relationships": 5, "advancement": 3}},
        "others": [HEAD_OF_DEPARTMENT],
        "values": {"mentorship": 5, "leading_people": 5, "relationships": 4, "impact": 4, "compensation": 3},
        "baseline": 85_000,
    },
}


def current_role_mix(persona_key: str) -> dict[str, float]:
    """The persona's current week: the hours their generated journal is drawn from."""
    return dict(PERSONAS[persona_key].weekly_hours)


@transaction.atomic
def add_demo_options(user, persona_key: str) -> list[Option]:
    """Give a demo persona their values, current role and the promotion they are offered
    (replacing the person's options), so `ownpath compare` has something to show."""
    if persona_key not in DEMO_OPTIONS:
        raise UserInputError(f"persona: must be one of {', '.join(DEMO_OPTIONS)}, got {persona_key!r}")
    demo = DEMO_OPTIONS[persona_key]
    for option in list(options_for(user)):
        remove_option(user, option.name)
    reset_value_answers(user)
    profile = values_profile_for(user)
    profile.ratings, profile.pay_baseline = dict(demo["values"]), demo["baseline"]
    profile.ranking = []
    profile.save()
    current = demo["current"]
    created = [add_option(user, current["name"], mix=current_role_mix(persona_key), pay=current["pay"],
                          ratings=current["ratings"], current=True)]
    for other in demo["others"]:
        created.append(add_option(user, other["name"], mix=other["mix"], pay=other.get("pay"),
                                  hours=other.get("hours"), ratings=other.get("ratings"),
                                  set_by=other.get("set_by", "me"), target=other.get("is_target", False)))
    return created
