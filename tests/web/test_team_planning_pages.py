"""Team decisions pages: my track fit and mentorship; roles, proposals and allocation for the right people."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.sharing import services as sharing
from ownpath.team_planning import services as planning
from tests.team_planning.conftest import consent, journal, sales_roles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_my_track_fit_page_shows_both_tracks_with_intervals_and_the_trial(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    page = client_for(org.owner).get("/planning/track-fit/").content.decode()
    assert "The journal points to the expert track" in page
    assert "90% interval" in page and "A reversible trial: 6 weeks mentoring a new hire" in page
    assert "Output and sales figures are never used" in page


def test_track_fit_page_without_roles_says_what_is_missing(org, journal):
    journal(org.owner, "top_salesperson")
    page = client_for(org.owner).get("/planning/track-fit/")
    assert page.status_code == 200 and "no expert-track role profile yet" in page.content.decode()


def test_manager_reads_track_fit_only_when_shared(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    url = f"/planning/people/{org.owner.pk}/track-fit/"
    assert client_for(org.manager).get(url).status_code == 404
    sharing.share(org.owner, "track_fit", "manager")
    assert "The journal points to the expert track" in client_for(org.manager).get(url).content.decode()
    for other in (org.peer, org.other_manager, org.admin, org.outsider):
        assert client_for(other).get(url).status_code == 404


def test_opt_in_from_the_mentorship_page_and_a_bad_wish_is_named(org):
    client = client_for(org.owner)
    saved = client.post("/planning/mentorship/", {"organisation": org.acme.pk, "as_mentee": "1",
                                                  "learning_wishes": "coaching, presenting"})
    assert saved.status_code == 302
    assert planning.mentorship_of(org.owner)["opt_ins"][0]["learning_wishes"] == ["coaching", "presenting"]
    bad = client.post("/planning/mentorship/", {"organisation": org.acme.pk, "as_mentee": "1",
                                                "learning_wishes": "juggling"})
    assert bad.status_code == 400 and "wishes:" in bad.content.decode()
    assert "consent to team planning" in client.get("/planning/mentorship/").content.decode()


@pytest.mark.parametrize("field, value", [("organisation", "1e308"), ("capacity", "1e309"), ("capacity", "2.5")])
def test_mentorship_form_refuses_a_number_that_is_not_a_whole_number_by_name(org, field, value):
    form = {"organisation": org.acme.pk, "as_mentor": "1", "mentor_activities": "coaching", "capacity": "2"}
    response = client_for(org.owner).post("/planning/mentorship/", form | {field: value})
    assert response.status_code == 400 and f"{field}:" in response.content.decode()


def test_admin_adds_a_role_profile_others_only_read_and_outsiders_get_404(org):
    url = f"/planning/orgs/{org.acme.pk}/roles/"
    added = client_for(org.admin).post(url, {"name": "Sales manager", "track": "manager", "level": "2",
                                             "weekly_hours": "managing=12, coaching=6"})
    assert added.status_code == 302
    page = client_for(org.peer).get(url).content.decode()
    assert "Sales manager" in page and "Add a role profile" not in page
    assert client_for(org.peer).post(url, {"name": "X", "track": "expert", "weekly_hours": "research=10"}).status_code == 404
    assert client_for(org.outsider).get(url).status_code == 404


def test_allocation_page_for_the_manager_only(org, journal, consent):
    journal(org.owner, "top_salesperson")
    consent(org.owner)
    url = f"/planning/teams/{org.engineering.pk}/allocation/"
    manager = client_for(org.manager)
    assert manager.post(url, {"action": "need", "activity": "customers", "hours": "6"}).status_code == 302
    page = manager.post(url, {"action": "propose", "margin": "0.5"}).content.decode()
    assert "alex:" in page and "90% interval" in page
    bad = manager.post(url, {"action": "need", "activity": "customers", "hours": "lots"})
    assert bad.status_code == 400 and "hours: &#x27;lots&#x27; is not a number" in bad.content.decode()
    for other in (org.owner, org.peer, org.other_manager, org.people_lead, org.admin, org.outsider):
        assert client_for(other).get(url).status_code == 404


def test_mentorship_proposals_for_admins_only(org):
    url = f"/planning/orgs/{org.acme.pk}/mentorship/"
    assert client_for(org.admin).post(url).status_code == 200
    for other in (org.manager, org.people_lead, org.owner, org.outsider):
        assert client_for(other).get(url).status_code == 404


def test_team_page_links_to_team_decisions(org):
    page = client_for(org.manager).get("/team/").content.decode()
    assert "/planning/track-fit/" in page and f"/planning/teams/{org.engineering.pk}/allocation/" in page


def test_the_manager_records_the_trial_and_sees_it_on_the_conversation_page(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    sharing.share(org.owner, "track_fit", "manager")
    manager = client_for(org.manager)
    fit_page = manager.get(f"/planning/people/{org.owner.pk}/track-fit/").content.decode()
    assert f'action="/planning/people/{org.owner.pk}/track-fit/trial/"' in fit_page
    assert "Record the trial as an agreement" in fit_page
    recorded = manager.post(f"/planning/people/{org.owner.pk}/track-fit/trial/")
    assert recorded.status_code == 302 and recorded["Location"].startswith("/conversations/")
    page = manager.get(recorded["Location"]).content.decode()
    assert "The trial is recorded as an agreement in your conversation with alex" in page
    assert "Trial: 6 weeks mentoring a new hire" in page
    assert "Trial: 6 weeks mentoring a new hire" in client_for(org.owner).get(recorded["Location"]).content.decode()


def test_recording_the_same_trial_twice_is_refused_with_one_line_and_400(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    sharing.share(org.owner, "track_fit", "manager")
    manager = client_for(org.manager)
    url = f"/planning/people/{org.owner.pk}/track-fit/trial/"
    assert manager.post(url).status_code == 302
    again = manager.post(url)
    assert again.status_code == 400
    assert "trial: already an open agreement in your conversation with alex" in again.content.decode()


def test_only_the_manager_may_record_the_trial_everyone_else_gets_404(org, sales_roles, journal):
    from ownpath.conversations.models import Agreement

    journal(org.owner, "top_salesperson")
    sharing.share(org.owner, "track_fit", "team")  # the peer reads it too, but may not record it
    url = f"/planning/people/{org.owner.pk}/track-fit/trial/"
    peer_page = client_for(org.peer).get(f"/planning/people/{org.owner.pk}/track-fit/").content.decode()
    assert "A reversible trial" in peer_page and "Record the trial as an agreement" not in peer_page
    for other in (org.owner, org.peer, org.other_manager, org.sub_manager, org.admin, org.outsider):
        assert client_for(other).post(url).status_code == 404
    assert client_for(org.manager).get(url).status_code == 405  # a change is a POST only
    assert not Agreement.objects.exists()


def test_the_person_never_sees_a_record_button_on_their_own_track_fit(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    page = client_for(org.owner).get("/planning/track-fit/").content.decode()
    assert "A reversible trial" in page and "Record the trial as an agreement" not in page


def test_the_manager_states_a_members_week_on_the_allocation_page_sub_team_members_included(org, journal, consent,
                                                                                            django_user_model):
    from ownpath.team_planning.models import AvailableHours
    from ownpath.teams.models import Membership

    li = django_user_model.objects.create_user("li")
    Membership.objects.create(team=org.platform, person=li, role=Membership.MEMBER)
    url = f"/planning/teams/{org.engineering.pk}/allocation/"
    manager = client_for(org.manager)
    page = manager.get(url).content.decode()
    assert "li: not stated (their weekly target)" in page and "alex: not stated" in page
    assert manager.post(url, {"action": "hours", "person": str(li.pk), "member_hours": "30"}).status_code == 302
    assert AvailableHours.objects.get(team=org.engineering, person=li).hours == 30
    assert "li: 30 h a week" in manager.get(url).content.decode()
    bad = manager.post(url, {"action": "hours", "person": str(li.pk), "member_hours": "many"})
    assert bad.status_code == 400 and "hours: &#x27;many&#x27; is not a number" in bad.content.decode()
    assert client_for(org.sub_manager).post(url, {"action": "hours", "person": str(li.pk),
                                                 "member_hours": "5"}).status_code == 404
