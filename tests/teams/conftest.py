"""An organisation with nested teams and one person in each relation to `alex` (the owner of a journal)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def org(django_user_model, user):
    """Acme: Engineering (managed by mia) with sub-team Platform (managed by pat); Sales managed by sam.

    alex is a member of Engineering; tess a peer in Engineering; lena a people lead; ada the admin;
    olga is outside the organisation.
    """
    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership, OrganisationRole

    make = lambda name: django_user_model.objects.create_user(name, password="long enough passphrase 1")  # noqa: E731
    ada, mia, pat, sam, tess, lena, olga = (make(n) for n in ("ada", "mia", "pat", "sam", "tess", "lena", "olga"))
    acme = teams.create_organisation(ada, "Acme")
    engineering = teams.create_team(ada, acme, "Engineering")
    platform = teams.create_team(ada, acme, "Platform", parent=engineering)
    sales = teams.create_team(ada, acme, "Sales")
    for team, person, role in ((engineering, user, "member"), (engineering, tess, "member"),
                               (engineering, mia, "manager"), (platform, pat, "manager"),
                               (sales, sam, "manager")):
        Membership.objects.create(team=team, person=person, role=role)
    OrganisationRole.objects.create(organisation=acme, person=lena, role=OrganisationRole.PEOPLE_LEAD)
    return SimpleNamespace(acme=acme, engineering=engineering, platform=platform, sales=sales, owner=user,
                           admin=ada, manager=mia, sub_manager=pat, other_manager=sam, peer=tess,
                           people_lead=lena, outsider=olga)
