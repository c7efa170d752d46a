"""The Sharing page, the organisation pages, joining and the manager's team page, as a person uses them."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.sharing import services as sharing
from ownpath.sharing.models import AccessLog, Share
from ownpath.teams import services as teams

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_sharing_page_shares_previews_and_revokes(org):
    owner = client_for(org.owner)
    page = owner.get("/sharing/")
    assert page.status_code == 200 and "Who looked" in page.content.decode()
    owner.post("/sharing/words/", {"want_from_role": "fewer meetings", "five_year_wish": "staff engineer"})
    response = owner.post("/sharing/share/", {"item": "want_from_role", "audience": "manager", "mode": "live"})
    assert response.status_code == 302
    preview = owner.get("/sharing/preview/want_from_role/", HTTP_HX_REQUEST="true")
    assert "fewer meetings" in preview.content.decode()
    assert "fewer meetings" in client_for(org.manager).get(f"/team/people/{org.owner.pk}/").content.decode()
    log_page = owner.get("/sharing/").content.decode()
    assert "mia" in log_page and AccessLog.objects.count() == 1
    share = Share.objects.get()
    owner.post(f"/sharing/{share.pk}/revoke/")
    assert client_for(org.manager).get(f"/team/people/{org.owner.pk}/").status_code == 404


def test_a_bad_share_says_what_is_wrong_and_saves_nothing(org):
    response = client_for(org.owner).post("/sharing/share/", {"item": "pay_baseline", "audience": "aggregate"})
    assert response.status_code == 400
    assert "can be shared with manager, team, person only" in response.content.decode()
    assert not Share.objects.exists()


def test_nobody_revokes_someone_elses_share(org):
    made = sharing.share(org.owner, "want_from_role", "manager")
    assert client_for(org.manager).post(f"/sharing/{made.pk}/revoke/").status_code == 404
    made.refresh_from_db()
    assert made.revoked_at is None


def test_joining_through_the_invitation_page_shares_nothing(org, django_user_model):
    newcomer = django_user_model.objects.create_user("nora")
    invitation = teams.invite(org.admin, org.acme, team=org.sales)
    page = client_for(newcomer).get(f"/join/{invitation.token}/")
    assert "Joining shares nothing" in page.content.decode()
    assert client_for(newcomer).post(f"/join/{invitation.token}/").status_code == 302
    assert teams.is_manager_of(org.other_manager, newcomer)
    assert not Share.objects.filter(owner=newcomer).exists()
    assert client_for(newcomer).get(f"/join/{invitation.token}/").status_code == 404


def test_admin_page_builds_teams_invites_and_assigns_roles_but_shows_no_journal(org, episode_factory):
    episode_factory(note="private note about my manager")
    admin = client_for(org.admin)
    base = f"/orgs/{org.acme.pk}"
    assert admin.post(f"{base}/teams/new/", {"name": "Backend", "parent": org.platform.pk}).status_code == 302
    link = admin.post(f"{base}/invitations/new/", {"role": "member", "team": org.sales.pk}).content.decode()
    assert "/join/" in link
    admin.post(f"{base}/members/", {"person": org.peer.pk, "change": "manager", "team": org.sales.pk})
    assert teams.is_manager_of(org.peer, org.other_manager) is False
    assert teams.managed_teams(org.peer).filter(pk=org.sales.pk).exists()
    page = admin.get(f"{base}/admin/").content.decode()
    assert "Backend" in page and "private note" not in page
    for not_admin in (org.manager, org.people_lead, org.outsider, org.owner):
        assert client_for(not_admin).get(f"{base}/admin/").status_code == 404


def test_manager_page_shows_only_what_each_report_shared(org):
    sharing.set_career_wish(org.owner, want_from_role="research time", five_year_wish="principal")
    sharing.set_career_wish(org.peer, want_from_role="peer secret words")
    sharing.share(org.owner, "want_from_role", "manager")
    page = client_for(org.manager).get("/team/manage/").content.decode()
    assert "research time" in page
    assert "peer secret words" not in page and "tess shares nothing with you" in page
    # Plainly what would change it: how many people must share anonymous figures, and how many do.
    assert "figures appear once at least 5 people in this team share anonymous figures; 0 do now" in page


def test_leaving_from_the_team_page_ends_shares(org):
    sharing.share(org.owner, "want_from_role", "team")
    client_for(org.owner).post(f"/orgs/{org.acme.pk}/leave/")
    assert not teams.belongs_to(org.owner, org.acme)
    assert client_for(org.peer).get(f"/team/people/{org.owner.pk}/").status_code == 404


def test_people_lead_page_is_for_people_leads_only(org):
    assert client_for(org.people_lead).get(f"/orgs/{org.acme.pk}/people/").status_code == 200
    for other in (org.admin, org.manager, org.owner, org.outsider):
        assert client_for(other).get(f"/orgs/{org.acme.pk}/people/").status_code == 404


def test_an_admin_takes_someone_out_of_the_organisation_from_the_admin_page(org):
    response = client_for(org.admin).post(f"/orgs/{org.acme.pk}/members/",
                                          {"person": org.peer.pk, "change": "leave_organisation"})
    assert response.status_code == 302
    assert not teams.belongs_to(org.peer, org.acme)


def test_people_lead_page_opens_the_team_tree_one_level_at_a_time(org):
    lead = client_for(org.people_lead)
    top = lead.get(f"/orgs/{org.acme.pk}/people/").content.decode()
    assert "Engineering" in top and "Sales" in top and ">Platform<" not in top
    inside = lead.get(f"/orgs/{org.acme.pk}/people/?team={org.engineering.pk}").content.decode()
    assert "Inside Engineering" in inside and "Platform" in inside and ">Sales<" not in inside


def test_the_team_page_reads_its_reports_in_a_fixed_number_of_queries(org, django_user_model, episode_factory):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ownpath.conversations import services as conversations
    from ownpath.teams.models import Membership

    def add_report(name: str):
        person = django_user_model.objects.create_user(name)
        Membership.objects.create(team=org.engineering, person=person)
        episode_factory(owner=person)
        for item in ("top_energizers", "want_from_role", "growth_share"):
            sharing.share(person, item, "manager")
        conversation = conversations.open_conversation(org.manager, person, dt.date(2026, 12, 1))
        conversations.agree(org.manager, conversation.pk, text=f"trial for {name}", owner=person)

    manager = client_for(org.manager)

    def queries_for_page() -> int:
        manager.get("/team/manage/")  # the first view fits and caches the new reports' insights
        with CaptureQueriesContext(connection) as captured:
            page = manager.get("/team/manage/")
        assert page.status_code == 200
        return len(captured)

    add_report("r1")
    with_one = queries_for_page()
    for i in range(2, 7):
        add_report(f"r{i}")
    page = manager.get("/team/manage/").content.decode()
    assert all(f"trial for r{i}" in page for i in range(1, 7))
    assert queries_for_page() == with_one


def test_sharing_with_my_manager_when_nobody_manages_me_says_so_instead_of_shared(org, django_user_model):
    from ownpath.teams.models import Membership

    lab = teams.create_team(org.admin, org.acme, "Lab")
    lea = django_user_model.objects.create_user("lea", password="long enough passphrase 1")
    Membership.objects.create(team=lab, person=lea, role=Membership.MEMBER)
    page = client_for(lea).post("/sharing/share/", {"item": "want_from_role", "audience": "manager", "mode": "live"},
                                follow=True).content.decode()
    assert "nobody manages you right now" in page and "Shared “" not in page
    page = client_for(org.owner).post("/sharing/share/", {"item": "want_from_role", "audience": "manager",
                                                          "mode": "live"}, follow=True).content.decode()
    assert "Shared “" in page and "nobody manages you" not in page
