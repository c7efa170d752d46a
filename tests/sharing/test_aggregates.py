"""Team and organisation figures: only from aggregate shares, only from 5 people, no differencing in space or time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ownpath.analytics.k_anonymity import CHANGED_BY_FEW, DIFFERENCING, TOO_FEW
from ownpath.journal.services import log_episode
from ownpath.sharing import aggregates
from ownpath.sharing import services as sharing
from ownpath.sharing.models import AggregateRelease
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


def _hours_figure(org):
    return aggregates.team_figures(org.manager, org.engineering)["hours_vs_target"]


def _newcomers(org, django_user_model, count: int, start: int = 0) -> list:
    people = []
    for i in range(start, start + count):
        person = django_user_model.objects.create_user(f"new{i}")
        Membership.objects.create(team=org.engineering, person=person)
        _journal(person, 8.0)
        sharing.share(person, "hours_vs_target", "aggregate")
        people.append(person)
    return people


def test_one_person_stopping_withholds_the_figure_so_before_and_after_cannot_be_compared(org, crowd):
    assert _hours_figure(org)["figure"]["n"] == 6
    sharing.revoke(crowd[0], sharing.shares_of(crowd[0]).get().pk)
    # Showing the figure over the 5 others would reveal crowd[0]'s hours (6 × before − 5 × after).
    assert _hours_figure(org) == {"figure": None, "withheld": CHANGED_BY_FEW}


def test_a_newcomer_waits_while_the_figure_stays_over_the_people_it_had(org, crowd, django_user_model):
    before = _hours_figure(org)["figure"]
    _newcomers(org, django_user_model, 4)
    after = _hours_figure(org)["figure"]
    assert (after["n"], after["mean"]) == (before["n"], before["mean"]) == (6, before["mean"])
    _newcomers(org, django_user_model, 1, start=4)  # five newcomers in all: they count together
    assert _hours_figure(org)["figure"]["n"] == 11


def test_a_withheld_figure_returns_once_five_changes_gather(org, crowd, django_user_model):
    assert _hours_figure(org)["figure"]["n"] == 6
    sharing.revoke(crowd[0], sharing.shares_of(crowd[0]).get().pk)
    _newcomers(org, django_user_model, 3)
    assert _hours_figure(org)["withheld"] == CHANGED_BY_FEW  # 1 left + 3 joined: 4 changes
    _newcomers(org, django_user_model, 1, start=3)
    assert _hours_figure(org)["figure"]["n"] == 9  # 5 changes since it was last shown


def test_a_figure_that_falls_below_five_is_withheld_as_too_few(org, crowd):
    for person in crowd:
        sharing.revoke(person, sharing.shares_of(person).get().pk)
    assert _hours_figure(org) == {"figure": None, "withheld": TOO_FEW}


def test_in_a_large_organisation_a_revoke_withholds_at_once_and_the_worker_recomputes(org, crowd, settings,
                                                                                        run_jobs):
    from django_tasks_db.models import DBTaskResult

    settings.OWNPATH_FIGURES_INLINE_UP_TO = 3  # Acme counts as large: figures come from the worker
    assert _hours_figure(org)["figure"]["n"] == 6  # the first release is made at once
    sharing.revoke(crowd[0], sharing.shares_of(crowd[0]).get().pk)
    assert _hours_figure(org) == {"figure": None, "withheld": aggregates.UPDATING}
    assert aggregates.organisation_figures(org.people_lead, org.acme)["organisation"]["hours_vs_target"][
        "withheld"] == aggregates.UPDATING
    assert DBTaskResult.objects.filter(task_path="ownpath.sharing.aggregates.publish_organisation_figures").count() == 1
    assert run_jobs() == 1
    assert _hours_figure(org) == {"figure": None, "withheld": CHANGED_BY_FEW}


def test_figures_say_when_they_were_computed(org, crowd):
    import datetime as dt

    as_of = dt.datetime.fromisoformat(_hours_figure(org)["figure"]["as_of"])
    assert abs((as_of - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 60


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
    assert "of 6 people logged more than their target" in page
    assert "Not shown yet: it appears once at least 5 people in this team share anonymous figures" in page  # the rest


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


def test_the_people_lead_page_shows_a_row_per_team_and_explains_each_short_reason(org, crowd):
    lead = Client()
    lead.force_login(org.people_lead)
    page = lead.get(f"/orgs/{org.acme.pk}/people/").content.decode()
    engineering_row = page[page.index('<th scope="row">Engineering'):].split("</tr>")[0]
    assert "n=6" in engineering_row  # hours over target, with its interval and n
    sales_row = page[page.index('<th scope="row">Sales'):].split("</tr>")[0]
    assert "too few people" in sales_row
    assert "<dt>Too few people</dt><dd>Too few people to show without identifying anyone.</dd>" in page


def test_figures_still_show_when_the_database_cannot_be_written(org, crowd, monkeypatch):
    from django.db import DatabaseError

    def cannot_write(organisation, **kwargs):
        raise DatabaseError("attempt to write a readonly database")

    shown = _hours_figure(org)["figure"]
    AggregateRelease.objects.all().delete()  # only the private releases remain
    monkeypatch.setattr(aggregates, "publish_figures", cannot_write)
    again = _hours_figure(org)["figure"]
    assert {k: v for k, v in again.items() if k != "as_of"} == {k: v for k, v in shown.items() if k != "as_of"}


def test_a_figure_never_released_is_not_shown_when_its_cost_cannot_be_recorded(org, crowd, monkeypatch):
    from django.db import DatabaseError

    def cannot_write(organisation, **kwargs):
        raise DatabaseError("attempt to write a readonly database")

    monkeypatch.setattr(aggregates, "publish_figures", cannot_write)
    assert _hours_figure(org) == {"figure": None, "withheld": aggregates.NOT_RECORDED}
