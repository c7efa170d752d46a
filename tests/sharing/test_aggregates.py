"""Team and organisation figures: only from aggregate shares, only from 5 people, no differencing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ownpath.analytics.k_anonymity import DIFFERENCING, TOO_FEW
from ownpath.journal.services import log_episode
from ownpath.sharing import aggregates
from ownpath.sharing import services as sharing
from ownpath.teams.models import Membership

pytestmark = pytest.mark.django_db


def _journal(person, hours: float) -> None:
    """Two weeks of work at `hours` a day on three days, half of it growth work."""
    monday = dt.date(2026, 11, 2)
    for week in range(2):
        for day in range(3):
            date = monday + dt.timedelta(days=7 * week + day)
            log_episode(person, {"date": date, "activity": "research", "hours": hours, "energy": 1, "growth": True})
            log_episode(person, {"date": date, "activity": "managing", "hours": hours, "energy": -1, "growth": False})


@pytest.fixture
def crowd(org, django_user_model):
    """Platform (inside Engineering) gets 5 members who share hours for aggregates; so does tess in Engineering."""
    people = []
    for i in range(5):
        person = django_user_model.objects.create_user(f"eng{i}")
        Membership.objects.create(team=org.platform, person=person)
        people.append(person)
    for i, person in enumerate(people + [org.peer]):
        _journal(person, 3.0 + i / 2)
        sharing.share(person, "hours_vs_target", "aggregate")
    return people


def test_a_figure_from_fewer_than_five_people_is_withheld(org):
    _journal(org.owner, 5.0)
    sharing.share(org.owner, "hours_vs_target", "aggregate")
    figures = aggregates.team_figures(org.manager, org.engineering)
    assert figures["hours_vs_target"] == {"figure": None, "withheld": TOO_FEW}


def test_parent_minus_sub_team_cannot_reveal_the_one_person_outside_it(org, crowd):
    # Engineering (with Platform) has 6 contributors: the 5 members of Platform and tess.
    # Showing both figures would reveal tess's hours by subtraction; the smaller one is withheld.
    parent = aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]
    child = aggregates.team_figures(org.sub_manager, org.platform)["hours_vs_target"]
    assert parent["figure"]["n"] == 6
    assert child == {"figure": None, "withheld": DIFFERENCING}


def test_a_figure_carries_its_interval_and_sample_size(org, crowd):
    figure = aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]["figure"]
    assert figure["low"] <= figure["mean"] <= figure["high"] and figure["n"] == 6


def test_a_revoked_aggregate_share_drops_out_at_once(org, crowd):
    assert aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]["figure"]["n"] == 6
    for person, left in ((crowd[0], 5), (crowd[1], None)):
        sharing.revoke(person, sharing.shares_of(person).get().pk)
        figure = aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]
        assert (figure["figure"] or {}).get("n") == left
    assert figure["withheld"] == TOO_FEW


def test_only_aggregate_shares_count(org, crowd):
    sharing.share(org.owner, "hours_vs_target", "manager")  # shared with the manager, not for aggregates
    _journal(org.owner, 9.0)
    assert aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]["figure"]["n"] == 6


def test_only_the_teams_manager_and_people_leads_see_figures(org, crowd):
    from ownpath.errors import NotFound

    for viewer in (org.other_manager, org.peer, org.admin, org.outsider):
        with pytest.raises(NotFound):
            aggregates.team_figures(viewer, org.engineering)
    for viewer in (org.manager, org.admin, org.outsider):
        with pytest.raises(NotFound):
            aggregates.organisation_figures(viewer, org.acme)
    found = aggregates.organisation_figures(org.people_lead, org.acme)
    assert found["organisation"]["hours_vs_target"]["figure"]["n"] == 6


def test_the_team_page_shows_a_figure_only_when_five_contribute(org, crowd):
    manager = Client()
    manager.force_login(org.manager)
    page = manager.get("/team/manage/").content.decode()
    assert "of 6 people over" in page
    assert "Too few people to show without identifying anyone" in page  # the other items


def test_a_manager_who_reads_most_contributors_individually_cannot_subtract_them(org, crowd):
    from ownpath.teams import services as teams

    # pat manages Platform: its 5 contributors' figure is withheld anyway (differencing with Engineering);
    # move them under Sales, where sam manages exactly these 5 people (and tess stops contributing).
    for person in crowd:
        Membership.objects.filter(person=person).update(team=org.sales)
    sharing.revoke(org.peer, sharing.shares_of(org.peer).get().pk)
    assert aggregates.team_figures(org.other_manager, org.sales)["hours_vs_target"]["figure"]["n"] == 5
    for person in crowd[:4]:
        sharing.share(person, "hours_vs_target", "manager")
    assert teams.is_manager_of(org.other_manager, crowd[0])
    # sam now reads four of the five individually: the fifth would follow by subtraction.
    assert aggregates.team_figures(org.other_manager, org.sales)["hours_vs_target"] == {
        "figure": None, "withheld": DIFFERENCING}
