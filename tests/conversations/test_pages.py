"""Conversation pages: each side sees its own page; private answers never reach the manager's HTML."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.conversations import services as conversations

pytestmark = pytest.mark.django_db


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def answered(org, conversation):
    energizes, drains = conversation.agenda.all()[:2]
    conversations.answer(org.owner, conversation.pk, energizes.pk, "Deep research days", shared_with_manager=True)
    conversations.answer(org.owner, conversation.pk, drains.pk, "The weekly status meeting")
    return conversation


def test_the_person_sees_every_answer_and_the_manager_only_the_shared_one(org, answered):
    mine = _client(org.owner).get(f"/conversations/{answered.pk}/").content.decode()
    theirs = _client(org.manager).get(f"/conversations/{answered.pk}/").content.decode()
    assert "Deep research days" in mine and "The weekly status meeting" in mine
    assert "Deep research days" in theirs and "The weekly status meeting" not in theirs
    assert "alex answered this privately" in theirs


@pytest.mark.parametrize("who", ["peer", "other_manager", "people_lead", "admin", "outsider"])
def test_anyone_else_gets_404_on_every_conversation_route(org, answered, who):
    client = _client(getattr(org, who))
    item = answered.agenda.first()
    assert client.get(f"/conversations/{answered.pk}/").status_code == 404
    assert client.get(f"/conversations/{answered.pk}/export/markdown/").status_code == 404
    for path in (f"/conversations/{answered.pk}/notes/", f"/conversations/{answered.pk}/agenda/",
                 f"/conversations/{answered.pk}/answers/{item.pk}/", f"/conversations/{answered.pk}/agreements/"):
        assert client.post(path, {"text": "sneaky"}).status_code == 404
    assert "sneaky" not in conversations.export_conversation(org.owner, answered.pk)


def test_adding_a_note_with_htmx_returns_the_notes_both_sides_see(org, answered):
    response = _client(org.manager).post(f"/conversations/{answered.pk}/notes/", {"text": "Try a research sprint"},
                                         HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="notes"' in response.content.decode()
    assert "Try a research sprint" in _client(org.owner).get(f"/conversations/{answered.pk}/").content.decode()


def test_an_empty_answer_is_refused_with_a_message_not_a_500(org, answered):
    item = answered.agenda.first()
    response = _client(org.owner).post(f"/conversations/{answered.pk}/answers/{item.pk}/", {"text": "  "})
    assert response.status_code == 400 and "answer: write something" in response.content.decode()


def test_the_manager_opens_a_conversation_and_records_an_agreement_with_hours(org):
    client = _client(org.manager)
    response = client.post("/conversations/new/", {"person": org.owner.pk, "date": "2026-12-15"})
    assert response.status_code == 302
    conversation_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    response = client.post(f"/conversations/{conversation_id}/agreements/",
                           {"text": "Move 4 h a week from admin to research", "owner": "alex",
                            "due_date": "2027-01-31", "hours": "admin=-4, research=4"})
    assert response.status_code == 302
    team_page = client.get("/team/manage/").content.decode()
    assert "Move 4 h a week from admin to research" in team_page and "Admin &amp; paperwork -4 h" in team_page


def test_a_peer_cannot_open_a_conversation(org):
    response = _client(org.peer).post("/conversations/new/", {"person": org.owner.pk, "date": "2026-12-15"})
    assert response.status_code == 404


def test_export_downloads_markdown_and_json(org, answered):
    response = _client(org.manager).get(f"/conversations/{answered.pk}/export/json/")
    assert response["Content-Disposition"] == f'attachment; filename="conversation-{answered.pk}.json"'
    assert response.json()["agenda"][1]["answer"] is None
    markdown = _client(org.owner).get(f"/conversations/{answered.pk}/export/markdown/").content.decode()
    assert markdown.startswith("# Career conversation: alex with mia")


def test_the_demo_switch_does_nothing_outside_local_mode(org, answered):
    response = _client(org.owner).post("/demo/act-as/", {"person": org.manager.pk})
    assert response.status_code == 404


def test_an_empty_note_sent_with_htmx_shows_the_message_inside_the_notes(org, answered):
    response = _client(org.owner).post(f"/conversations/{answered.pk}/notes/", {"text": " "}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in body and "note: write something" in body


def test_a_bad_agreement_status_is_refused_with_a_message_not_a_500(org, answered):
    made = conversations.agree(org.owner, answered.pk, "Less admin")
    response = _client(org.owner).post(f"/agreements/{made.pk}/status/", {"status": "finished"})
    assert response.status_code == 400 and "status: &#x27;finished&#x27; is not one of" in response.content.decode()
