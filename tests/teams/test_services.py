"""Organisations, teams, invitations and the relation queries every area relies on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.teams import services as teams
from ownpath.teams.models import Invitation, Membership, OrganisationRole

pytestmark = pytest.mark.django_db


def test_creating_an_organisation_makes_its_creator_admin(user):
    acme = teams.create_organisation(user, "Acme")
    assert teams.is_admin(user, acme)
    assert list(teams.organisations_of(user)) == [acme]


def test_only_an_admin_creates_teams_and_a_sub_team_stays_in_its_organisation(org, django_user_model):
    with pytest.raises(NotFound):
        teams.create_team(org.manager, org.acme, "Shadow team")
    other = teams.create_organisation(org.outsider, "Other")
    with pytest.raises(NotFound):
        teams.create_team(org.outsider, other, "Sub", parent=org.engineering)
    with pytest.raises(UserInputError, match="already has a team named 'Sales'"):
        teams.create_team(org.admin, org.acme, "Sales")


def test_reports_are_the_members_of_directly_managed_teams_only(org):
    assert list(teams.reports_of(org.manager)) == [org.owner, org.peer]
    assert teams.is_manager_of(org.manager, org.owner)
    # Managing the sub-team, or another team, gives no report here; nor does a people lead or admin role.
    for not_manager in (org.sub_manager, org.other_manager, org.people_lead, org.admin, org.peer, org.outsider):
        assert not teams.is_manager_of(not_manager, org.owner)
    assert list(teams.managers_of(org.owner)) == [org.manager]


def test_teammates_are_everyone_else_in_the_same_teams(org):
    assert set(teams.teammates_of(org.owner)) == {org.peer, org.manager}
    assert teams.is_teammate_of(org.peer, org.owner)
    assert not teams.is_teammate_of(org.sub_manager, org.owner)


def test_people_lead_and_admin_are_organisation_relations(org):
    assert list(teams.people_lead_orgs(org.people_lead)) == [org.acme]
    assert not teams.people_lead_orgs(org.manager).exists()
    assert teams.is_admin(org.admin, org.acme) and not teams.is_admin(org.people_lead, org.acme)


def test_subtree_holds_the_team_and_its_sub_teams(org):
    assert set(teams.subtree_team_ids(org.engineering)) == {org.engineering.pk, org.platform.pk}
    assert teams.subtree_team_ids(org.sales) == [org.sales.pk]


def test_an_invitation_link_is_used_once_and_joining_shares_nothing(org, django_user_model):
    from ownpath.sharing.models import Share

    newcomer = django_user_model.objects.create_user("nora")
    invitation = teams.invite(org.admin, org.acme, team=org.platform)
    assert len(invitation.token) >= 40
    teams.accept_invitation(newcomer, invitation.token)
    assert teams.is_manager_of(org.sub_manager, newcomer)
    assert not Share.objects.filter(owner=newcomer).exists()
    with pytest.raises(NotFound, match="already used"):
        teams.accept_invitation(org.outsider, invitation.token)


def test_an_expired_or_revoked_invitation_cannot_be_accepted(org):
    expired = teams.invite(org.admin, org.acme, team=org.sales)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    revoked = teams.invite(org.admin, org.acme, team=org.sales)
    teams.revoke_invitation(org.admin, revoked.pk)
    for invitation in (expired, revoked):
        with pytest.raises(NotFound):
            teams.accept_invitation(org.outsider, invitation.token)
    assert not teams.belongs_to(org.outsider, org.acme)


def test_only_admins_invite_and_a_team_role_needs_a_team(org):
    with pytest.raises(NotFound):
        teams.invite(org.manager, org.acme, team=org.engineering)
    with pytest.raises(UserInputError, match="team: a member is invited into a team"):
        teams.invite(org.admin, org.acme)
    with pytest.raises(UserInputError, match="email: 'not-an-address'"):
        teams.invite(org.admin, org.acme, team=org.sales, email="not-an-address")
    lead = teams.invite(org.admin, org.acme, role="people_lead")
    teams.accept_invitation(org.outsider, lead.token)
    assert teams.people_lead_orgs(org.outsider).get() == org.acme


def test_leaving_ends_relations_and_every_share(org):
    from ownpath.sharing import services as sharing

    sharing.share(org.owner, "want_from_role", "manager")
    teams.leave_organisation(org.owner, org.acme)
    assert not teams.is_manager_of(org.manager, org.owner)
    assert not teams.belongs_to(org.owner, org.acme)
    assert not sharing.shares_of(org.owner).exists()
    with pytest.raises(NotFound):
        sharing.read_shared(org.manager, org.owner, "want_from_role")


def test_the_last_admin_cannot_leave_while_others_remain(org):
    with pytest.raises(UserInputError, match="last admin"):
        teams.leave_organisation(org.admin, org.acme)
    teams.set_organisation_role(org.admin, org.acme, org.people_lead, OrganisationRole.ADMIN)
    teams.leave_organisation(org.admin, org.acme)
    assert not teams.belongs_to(org.admin, org.acme)


def test_an_admin_puts_only_people_of_the_organisation_into_teams(org):
    with pytest.raises(NotFound, match="invite them first"):
        teams.set_membership(org.admin, org.sales, org.outsider)
    teams.set_membership(org.admin, org.sales, org.peer, Membership.MEMBER)
    assert teams.is_manager_of(org.other_manager, org.peer)
    with pytest.raises(NotFound):
        teams.set_membership(org.manager, org.sales, org.owner)


def test_an_admin_removing_someone_ends_their_relations_and_shares(org):
    from ownpath.sharing import services as sharing

    sharing.share(org.owner, "want_from_role", "manager")
    with pytest.raises(NotFound):
        teams.remove_from_organisation(org.manager, org.acme, org.owner)
    teams.remove_from_organisation(org.admin, org.acme, org.owner)
    assert not teams.belongs_to(org.owner, org.acme)
    assert not sharing.shares_of(org.owner).exists()


def _nested(org, django_user_model):
    """Engineering (mia) > Docs (no manager: dora) and Platform (pat) > Backend (no manager: ben); Lab: no manager."""
    docs = teams.create_team(org.admin, org.acme, "Docs", parent=org.engineering)
    backend = teams.create_team(org.admin, org.acme, "Backend", parent=org.platform)
    lab = teams.create_team(org.admin, org.acme, "Lab")
    dora, ben, lea = (django_user_model.objects.create_user(n) for n in ("dora", "ben", "lea"))
    for team, person in ((docs, dora), (backend, ben), (lab, lea)):
        Membership.objects.create(team=team, person=person, role=Membership.MEMBER)
    return dora, ben, lea


def test_a_parent_teams_manager_manages_the_sub_teams_without_a_manager_of_their_own(org, django_user_model):
    dora, ben, lea = _nested(org, django_user_model)
    assert list(teams.managers_of(dora)) == [org.manager]  # Docs has no manager: Engineering's manages her
    assert teams.is_manager_of(org.manager, dora)
    assert list(teams.reports_in_team(org.manager, org.engineering)) == [org.owner, dora, org.peer]
    assert teams.relations_among(org.manager, [dora.pk, ben.pk], wanted=["reports"])["reports"] == {dora.pk}
    # Backend's nearest managed team is Platform: pat manages ben, and mia does not (no skip-level reading).
    assert list(teams.managers_of(ben)) == [org.sub_manager]
    assert not teams.is_manager_of(org.manager, ben)
    assert ben not in teams.reports_of(org.manager) and ben in teams.reports_of(org.sub_manager)
    assert not teams.managers_of(lea).exists()


def test_sharing_with_my_manager_when_nobody_manages_me_says_so(org, django_user_model):
    from ownpath.sharing import services as sharing

    dora, _ben, lea = _nested(org, django_user_model)
    assert sharing.nobody_reached(sharing.share(lea, "want_from_role", "manager")).startswith("nobody manages you")
    made = sharing.share(dora, "want_from_role", "manager")
    assert sharing.nobody_reached(made) is None
    assert sharing.read_shared(org.manager, dora, "want_from_role")["item"] == "want_from_role"
