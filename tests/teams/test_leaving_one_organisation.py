"""Leaving one organisation ends only what reached people there; a former manager gets no more
conversation or agreement e-mails (the relation is checked when each e-mail is sent)."""

from __future__ import annotations

import pytest

from ownpath.errors import NotFound
from ownpath.sharing import services as sharing
from ownpath.teams import services as teams
from ownpath.teams.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def beta(org, django_user_model):
    """alex is also in Beta's team Ops, managed by bo, with colleague bea."""
    bo, bea = (django_user_model.objects.create_user(n) for n in ("bo", "bea"))
    beta = teams.create_organisation(bo, "Beta")
    ops = teams.create_team(bo, beta, "Ops")
    for person, role in ((org.owner, "member"), (bo, "manager"), (bea, "member")):
        Membership.objects.create(team=ops, person=person, role=role)
    return type("Beta", (), {"organisation": beta, "manager": bo, "colleague": bea})


def test_leaving_one_organisation_ends_only_the_shares_whose_audience_was_there(org, beta):
    sharing.set_career_wish(org.owner, want_from_role="lead a team")
    with_peer = sharing.share(org.owner, "want_from_role", "person", person=org.peer)
    with_bea = sharing.share(org.owner, "want_from_role", "person", person=beta.colleague)
    manager_share = sharing.share(org.owner, "want_from_role", "manager")
    teams.leave_organisation(org.owner, org.acme)
    live = set(sharing.shares_of(org.owner).values_list("pk", flat=True))
    assert with_peer.pk not in live
    assert {with_bea.pk, manager_share.pk} <= live
    assert sharing.read_shared(beta.manager, org.owner, "want_from_role")["content"] == {"text": "lead a team"}
    assert sharing.read_shared(beta.colleague, org.owner, "want_from_role")["content"] == {"text": "lead a team"}
    for former in (org.manager, org.peer):
        with pytest.raises(NotFound):
            sharing.read_shared(former, org.owner, "want_from_role")


def test_leaving_the_last_organisation_still_ends_every_share(org, beta):
    sharing.share(org.owner, "want_from_role", "manager")
    teams.leave_organisation(org.owner, org.acme)
    teams.leave_organisation(org.owner, beta.organisation)
    assert not sharing.shares_of(org.owner).exists()


@pytest.fixture
def addresses(org):
    for person, address in ((org.owner, "alex@example.org"), (org.manager, "mia@example.org")):
        person.email = address
        person.save()


def test_a_former_manager_gets_no_conversation_or_agreement_e_mail(org, addresses):
    from ownpath.conversations import services as conversations
    from ownpath.conversations.tasks import send_agreement_reminders, send_conversation_reminders

    conversation = conversations.open_conversation(org.manager, org.owner, "2026-12-03")
    conversations.agree(org.manager, conversation.pk, "Book the course", owner="mia", due_date="2026-12-01")
    teams.remove_membership(org.admin, org.engineering, org.owner)  # alex no longer reports to mia
    assert send_conversation_reminders.call("2026-12-01") == 1  # alex's own reminder only
    assert send_agreement_reminders.call("2026-12-02") == 0


def test_a_multi_line_agreement_becomes_a_one_line_subject(org, addresses):
    from ownpath.conversations import services as conversations
    from ownpath.conversations.tasks import send_agreement_reminders

    conversation = conversations.open_conversation(org.manager, org.owner, "2026-11-01")
    conversations.agree(org.manager, conversation.pk, "Move 4 h\nfrom admin\r\nto research", owner="alex",
                        due_date="2026-11-30")
    assert send_agreement_reminders.call("2026-12-01") == 1
