"""An invitation survives log-in and sign-up: the link leads through "Create an account" and back to
the invitation, the pages say who invites whom to what, and the new person lands in the team.
Invitations carry the admin's label and note and stay copyable while valid; sign-up asks for an e-mail.
"""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.teams import services as teams
from ownpath.teams.models import Membership

pytestmark = pytest.mark.django_db

PASSWORD = "a long unusual phrase 42"


def test_signing_up_from_an_invitation_link_comes_back_to_it_and_lands_in_the_team(org, django_user_model):
    invitation = teams.invite(org.admin, org.acme, team=org.sales, label="Raj, new in sales",
                              note="Welcome aboard: we start with 1:1s next week.")
    link = f"/join/{invitation.token}/"
    client = Client()
    to_login = client.get(link)
    assert to_login.status_code == 302 and to_login["Location"] == f"/login/?next={link}"
    login_page = client.get(to_login["Location"]).content.decode()
    assert "ada invites you to Acme as member of Sales." in login_page
    assert "Welcome aboard: we start with 1:1s next week." in login_page
    assert f'href="/signup/?next={link}"' in login_page  # "Create an account" keeps the way back
    signup_page = client.get(f"/signup/?next={link}").content.decode()
    assert "ada invites you to Acme as member of Sales." in signup_page
    assert f'name="next" value="{link}"' in signup_page
    signed_up = client.post("/signup/", {"username": "raj", "email": "raj@Example.COM", "password1": PASSWORD,
                                         "password2": PASSWORD, "next": link})
    assert signed_up.status_code == 302 and signed_up["Location"] == link
    raj = django_user_model.objects.get(username="raj")
    assert raj.email == "raj@example.com"
    assert "Join Acme" in client.get(link).content.decode()
    joined = client.post(link)
    assert joined.status_code == 302 and joined["Location"] == "/team/"
    assert Membership.objects.filter(team=org.sales, person=raj, role="member").exists()
    home = client.get("/team/").content.decode()
    assert "You joined Sales in Acme as member" in home and "Member of Sales" in home


def test_logging_in_from_an_invitation_link_comes_back_to_it(org):
    invitation = teams.invite(org.admin, org.acme, team=org.sales)
    link = f"/join/{invitation.token}/"
    response = Client().post(f"/login/?next={link}", {"username": "olga", "password": "long enough passphrase 1"})
    assert response.status_code == 302 and response["Location"] == link


def test_a_used_or_foreign_next_shows_no_invitation_and_never_leaves_the_site(org):
    invitation = teams.invite(org.admin, org.acme, team=org.sales)
    teams.accept_invitation(org.outsider, invitation.token)
    page = Client().get(f"/login/?next=/join/{invitation.token}/").content.decode()
    assert "invites you" not in page
    page = Client().get("/signup/?next=https://evil.example/").content.decode()
    assert "evil.example" not in page
    response = Client().post("/signup/", {"username": "eve", "password1": PASSWORD, "password2": PASSWORD,
                                          "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/welcome/"  # day one, never the foreign site


def test_sign_up_asks_for_an_email_checks_it_and_needs_none(django_user_model):
    bad = Client().post("/signup/", {"username": "sam", "email": "not an address", "password1": PASSWORD,
                                     "password2": PASSWORD})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()
    assert not django_user_model.objects.filter(username="sam").exists()
    assert Client().post("/signup/", {"username": "sam", "email": "sam@example.com", "password1": PASSWORD,
                                      "password2": PASSWORD}).status_code == 302
    again = Client().post("/signup/", {"username": "sam2", "email": "SAM@example.com", "password1": PASSWORD,
                                       "password2": PASSWORD})
    assert again.status_code == 400 and "exists already" in again.content.decode()
    assert Client().post("/signup/", {"username": "kim", "email": "", "password1": PASSWORD,
                                      "password2": PASSWORD}).status_code == 302
    assert django_user_model.objects.get(username="kim").email == ""


def test_invitations_are_told_apart_and_copyable_again_while_valid(org):
    client = Client()
    client.force_login(org.admin)
    made = client.post(f"/orgs/{org.acme.pk}/invitations/new/", {
        "role": "member", "team": org.sales.pk, "label": "Chloe, from the Berlin office", "note": "Hi Chloe"})
    assert made.status_code == 200
    first = org.acme.invitations.get(label="Chloe, from the Berlin office")
    assert first.note == "Hi Chloe" and first.token in made.content.decode()
    client.post(f"/orgs/{org.acme.pk}/invitations/new/", {"role": "member", "team": org.sales.pk, "label": "Raj"})
    page = client.get(f"/orgs/{org.acme.pk}/admin/").content.decode()
    assert "Chloe, from the Berlin office" in page and ">Raj<" in page
    assert f"/join/{first.token}/" in page  # the link stays there to copy again
    teams.revoke_invitation(org.admin, first.pk)
    assert f"/join/{first.token}/" not in client.get(f"/orgs/{org.acme.pk}/admin/").content.decode()


def test_an_invitation_label_or_note_too_long_is_refused_by_field(org):
    from ownpath.errors import UserInputError

    with pytest.raises(UserInputError, match="label: keep it under 120"):
        teams.invite(org.admin, org.acme, team=org.sales, label="x" * 121)
    with pytest.raises(UserInputError, match="note: keep it under 500"):
        teams.invite(org.admin, org.acme, team=org.sales, note="x" * 501)
