"""The built-in activity taxonomy, grounded in the O*NET Generalized Work Activities.

Plain data, no Django: the analytics core, the importers and the O*NET loader all read it.
The slugs are a stable contract (journals, exports and options refer to them); labels and
GWA mappings may be refined. Every one of the 41 GWAs (element IDs ``4.A.*``) maps to
exactly one built-in activity, so an occupation's O*NET profile covers the whole taxonomy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ActivityDefinition:
    """One built-in activity: stable slug, everyday label, plain description, O*NET GWAs."""

    slug: str
    label: str
    description: str
    gwa_ids: tuple[str, ...]
    # Intermediate work activities (IWA IDs, ``4.A.x.x.x.Inn``) that belong here although
    # their GWA maps elsewhere: the more specific ID wins.
    iwa_ids: tuple[str, ...] = ()


BUILTIN_ACTIVITIES: tuple[ActivityDefinition, ...] = (
    ActivityDefinition("selling", "Selling & persuading",
                       "Pitching, persuading, closing deals, influencing decisions.",
                       ("4.A.4.a.6",)),
    ActivityDefinition("managing", "Managing people",
                       "Directing and motivating a team, staffing, 1:1s, performance reviews.",
                       ("4.A.4.b.4", "4.A.4.b.2", "4.A.4.c.2")),
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
                       # Coordinating the Work of Others is what every engineer, nurse and
                       # analyst does with peers; counted under managing it made ~18% of a
                       # software developer's week look like management.
                       ("4.A.4.a.2", "4.A.4.b.1"),
                       # O*NET files the coordination of activities (not of people) under
                       # "Guiding, Directing, and Motivating Subordinates" (4.A.4.b.4): serving on
                       # committees, coordinating artistic, technical, community and compliance
                       # work. Those are coordination, so a developer's "coordinate the software
                       # installation" does not read as managing people.
                       ("4.A.4.b.4.I02", "4.A.4.b.4.I03", "4.A.4.b.4.I06", "4.A.4.b.4.I11",
                        "4.A.4.b.4.I14")),
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
                       ("4.A.1.a.2", "4.A.1.b.2", "4.A.4.c.3"),
                       # Managing control systems and budgets (filed under 4.A.4.b.4) is
                       # controlling resources, not directing people.
                       ("4.A.4.b.4.I08", "4.A.4.b.4.I09")),
    ActivityDefinition("learning", "Learning",
                       "Keeping up to date, courses, studying, learning new skills.",
                       ("4.A.2.b.3",)),
    ActivityDefinition("travel", "Travel & driving",
                       "Business travel, commuting between sites, operating vehicles.",
                       ("4.A.3.a.4",)),
)

BUILTIN_SLUGS: tuple[str, ...] = tuple(a.slug for a in BUILTIN_ACTIVITIES)

# Who a detailed work activity (DWA) is done with or for decides how its holder names it:
# "Explain technical product information to customers" sits under the GWA "Interpreting
# the Meaning of Information for Others" (presenting), but a sales representative calls it
# customer work. A DWA whose title names customers, sales or patients goes to that activity,
# whatever its GWA; the first matching rule wins. Without these, O*NET's own sales
# representatives came out 18% selling and customers, registered nurses 19% caring.
DWA_TITLE_RULES: tuple[tuple[str, str], ...] = (
    (r"\b(sales?|sell|selling|promot\w*|prospective customers|potential customers)\b", "selling"),
    (r"\b(customers?|clients?|consumers?|guests?|patrons?)\b", "customers"),
    (r"\b(patients?|residents?)\b", "caring"),
)
_DWA_RULES = tuple((re.compile(pattern, re.IGNORECASE), slug) for pattern, slug in DWA_TITLE_RULES)
# Activities a DWA keeps whatever its title says: negotiating a price with a customer is
# still negotiating, and directing a sales team is still managing people.
_KEPT_BY_DWA_RULES = frozenset({"negotiating", "managing", "coaching"})


def activity_for_gwa(gwa_id: str) -> str | None:
    """Return the built-in activity slug a GWA element ID (or any DWA/IWA under it) maps to.

    A listed IWA is more specific than its GWA, so it wins (``4.A.4.b.4.I06.D04``, a DWA
    under "Direct scientific or technical activities", is coordination, not managing).
    """
    best, best_length = None, -1
    for activity in BUILTIN_ACTIVITIES:
        for element in activity.gwa_ids + activity.iwa_ids:
            if (gwa_id == element or gwa_id.startswith(element + ".")) and len(element) > best_length:
                best, best_length = activity.slug, len(element)
    return best


def activity_for_dwa(dwa_id: str, title: str = "") -> str | None:
    """The built-in activity of a detailed work activity: by its title's rules, else its IWA/GWA."""
    by_element = activity_for_gwa(dwa_id)
    if by_element in _KEPT_BY_DWA_RULES:
        return by_element
    for pattern, slug in _DWA_RULES:
        if pattern.search(title):
            return slug
    return by_element
