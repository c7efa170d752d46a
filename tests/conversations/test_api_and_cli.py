"""Conversations through the JSON API and the CLI: the same services, the same rules."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.conversations import services as conversations

pytestmark = pytest.mark.django_db
JSON = "application/json"


def api_for(person) -> Client:
    _, key = create_token(person, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_whole_conversation_through_the_api(org):
    manager, person = api_for(org.manager), api_for(org.owner)
    opened = manager.post("/api/conversations", {"person": "alex", "date": "2026-12-15"}, content_type=JSON)
    assert opened.status_code == 201
    conversation = opened.json()
    first, second = conversation["agenda"][0]["id"], conversation["agenda"][1]["id"]
    cid = conversation["id"]
    assert person.put(f"/api/conversations/{cid}/agenda/{first}/answer",
                      {"text": "Research", "shared_with_manager": True}, content_type=JSON).status_code == 200
    person.put(f"/api/conversations/{cid}/agenda/{second}/answer", {"text": "Budgets"}, content_type=JSON)
    made = manager.post(f"/api/conversations/{cid}/agreements",
                        {"text": "Less admin", "hour_changes": {"admin": -4, "research": 4}}, content_type=JSON)
    assert made.status_code == 201 and made.json()["hour_changes"] == {"admin": -4.0, "research": 4.0}
    seen = manager.get(f"/api/conversations/{cid}").json()
    assert [i["answer"] for i in seen["agenda"][:2]] == ["Research", None]
    assert person.get(f"/api/conversations/{cid}/export?format=markdown").json()["markdown"].count("Budgets") == 1


def test_the_api_answers_404_to_anyone_else_and_422_to_bad_input(org, conversation):
    assert api_for(org.peer).get(f"/api/conversations/{conversation.pk}").status_code == 404
    assert api_for(org.other_manager).post("/api/conversations", {"person": "alex", "date": "2026-12-15"},
                                           content_type=JSON).status_code == 404
    item = conversation.agenda.first()
    assert api_for(org.manager).put(f"/api/conversations/{conversation.pk}/agenda/{item.pk}/answer",
                                    {"text": "not mine to write"}, content_type=JSON).status_code == 404
    bad = api_for(org.owner).post(f"/api/conversations/{conversation.pk}/agreements",
                                  {"text": "x", "hour_changes": {"admn": -4}}, content_type=JSON)
    assert bad.status_code == 422 and "did you mean admin" in bad.json()["detail"]
    assert api_for(org.owner).get(f"/api/conversations/{conversation.pk}/export?format=pdf").status_code == 422


@pytest.fixture
def local_conversation(org, local_user):
    """The CLI's local user is a member of Engineering, managed by mia, with a conversation."""
    from ownpath.teams.models import Membership

    Membership.objects.create(team=org.engineering, person=local_user, role="member")
    return conversations.open_conversation(org.manager, local_user, "2026-12-15")


def test_cli_answer_share_agree_show_and_export(cli, local_conversation, org, tmp_path):
    cid = local_conversation.pk
    assert cli("conversations", "answer", cid, 1, "Long research days", "--share").exit_code == 0
    result = cli("conversations", "answer", cid, 2, "Chasing invoices")
    assert "private: only you see it" in result.output
    result = cli("conversations", "agree", cid, "Move 4 h from admin to research", "--hours", "admin=-4,research=4",
                 "--due", "2027-01-31", "--owner", "mia")
    assert result.exit_code == 0 and "owner mia" in result.output
    shown = cli("conversations", "show", cid).output
    assert "[private] Chasing invoices" in shown and "admin -4 h/week, research +4 h/week" in shown
    assert json.loads(cli("conversations", "list", "--json").output)[0]["manager"] == "mia"
    out = tmp_path / "c.json"
    assert cli("conversations", "export", cid, "--format", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["agenda"][0]["shared_with_manager"] is True
    manager_view = conversations.conversation_view(org.manager, cid)
    assert "Chasing invoices" not in json.dumps(manager_view)


def test_cli_refuses_mistakes_with_a_message_and_status_2(cli, local_conversation):
    result = cli("conversations", "answer", local_conversation.pk, 9, "x")
    assert result.exit_code == 2 and "item: choose 1 to 5" in result.output
    result = cli("conversations", "show", 99999)
    assert result.exit_code == 2 and "no conversation 99999" in result.output
    result = cli("conversations", "agree", local_conversation.pk, "x", "--due", "soon")
    assert result.exit_code == 2 and "due date" in result.output


def test_the_manager_records_a_shared_trial_through_the_api_others_get_404(org):
    from ownpath.demo.services import fill_demo_journal
    from ownpath.sharing import services as sharing
    from ownpath.team_planning import services as planning
    from tests.team_planning.conftest import END, SALES_EXPERT, SALES_MANAGER

    fill_demo_journal(org.owner, "top_salesperson", weeks=12, seed=3, end=END)
    planning.add_role_profile(org.admin, org.acme, "Senior account executive", "expert", weekly_hours=SALES_EXPERT)
    planning.add_role_profile(org.admin, org.acme, "Sales manager", "manager", weekly_hours=SALES_MANAGER)
    url = f"/api/team-planning/track-fit/{org.owner.pk}/agreement"
    assert api_for(org.manager).post(url).status_code == 404  # not shared with the manager yet
    sharing.share(org.owner, "track_fit", "manager")
    made = api_for(org.manager).post(url)
    assert made.status_code == 201
    body = made.json()
    assert body["owner"] == "alex" and body["hour_changes"] == {"coaching": 2.0}
    assert body["text"].startswith("Trial: 6 weeks mentoring a new hire")
    again = api_for(org.manager).post(url)
    assert again.status_code == 422 and again.json()["detail"].startswith("trial: already an open agreement")
    for other in (org.owner, org.peer, org.other_manager, org.outsider):
        assert api_for(other).post(url).status_code == 404
    seen = conversations.conversation_view(org.owner, body["conversation_id"])
    assert [a["text"] for a in seen["agreements"]] == [body["text"]]


def test_the_api_opens_a_recurring_conversation_and_keeps_a_private_note_from_the_person(org):
    manager, person = api_for(org.manager), api_for(org.owner)
    opened = manager.post("/api/conversations", {"person": "alex", "date": "2027-01-04", "cadence_weeks": 3},
                          content_type=JSON)
    assert opened.status_code == 201 and opened.json()["cadence_weeks"] == 3
    cid = opened.json()["id"]
    made = manager.post(f"/api/conversations/{cid}/notes", {"text": "ask HR about the band", "private": True},
                        content_type=JSON)
    assert made.status_code == 201 and made.json()["private"] is True
    assert "ask HR about the band" in manager.get(f"/api/conversations/{cid}").content.decode()
    assert "ask HR about the band" not in person.get(f"/api/conversations/{cid}").content.decode()
    refused = person.post(f"/api/conversations/{cid}/notes", {"text": "mine", "private": True}, content_type=JSON)
    assert refused.status_code in (400, 422) and "private" in refused.content.decode()
    manager.post(f"/api/conversations/{cid}/status", {"status": "held"}, content_type=JSON)
    assert manager.get(f"/api/conversations/{cid}").json()["next"]["date"] == "2027-01-25"


def test_cli_opens_a_recurring_conversation_and_the_person_cannot_write_a_private_note(cli, org, local_user):
    from ownpath.conversations.models import Conversation
    from ownpath.teams.models import Membership

    Membership.objects.create(team=org.sales, person=local_user, role="manager")
    Membership.objects.create(team=org.sales, person=org.peer, role="member")
    result = cli("conversations", "open", "tess", "--date", "2027-01-04", "--every", "2")
    assert result.exit_code == 0, result.output
    made = Conversation.objects.get(manager=local_user, person=org.peer)
    assert made.cadence_weeks == 2
    assert cli("conversations", "note", made.pk, "only mine", "--private").output.strip() == "private note added"
    assert made.notes.get().private is True
    assert cli("conversations", "open", "tess", "--date", "2027-01-04", "--every", "30").exit_code == 2
