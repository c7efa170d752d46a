"""The manager's team page leads somewhere (a report's shared profile, their shared track fit, the next
conversation or a form to plan one; open agreements with due dates and review status), and the forms
that ask for activities take their everyday labels.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ownpath.conversations import services as conversations
from ownpath.sharing import services as sharing
from tests.team_planning.conftest import journal, sales_roles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_team_page_links_each_report_to_their_page_track_fit_and_next_conversation(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    sharing.share(org.owner, "track_fit", "manager")
    page = client_for(org.manager).get("/team/manage/").content.decode()
    assert f'href="/team/people/{org.owner.pk}/"' in page and f'href="/planning/people/{org.owner.pk}/track-fit/"' in page
    assert f'href="/planning/people/{org.peer.pk}/track-fit/"' not in page  # tess shares no track fit
    assert "Plan a conversation with alex on" in page  # none planned yet: a form to open one
    opened = client_for(org.manager).post("/conversations/new/", {"person": org.owner.pk, "cadence": "4",
                                                                  "date": (dt.date.today() + dt.timedelta(days=3)).isoformat()})
    assert opened.status_code == 302
    page = client_for(org.manager).get("/team/manage/").content.decode()
    assert f'href="{opened["Location"]}"' in page and "Next conversation with alex" in page
    assert "Plan a conversation with alex on" not in page


def test_open_agreements_show_due_dates_overdue_and_review_status(org):
    held = conversations.open_conversation(org.manager, org.owner, dt.date.today() - dt.timedelta(weeks=6))
    late = conversations.agree(org.manager, held.pk, "Less admin", due_date=dt.date.today() - dt.timedelta(days=2),
                               hour_changes={"admin": -2})
    conversations.agree(org.manager, held.pk, "Pair with tess", due_date=dt.date.today() + dt.timedelta(days=9))
    page = client_for(org.manager).get("/team/manage/").content.decode()
    assert "overdue" in page and "Admin &amp; paperwork -2 h a week" in page
    assert "how their journal moved on it is alex's, not shared" in page
    assert "No hours named: nothing to review against the journal." in page
    conversations.share_agreement_review(org.owner, late.pk, True)
    assert "alex shares how their journal moved on it" in client_for(org.manager).get("/team/manage/").content.decode()


def test_mentorship_takes_activity_labels_and_shows_them_back(org):
    response = client_for(org.owner).post("/planning/mentorship/", {
        "organisation": org.acme.pk, "as_mentor": "1", "mentor_activities": "Selling & persuading, presenting",
        "capacity": "1", "learning_wishes": "Negotiating & resolving conflicts"})
    assert response.status_code == 302
    from ownpath.team_planning.models import MentorshipOptIn

    opt = MentorshipOptIn.objects.get(person=org.owner)
    assert opt.mentor_activities == ["selling", "presenting"] and opt.learning_wishes == ["negotiating"]
    page = client_for(org.owner).get("/planning/mentorship/").content.decode()
    assert 'value="Selling &amp; persuading, Presenting &amp; explaining"' in page
    assert '<datalist id="activity-labels">' in page and 'data-activity-picker="list"' in page


def test_role_profile_hours_take_activity_labels(org):
    response = client_for(org.admin).post(f"/planning/orgs/{org.acme.pk}/roles/", {
        "name": "Team lead", "track": "manager", "level": "2", "weekly_hours": "Managing people=12, coaching=6"})
    assert response.status_code == 302
    from ownpath.team_planning.models import RoleProfile

    assert RoleProfile.objects.get(name="Team lead").weekly_hours == {"managing": 12.0, "coaching": 6.0}


def test_a_small_team_is_told_plainly_how_many_share_and_how_many_are_needed(org):
    from ownpath.sharing.aggregates import AGGREGATE_ITEMS

    for person in (org.owner, org.peer):
        for item in AGGREGATE_ITEMS:
            sharing.share(person, item, "aggregate")
    page = client_for(org.manager).get("/team/manage/").content.decode()
    assert "figures appear once at least 5 people in this team share anonymous figures; 2 do now" in page
    assert page.count("Not shown yet") == 0  # said once for the team, not once per figure
