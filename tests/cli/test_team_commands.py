"""`ownpath org`, `ownpath team` and `ownpath share` as docs/teams.md shows them."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_person(settings):
    """Switch the person the CLI acts as (OWNPATH_LOCAL_USERNAME)."""

    def switch(username: str) -> None:
        settings.OWNPATH_LOCAL_USERNAME = username

    return switch


def test_an_admin_builds_an_organisation_and_a_person_joins_and_shares(cli, as_person):
    assert cli("org", "create", "Acme").exit_code == 0
    assert cli("team", "create", "Acme", "Engineering").exit_code == 0
    created = cli("team", "create", "Acme", "Platform", "--parent", "Engineering")
    assert "inside Engineering" in created.output
    assert "  Platform" in cli("team", "list", "Acme").output
    link = cli("org", "invite", "Acme", "--team", "Engineering").output.strip().splitlines()[-1]
    assert "/join/" in link
    as_person("tess")
    joined = cli("org", "join", link)
    assert joined.exit_code == 0 and "nothing of yours is shared" in joined.output
    assert cli("share", "words", "--want", "more research").exit_code == 0
    shared = cli("share", "add", "want_from_role", "--with", "manager").output
    share_id = re.search(r"\(share (\d+)\)", shared).group(1)
    assert "want_from_role" in cli("share", "list").output
    as_person("local")
    assert cli("team", "add", "Acme", "Engineering", "local", "--manager").exit_code == 0
    members = cli("org", "members", "Acme").output
    assert "member of Engineering" in members and "more research" not in members

    from django.contrib.auth import get_user_model

    from ownpath.sharing.services import read_shared

    User = get_user_model()
    assert read_shared(User.objects.get(username="local"), User.objects.get(username="tess"),
                       "want_from_role")["content"]["text"] == "more research"
    as_person("tess")
    assert "local" in cli("share", "log").output
    assert "stopped sharing" in cli("share", "revoke", share_id).output
    assert cli("org", "leave", "Acme").exit_code == 0


def test_mistakes_exit_2_with_a_message(cli):
    wrong_item = cli("share", "add", "salary", "--with", "manager")
    assert wrong_item.exit_code == 2 and "item: 'salary' is not one of" in wrong_item.output
    assert cli("org", "join", "no-such-token").exit_code == 2
    unknown = cli("org", "members", "Nowhere")
    assert unknown.exit_code == 2 and "no organisation named 'Nowhere'" in unknown.output
    assert cli("share", "revoke", "99").exit_code == 2
