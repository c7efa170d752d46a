"""The built-in activity taxonomy, grounded in the O*NET Generalized Work Activities.

Plain data, no Django: the analytics core, the importers and the O*NET loader all read it.
The slugs are a stable contract (journals, exports and options refer to them); labels and
GWA mappings may be refined. Every one of the 41 GWAs (element IDs ``4.A.*``) maps to
exactly one built-in activity, so an occupation's O*NET profile covers the whole taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActivityDefinition:
    """One built-in activity: stable slug, everyday label, plain description, O*NET GWAs."""

    slug: str
    label: str
    description: str
    gwa_ids: tuple[str, ...]


BUILTIN_ACTIVITIES: tuple[ActivityDefinition, ...] = (
    ActivityDefinition("selling", "Selling & persuading",
                       "Pitching, persuading, closing deals, influencing decisions.",
                       ("4.A.4.a.6",)),
    ActivityDefinition("managing", "Managing people",
                       "Directing and motivating a team, staffing, 1:1s, performance reviews.",
                       ("4.A.4.b.4", "4.A.4.b.1", "4.A.4.b.2", "4.A.4.c.2")),
    ActivityDefinition("coaching", "Coaching & teaching",
                       "Training, teaching, mentoring and developing others.",
                       ("4.A.4.b.3", "4.A.4.b.5")),
    ActivityDefinition("analysis", "Analysing data",
                       "Working with numbers and information: analysis, modelling, estimates.",
                       ("4.A.2.a.4", "4.A.2.a.2", "4.A.1.b.3")),
    ActivityDefinition("research", "Research & investigating",
                       "Finding things out: reading sources, interviews, investigation.",
                       ("4.A.1.a.1", "4.A.1.b.1")),
    ActivityDefinition("writing", "Writing & documenting",
                       "Reports, documentation, articles, recording information.",
                       ("4.A.3.b.6",)),
    ActivityDefinition("presenting", "Presenting & explaining",
                       "Talks, presentations, explaining what information means to others.",
                       ("4.A.4.a.1",)),
    ActivityDefinition("advising", "Advising & consulting",
                       "Giving expert advice and consultation to others.",
                       ("4.A.4.b.6",)),
    ActivityDefinition("customers", "Customer & client work",
                       "Working with clients, customers and the public.",
                       ("4.A.4.a.3", "4.A.4.a.8")),
    ActivityDefinition("meetings", "Meetings & coordination",
                       "Internal meetings, status updates, syncing with peers and bosses.",
                       ("4.A.4.a.2",)),
    ActivityDefinition("planning", "Planning & strategy",
                       "Setting objectives and strategy, organising, scheduling, prioritising.",
                       ("4.A.2.b.4", "4.A.2.b.6", "4.A.2.b.5")),
    ActivityDefinition("deciding", "Deciding & problem solving",
                       "Making decisions, solving problems, judging quality and compliance.",
                       ("4.A.2.b.1", "4.A.2.a.1", "4.A.2.a.3")),
    ActivityDefinition("creating", "Creating & designing",
                       "Thinking creatively: design, ideas, new concepts.",
                       ("4.A.2.b.2",)),
    ActivityDefinition("building", "Building & making",
                       "Hands-on making: code, prototypes, equipment, technical drafting, repairs.",
                       ("4.A.3.b.1", "4.A.3.b.2", "4.A.3.a.1", "4.A.3.a.2", "4.A.3.a.3",
                        "4.A.3.b.4", "4.A.3.b.5")),
    ActivityDefinition("negotiating", "Negotiating & resolving conflicts",
                       "Negotiating terms, mediating, handling conflict and complaints.",
                       ("4.A.4.a.7",)),
    ActivityDefinition("relationships", "Building relationships",
                       "Networking, keeping up working relationships.",
                       ("4.A.4.a.4",)),
    ActivityDefinition("caring", "Helping & caring",
                       "Assisting and caring for others, support work.",
                       ("4.A.4.a.5",)),
    ActivityDefinition("admin", "Admin & paperwork",
                       "Administrative tasks: forms, email triage, expenses, filing.",
                       ("4.A.4.c.1",)),
    ActivityDefinition("monitoring", "Monitoring & checking",
                       "Watching processes, inspecting, controlling budgets and resources.",
                       ("4.A.1.a.2", "4.A.1.b.2", "4.A.4.c.3")),
    ActivityDefinition("learning", "Learning",
                       "Keeping up to date, courses, studying, learning new skills.",
                       ("4.A.2.b.3",)),
    ActivityDefinition("travel", "Travel & driving",
                       "Business travel, commuting between sites, operating vehicles.",
                       ("4.A.3.a.4",)),
)

BUILTIN_SLUGS: tuple[str, ...] = tuple(a.slug for a in BUILTIN_ACTIVITIES)


def activity_for_gwa(gwa_id: str) -> str | None:
    """Return the built-in activity slug a GWA element ID (or any DWA/IWA under it) maps to."""
    for activity in BUILTIN_ACTIVITIES:
        for gwa in activity.gwa_ids:
            if gwa_id == gwa or gwa_id.startswith(gwa + "."):
                return activity.slug
    return None
