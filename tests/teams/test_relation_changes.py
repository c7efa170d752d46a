"""A change of who manages a person (or works beside them) is shown to them when it happens, and "my
manager" shares reach a new manager only once the person has seen the change and kept sharing."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing import services as sharing
from ownpath.teams import services as teams
from ownpath.teams.models import OrganisationRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_with_manager(org):
    sharing.set_career_wish(org.owner, want_from_role="Lead the research group one day")
    sharing.share(org.owner, "want_from_role", "manager")
    sharing.share(org.owner, "raw_entries", "manager")
    return org


def _made_manager(org):
    OrganisationRole.objects.get_or_create(organisation=org.acme, person=org.admin, role=OrganisationRole.ADMIN)
    teams.set_membership(org.admin, org.engineering, org.admin, "manager")
    [change] = [c for c in sharing.relation_changes_of(org.owner) if c["kind"] == "manager"]
    return change


def test_an_admin_who_makes_themself_manager_reads_nothing_until_the_person_answers(shared_with_manager):
    org = shared_with_manager
    change = _made_manager(org)
    assert change["other"] == "ada" and change["asks_keep_sharing"] and change["keep_sharing"] is None
    assert "ada became your manager (Engineering); changed by ada" == change["words"]
    for item in ("want_from_role", "raw_entries"):
        with pytest.raises(NotFound):
            sharing.read_shared(org.admin, org.owner, item)
    assert sharing.shared_profile(org.admin, org.owner) == []
    assert org.owner not in sharing.people_sharing_with(org.admin)
    assert sharing.read_shared(org.manager, org.owner, "want_from_role")  # the manager they had still reads
    sharing.answer_relation_change(org.owner, change["id"], keep_sharing=True)
    assert sharing.read_shared(org.admin, org.owner, "want_from_role")["content"]["text"].startswith("Lead")
    assert org.owner in sharing.people_sharing_with(org.admin)


def test_declining_keeps_my_manager_shares_away_from_the_new_manager(shared_with_manager):
    org = shared_with_manager
    change = _made_manager(org)
    answered = sharing.answer_relation_change(org.owner, change["id"], keep_sharing=False)
    assert answered["keep_sharing"] is False and answered["seen_at"]
    with pytest.raises(NotFound):
        sharing.read_shared(org.admin, org.owner, "want_from_role")
    with pytest.raises(UserInputError, match="keep_sharing"):
        sharing.answer_relation_change(org.owner, change["id"])


def test_only_the_person_answers_their_change(shared_with_manager):
    org = shared_with_manager
    change = _made_manager(org)
    for other in (org.admin, org.manager, org.peer):
        with pytest.raises(NotFound):
            sharing.answer_relation_change(other, change["id"], keep_sharing=True)


def test_teammates_see_who_joined_and_who_left(org, django_user_model):
    newcomer = django_user_model.objects.create_user("nia")
    OrganisationRole.objects.create(organisation=org.acme, person=newcomer, role=OrganisationRole.PEOPLE_LEAD)
    teams.set_membership(org.admin, org.engineering, newcomer, "member")
    assert "nia joined you in Engineering; changed by ada" in [c["words"] for c in sharing.relation_changes_of(org.peer)]
    mine = sharing.relation_changes_of(newcomer)
    assert {c["words"] for c in mine if c["kind"] == "manager"} == {"mia became your manager (Engineering); changed by ada"}
    teams.remove_membership(org.admin, org.engineering, newcomer)
    assert "nia no longer works beside you in Engineering; changed by ada" in \
        [c["words"] for c in sharing.relation_changes_of(org.peer)]


def test_joining_a_team_by_invitation_asks_before_my_manager_shares_reach_its_manager(org, django_user_model):
    joiner = django_user_model.objects.create_user("joe")
    sharing.share(joiner, "want_from_role", "manager")
    invitation = teams.invite(org.admin, org.acme, team=org.sales)
    teams.accept_invitation(joiner, invitation.token)
    with pytest.raises(NotFound):
        sharing.read_shared(org.other_manager, joiner, "want_from_role")
    [change] = sharing.relation_changes_of(joiner, unseen_only=True)
    assert change["other"] == "sam" and change["asks_keep_sharing"]


def test_the_sharing_page_and_api_show_the_change_and_take_the_answer(shared_with_manager):
    org = shared_with_manager
    change = _made_manager(org)
    client = Client()
    client.force_login(org.owner)
    page = client.get("/sharing/").content.decode()
    assert "ada became your manager (Engineering)" in page and "Keep sharing with ada" in page
    response = client.post(f"/sharing/changes/{change['id']}/", {"keep_sharing": "yes"})
    assert response.status_code == 302
    assert sharing.read_shared(org.admin, org.owner, "want_from_role")
    from ownpath.accounts.services import create_token

    _, key = create_token(org.owner, "test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = api.get("/api/sharing/changes").json()
    assert listed[0]["other"] == "ada" and listed[0]["keep_sharing"] is True
    stopped = api.post(f"/api/sharing/changes/{change['id']}", {"keep_sharing": False}, content_type="application/json")
    assert stopped.status_code == 200 and stopped.json()["keep_sharing"] is False
    with pytest.raises(NotFound):
        sharing.read_shared(org.admin, org.owner, "want_from_role")


def test_the_team_page_tells_the_person_until_they_have_seen_it(shared_with_manager):
    org = shared_with_manager
    change = _made_manager(org)
    client = Client()
    client.force_login(org.owner)
    assert "ada became your manager (Engineering)" in client.get("/team/").content.decode()
    sharing.answer_relation_change(org.owner, change["id"], keep_sharing=True)
    for other in sharing.relation_changes_of(org.owner, unseen_only=True):
        sharing.answer_relation_change(org.owner, other["id"])
    assert "has changed" not in client.get("/team/").content.decode()
