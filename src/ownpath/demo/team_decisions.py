"""The motivating case, end to end: the top salesperson and the coach-minded analyst ask "manager or expert?".

``build_team_decisions_demo`` sets up an organisation with a Sales and a Research team, the
expert- and manager-track role profiles of each, and two people with a generated journal each
(``demo.personas``): Dana, the top account executive whose journal says managing drains her,
and Ines, the research analyst who comes alive coaching juniors. Both consent to team planning.
Dana offers to mentor, Ines asks for a mentor from another team. Their track fits then show what the
journal says — not their output: Dana gets the expert
track and a reversible trial for the manager activity she has never logged; Ines the manager track.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from ownpath.demo.services import fill_demo_journal
from ownpath.sharing import services as sharing
from ownpath.team_planning import services as planning
from ownpath.team_planning.models import RoleProfile
from ownpath.teams import services as teams
from ownpath.teams.models import Membership, Organisation

ORGANISATION = "Northwind Team Decisions (demo)"
ROLES = (
    ("Senior account executive", "expert", 3,
     {"selling": 14, "customers": 12, "negotiating": 5, "relationships": 4, "presenting": 3, "admin": 2}),
    ("Sales manager", "manager", 3,
     {"managing": 12, "coaching": 6, "meetings": 8, "planning": 5, "admin": 5, "selling": 4}),
    ("Senior research analyst", "expert", 3,
     {"research": 14, "analysis": 12, "writing": 8, "presenting": 3, "meetings": 3}),
    ("Research team lead", "manager", 3,
     {"managing": 10, "coaching": 8, "meetings": 8, "planning": 5, "research": 6, "admin": 3}),
)
PEOPLE = (("dana", "top_salesperson", "Sales"), ("ines", "coaching_analyst", "Research"))


@transaction.atomic
def build_team_decisions_demo(admin, *, end: dt.date | None = None) -> dict:
    """Create (or refresh) the demo organisation; returns the track fit of each demo person by username."""
    end = end or dt.date.today() - dt.timedelta(days=1)
    organisation = Organisation.objects.filter(name=ORGANISATION, roles__person=admin).first()
    if organisation is None:
        organisation = teams.create_organisation(admin, ORGANISATION)
    existing = {r.name for r in RoleProfile.objects.filter(organisation=organisation)}
    for name, track, level, hours in ROLES:
        if name not in existing:
            planning.add_role_profile(admin, organisation, name, track, level=level, weekly_hours=hours)
    users = get_user_model().objects
    fits = {}
    for username, persona, team_name in PEOPLE:
        person = users.filter(username=username).first() or users.create_user(username)
        team = organisation.teams.filter(name=team_name).first() or teams.create_team(admin, organisation, team_name)
        Membership.objects.get_or_create(team=team, person=person, defaults={"role": Membership.MEMBER})
        Membership.objects.get_or_create(team=team, person=admin, defaults={"role": Membership.MANAGER})
        fill_demo_journal(person, persona, weeks=12, seed=3, end=end)
        sharing.share(person, "team_planning", "aggregate")
        fits[username] = planning.track_fit_for(person, today=end)
    people = {u.username: u for u in users.filter(username__in=[p[0] for p in PEOPLE])}
    planning.set_mentorship_opt_in(people["dana"], organisation, as_mentor=True, capacity=2,
                                   mentor_activities=["selling", "customers", "relationships"])
    planning.set_mentorship_opt_in(people["ines"], organisation, as_mentee=True, prefer_other_teams=True,
                                   learning_wishes=["relationships", "presenting"])
    return fits
