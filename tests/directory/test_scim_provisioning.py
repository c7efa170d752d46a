"""SCIM 2.0 provisioning: the directory creates people and teams, deactivation ends belonging, nothing is shared."""

from __future__ import annotations

import pytest

from tests.directory.conftest import scim_user

pytestmark = pytest.mark.django_db


def _group(name: str, *member_ids: str) -> dict:
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name,
            "members": [{"value": pk} for pk in member_ids]}


def test_a_user_created_by_the_directory_becomes_part_of_the_organisation(scim, organisation, django_user_model):
    from ownpath.teams import services as teams

    status, body = scim("POST", "/Users", scim_user("ada", "ada@acme.example", "Ada", "Lovelace"))
    assert status == 201 and body["userName"] == "ada" and body["id"]
    person = django_user_model.objects.get(email="ada@acme.example")
    assert teams.belongs_to(person, organisation)
    assert not person.has_usable_password()
    assert "password" not in body


def test_a_group_becomes_a_team_and_its_members_the_teams_members(scim, organisation):
    from ownpath.teams.models import Membership, Team

    _, ada = scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    _, bo = scim("POST", "/Users", scim_user("bo", "bo@acme.example"))
    status, group = scim("POST", "/Groups", _group("Sales", ada["id"], bo["id"]))
    assert status == 201
    team = Team.objects.get(organisation=organisation, name="Sales")
    assert set(Membership.objects.filter(team=team).values_list("person__username", flat=True)) == {"ada", "bo"}

    status, _ = scim("PATCH", f"/Groups/{group['id']}", {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "remove", "path": f'members[value eq "{bo["id"]}"]'}]})
    assert status in (200, 204)
    assert list(Membership.objects.filter(team=team).values_list("person__username", flat=True)) == ["ada"]


def test_deactivating_a_user_ends_belonging_and_every_share_but_keeps_the_journal(
        scim, organisation, episode_factory, django_user_model):
    from ownpath.directory.models import AuditEvent
    from ownpath.journal.models import Episode
    from ownpath.sharing import services as sharing
    from ownpath.sharing.models import Share
    from ownpath.teams import services as teams

    _, ada = scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    scim("POST", "/Groups", _group("Sales", ada["id"]))
    person = django_user_model.objects.get(username="ada")
    episode_factory(owner=person)
    sharing.share(person, "top_energizers", "team")
    assert Share.objects.filter(owner=person, revoked_at__isnull=True).exists()

    status, _ = scim("PATCH", f"/Users/{ada['id']}", {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}]})
    assert status in (200, 204)
    assert not teams.belongs_to(person, organisation)
    assert not Share.objects.filter(owner=person, revoked_at__isnull=True).exists()
    assert Episode.objects.filter(user=person).count() == 1
    told = AuditEvent.objects.filter(subject=person, action="person_left").get()
    assert "journal stays theirs" in told.description


def test_provisioning_shares_nothing(scim, organisation, django_user_model):
    from ownpath.sharing.models import Share

    _, ada = scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    scim("POST", "/Groups", _group("Sales", ada["id"]))
    assert not Share.objects.exists()


def test_a_request_without_a_valid_token_is_refused(scim):
    status, body = scim("GET", "/Users", key=None)
    assert status == 401
    status, _ = scim("GET", "/Users", key="opscim_not-a-real-token")
    assert status == 401
    # The service provider configuration is public (RFC 7643 §5).
    status, body = scim("GET", "/ServiceProviderConfig", key=None)
    assert status == 200 and body["patch"]["supported"] is True


def test_a_revoked_token_is_refused_from_the_next_request(scim, user, organisation):
    from ownpath.directory import services as directory

    token = directory.provisioning_tokens(user, organisation).get()
    directory.revoke_provisioning_token(user, token.pk)
    assert scim("GET", "/Users")[0] == 401


def test_one_organisations_token_never_reaches_another_organisation(scim, other_user, client):
    from ownpath.directory import services as directory
    from ownpath.teams import services as teams

    scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    globex = teams.create_organisation(other_user, "Globex")
    _, other_key = directory.create_provisioning_token(other_user, globex, "Okta")
    status, body = scim("GET", "/Users", key=other_key)
    assert status == 200 and body["totalResults"] == 0


def test_filtering_users_by_user_name_finds_exactly_that_user(scim):
    scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    scim("POST", "/Users", scim_user("bo", "bo@acme.example"))
    status, body = scim("GET", '/Users?filter=userName eq "bo"')
    assert status == 200 and [r["userName"] for r in body["Resources"]] == ["bo"]


def test_a_duplicate_user_name_is_refused_with_409(scim):
    scim("POST", "/Users", scim_user("ada", "ada@acme.example"))
    status, body = scim("POST", "/Users", scim_user("ada", "ada2@acme.example"))
    assert status == 409 and body["scimType"] == "uniqueness"


def test_a_linked_existing_account_is_found_by_its_email(scim, other_user, organisation, django_user_model):
    from ownpath.teams import services as teams

    other_user.email = "blake@acme.example"
    other_user.save()
    status, _ = scim("POST", "/Users", scim_user("bwhite", "Blake@Acme.example"))
    assert status == 201
    assert teams.belongs_to(other_user, organisation)
    assert django_user_model.objects.filter(email__iexact="blake@acme.example").count() == 1
