"""`ownpath serve`, `ownpath token`: safe binding, tokens printed once."""

from __future__ import annotations

import pytest

from ownpath.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_serve_local_refuses_to_bind_beyond_this_machine(cli):
    result = cli("serve", "--local", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "only binds to 127.0.0.1" in result.output


def test_serve_on_a_public_address_needs_a_secret_key(cli, monkeypatch):
    monkeypatch.delenv("OWNPATH_SECRET_KEY", raising=False)
    result = cli("serve", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "OWNPATH_SECRET_KEY" in result.output


def test_token_create_prints_the_secret_once_and_stores_only_its_hash(cli, local_user):
    result = cli("token", "create", "my script")
    assert result.exit_code == 0
    key = result.output.strip()
    assert key.startswith("op_") and len(key) > 30
    token = ApiToken.objects.get(user=local_user)
    assert token.name == "my script" and key not in token.key_hash
    listed = cli("token", "list").output
    assert "my script" in listed and key not in listed
    assert cli("token", "revoke", str(token.id)).exit_code == 0
    assert cli("token", "revoke", str(token.id)).exit_code == 2
