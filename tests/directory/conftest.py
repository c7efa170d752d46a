"""Fixtures of the company directory: an organisation with its admin, and a SCIM client on its token."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def organisation(user):
    """Acme, administered by `user`."""
    from ownpath.teams import services as teams

    return teams.create_organisation(user, "Acme")


@pytest.fixture
def provisioning_key(user, organisation):
    """A SCIM bearer token of Acme, created by its admin."""
    from ownpath.directory import services as directory

    return directory.create_provisioning_token(user, organisation, "Entra ID")[1]


@pytest.fixture
def scim(client, provisioning_key):
    """Call the SCIM endpoint as the directory would: scim(method, path, body) -> (status, json)."""

    def call(method: str, path: str, body: dict | None = None, key: str | None = provisioning_key, **headers):
        extra = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
        extra.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
        response = getattr(client, method.lower())(
            "/scim/v2" + path, data=json.dumps(body) if body is not None else None,
            content_type="application/scim+json", **extra)
        return response.status_code, (json.loads(response.content) if response.content else None)

    return call


def scim_user(user_name: str, email: str, given: str = "", family: str = "", active: bool = True) -> dict:
    """A SCIM User as directories send it."""
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": user_name,
            "name": {"givenName": given or user_name.title(), "familyName": family or "Example"},
            "emails": [{"value": email, "type": "work", "primary": True}], "active": active}
