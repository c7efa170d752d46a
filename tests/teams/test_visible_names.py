"""Names others read (people, teams, organisations, role profiles, options) are one line of visible
characters: an RTL override, a zero-width space or a line break is refused in words naming the field."""

from __future__ import annotations

import pytest

from ownpath.errors import UserInputError
from ownpath.teams import services as teams

pytestmark = pytest.mark.django_db

HIDDEN = ["Acme\u202eemcA", "Ac\u200bme", "Acme\r\nBcc: x@example.com", "Acme\nSales", "Ac\u2066me", "Acme\x00",
          "A\u2028B", "Acme\ufeff"]


@pytest.mark.parametrize("name", HIDDEN)
def test_an_organisation_name_with_hidden_or_line_breaking_characters_is_refused(user, name):
    with pytest.raises(UserInputError, match=r"^organisation: the name contains (a line break|an invisible)"):
        teams.create_organisation(user, name)


@pytest.mark.parametrize("name", HIDDEN)
def test_a_team_name_with_hidden_characters_is_refused(org, name):
    with pytest.raises(UserInputError, match=r"^team: the name contains"):
        teams.create_team(org.admin, org.acme, name)


def test_visible_names_in_any_script_are_kept(user):
    for name in ("Ärzte ohne Grenzen", "שלום", "東京チーム", "O'Brien & Co. (R&D)"):
        assert teams.create_organisation(user, name).name == name


def test_a_username_with_a_zero_width_or_bidi_character_cannot_sign_up(client):
    for name in ("ada\u200b", "\u202eada", "ad\u200da"):
        response = client.post("/signup/", {"username": name, "password1": "a long passphrase 42",
                                            "password2": "a long passphrase 42"})
        assert response.status_code in (200, 400)
        from django.contrib.auth import get_user_model

        assert not get_user_model().objects.filter(username=name).exists()


def test_option_and_role_profile_names_are_checked_the_same_way(org):
    from ownpath.options.services import add_option
    from ownpath.team_planning.services import add_role_profile

    with pytest.raises(UserInputError, match="^name: the name contains"):
        add_option(org.owner, "Lead\u202e", mix="research=30")
    with pytest.raises(UserInputError, match="^name: the name contains"):
        add_role_profile(org.admin, org.acme, "Lead\nEngineer", "expert", weekly_hours={"research": 10})
