"""The demo workplace: a conversation seen as the person and, through the local switch, as their manager."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.conversations.models import Conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(local_user, settings):
    from ownpath.demo.services import fill_demo_journal
    from ownpath.demo.workplace import fill_demo_workplace

    settings.OWNPATH_LOCAL_MODE = True
    fill_demo_journal(local_user, "research_analyst", weeks=12)
    return fill_demo_workplace(local_user)


def _local() -> Client:
    return Client(REMOTE_ADDR="127.0.0.1")


def test_the_demo_has_teams_a_manager_and_two_conversations(demo, local_user):
    from ownpath.teams.services import is_manager_of, managers_of

    assert [m.username for m in managers_of(local_user)] == ["maya"]
    earlier, coming = (Conversation.objects.get(pk=pk) for pk in demo["conversations"])
    assert earlier.status == "held" and coming.status == "planned"
    assert coming.agenda.filter(answer__shared_with_manager=False).count() == 2
    assert is_manager_of(earlier.manager, local_user)


def test_switching_to_the_manager_hides_the_private_answers_and_back(demo):
    client = _local()
    coming = demo["conversations"][1]
    as_person = client.get(f"/conversations/{coming}/").content.decode()
    assert "Principal researcher, not head of the group" in as_person and "Demo:" in as_person
    maya = Conversation.objects.get(pk=coming).manager
    assert client.post("/demo/act-as/", {"person": maya.pk, "next": f"/conversations/{coming}/"}).status_code == 302
    as_manager = client.get(f"/conversations/{coming}/").content.decode()
    assert "You are local's manager" in as_manager
    assert "Principal researcher" not in as_manager and "Long stretches of research" in as_manager
    assert "weeks before" in as_manager and "Research &amp; investigating" in as_manager  # the shared review
    local_pk = Conversation.objects.get(pk=coming).person_id
    client.post("/demo/act-as/", {"person": local_pk})
    assert "Principal researcher" in client.get(f"/conversations/{coming}/").content.decode()


def test_the_switch_refuses_real_accounts_and_works_only_in_local_mode(demo, django_user_model, settings):
    from ownpath.teams.models import Membership, Team

    real = django_user_model.objects.create_user("rita", password="a real long passphrase")
    Membership.objects.create(team=Team.objects.get(name="Research"), person=real, role="manager")
    client = _local()
    assert client.post("/demo/act-as/", {"person": real.pk}).status_code == 404
    settings.OWNPATH_LOCAL_MODE = False
    maya = django_user_model.objects.get(username="maya")
    response = Client(REMOTE_ADDR="127.0.0.1").post("/demo/act-as/", {"person": maya.pk})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_remote_address_never_acts_as_a_demo_person(demo, django_user_model):
    maya = django_user_model.objects.get(username="maya")
    client = Client(REMOTE_ADDR="192.0.2.10")
    response = client.post("/demo/act-as/", {"person": maya.pk})
    assert response.status_code == 302 and response["Location"].startswith("/login/")  # nobody acts as anyone
    client.force_login(django_user_model.objects.create_user("remote", password="a long remote passphrase"))
    assert client.post("/demo/act-as/", {"person": maya.pk}).status_code == 404


def test_as_the_manager_the_demo_shows_team_and_organisation_figures(demo, django_user_model):
    from ownpath.teams.models import Organisation

    client = _local()
    maya = django_user_model.objects.get(username="maya")
    client.post("/demo/act-as/", {"person": maya.pk})
    team_page = client.get("/team/manage/").content.decode()
    assert "than the weekly target each set for themselves" in team_page  # Research: 5 colleagues share
    assert "Time for deep work on the hard questions" in team_page  # what the demo person shares with maya
    organisation = Organisation.objects.get(name=demo["organisation"])
    lead_page = client.get(f"/orgs/{organisation.pk}/people/").content.decode()
    assert "of 12 people logged more than their target" in lead_page  # every colleague but the demo person
    sales_row = lead_page[lead_page.index('<th scope="row">Sales'):].split("</tr>")[0]
    assert "too few people" in sales_row


def test_the_web_demo_shows_the_top_salesperson_the_expert_track_and_the_coach_the_manager_track(demo,
                                                                                                  django_user_model):
    from ownpath.team_planning import services as planning

    omar, maya = (django_user_model.objects.get(username=n) for n in ("omar", "maya"))
    dana, ines = (django_user_model.objects.get(username=n) for n in ("dana", "ines"))
    assert planning.track_fit_of(omar, dana)["content"]["recommended"] == "expert"
    assert planning.track_fit_of(maya, ines)["content"]["recommended"] == "manager"
    client = _local()
    client.post("/demo/act-as/", {"person": omar.pk})
    page = client.get("/team/manage/").content.decode()
    assert "The journal points to the expert track" in page and "{&#x27;" not in page and "{'" not in page
    assert f'href="/planning/people/{dana.pk}/track-fit/"' in page
    assert "The journal points to the expert track" in client.get(f"/planning/people/{dana.pk}/track-fit/").content.decode()


def test_building_the_demo_twice_gives_one_workplace(demo, local_user):
    from ownpath.conversations.models import Agreement, Note
    from ownpath.demo.workplace import fill_demo_workplace
    from ownpath.teams.models import Organisation

    fill_demo_workplace(local_user)
    again = fill_demo_workplace(local_user)
    assert Organisation.objects.count() == 1
    assert Conversation.objects.filter(person=local_user).count() == 2
    assert Agreement.objects.count() == 3 and Note.objects.count() == 2
    assert sorted(Conversation.objects.values_list("pk", flat=True)) == sorted(again["conversations"])
    client = _local()
    maya = Conversation.objects.get(pk=again["conversations"][1]).manager
    client.post("/demo/act-as/", {"person": maya.pk})
    team_page = client.get("/team/manage/").content.decode()
    assert team_page.count("Six-week trial leading the onboarding of one new hire") == 1


def test_the_demo_banner_says_whose_view_every_page_shows(demo, django_user_model):
    client = _local()
    journal = client.get("/journal/").content.decode()
    assert "you are looking as <strong>local</strong> (the person)" in journal
    maya = django_user_model.objects.get(username="maya")
    client.post("/demo/act-as/", {"person": maya.pk, "next": "/insights/"})
    for path in ("/journal/", "/insights/", "/team/", "/account/"):
        body = client.get(path).content.decode()
        assert "you are looking as <strong>maya</strong> (their manager)" in body, path
        assert "looking as maya (demo)" in body
