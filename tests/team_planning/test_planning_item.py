"""The team-planning item: what it carries, that the consent text names exactly that, and that every
use is read through the gate and logged as the requester's read."""

from __future__ import annotations

import datetime as dt

from ownpath.sharing import services as sharing
from ownpath.sharing.items import ITEMS
from ownpath.sharing.models import AccessLog
from ownpath.team_planning import services as planning


def test_consent_text_names_each_thing_the_item_carries():
    text = ITEMS["team_planning"].description
    for named in ("energy estimate", "90% interval", "chance it energizes you", "skill estimate",
                  "hours a week over the last 12 weeks of your journal that have entries",
                  "weekly target hours", "hours you said you are available"):
        assert named in text


def test_item_carries_energy_skill_recent_hours_target_and_available_hours(org, journal):
    # A journal that stopped 30 weeks ago: the calendar's last 12 weeks are empty, the journal's are not.
    from ownpath.demo.services import fill_demo_journal

    fill_demo_journal(org.owner, "top_salesperson", weeks=12, seed=3, end=dt.date.today() - dt.timedelta(weeks=30))
    planning.set_available_hours(org.manager, org.engineering.pk, org.owner, 30)
    content = sharing.preview(org.owner, "team_planning")
    assert content["recent_weeks"]["weeks"] == 12
    assert dt.date.fromisoformat(content["recent_weeks"]["last_week"]) < dt.date.today() - dt.timedelta(weeks=29)
    assert content["available_hours"] == {str(org.engineering.pk): 30.0}
    assert content["weekly_target"] > 0
    hours = {a: e["hours_per_week"] for a, e in content["activities"].items()}
    assert sum(hours.values()) > 20  # a full working week, not 0 from an empty calendar window
    selling = content["activities"]["selling"]
    assert selling["low"] <= selling["estimate"] <= selling["high"] and 0 <= selling["p_positive"] <= 1
    assert selling["skill"]["low"] <= selling["skill"]["estimate"] <= selling["skill"]["high"]
    assert content["skill_mean"] is not None


def test_a_real_zero_chance_of_energizing_stays_zero():
    assert planning._quadrant({"p_positive": 0.0}, None)["growth_edge"] == 0.0
    assert planning._quadrant({"p_positive": None}, None)["growth_edge"] == 0.25


def test_allocation_and_mentorship_reads_are_logged_as_the_requesters_reads(org, journal, consent):
    journal(org.owner, "top_salesperson")
    journal(org.peer, "people_coach")
    for person in (org.owner, org.peer):
        consent(person)
    planning.set_team_need(org.manager, org.engineering.pk, "customers", 10)
    planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    read = AccessLog.objects.get(owner=org.owner, item="team_planning")
    assert read.viewer == org.manager and read.purpose == "allocation" and read.share is not None
    assert read.detail["weeks"] == 12 and "selling" in read.detail["activities"]
    planning.set_mentorship_opt_in(org.owner, org.acme, as_mentee=True, learning_wishes=["coaching"])
    planning.propose_mentorship(org.admin, org.acme)
    assert AccessLog.objects.filter(owner=org.owner, viewer=org.admin, purpose="mentorship").count() == 1
    uses = planning.planning_uses_of(org.owner)
    assert [u["requested_by"] for u in uses] == ["ada", "mia"]


def test_without_consent_nothing_is_read_or_logged(org, journal):
    journal(org.owner, "top_salesperson")
    journal(org.peer, "people_coach")
    sharing.share(org.peer, "team_planning", "manager")
    planning.set_team_need(org.manager, org.engineering.pk, "customers", 10)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    assert result["left_out_without_consent"] == ["alex"]
    assert not AccessLog.objects.filter(owner=org.owner).exists()
