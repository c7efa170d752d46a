"""Conversations prepared without losing a word, an agenda that starts from what is known, recurring
1:1s, the manager's private notes, and agreements with a short title whose words to the person stay theirs.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ownpath.conversations import services as conversations
from ownpath.conversations.models import Conversation
from ownpath.errors import NotFound, UserInputError
from ownpath.sharing import services as sharing

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _items(conversation) -> dict:
    return {item.question: item for item in conversation.agenda.all()}


def test_saving_one_answer_redraws_only_that_answer(org, conversation):
    items = _items(conversation)
    response = _client(org.owner).post(f"/conversations/{conversation.pk}/answers/{items['energizes'].pk}/",
                                       {"text": "Deep research weeks", "shared": "on"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith("<li id=\"item-")
    assert f'id="item-{items["energizes"].pk}"' in body and "Deep research weeks" in body
    assert f'id="item-{items["drains"].pk}"' not in body  # the other boxes are not redrawn (nor emptied)
    assert "Shared with mia." in body


def test_an_empty_answer_is_refused_inside_its_own_block(org, conversation):
    item = _items(conversation)["drains"]
    body = _client(org.owner).post(f"/conversations/{conversation.pk}/answers/{item.pk}/", {"text": "  "},
                                   **HTMX).content.decode()
    assert "answer: write something" in body and f'id="item-{item.pk}"' in body
    assert f'id="item-{_items(conversation)["energizes"].pk}"' not in body


def test_adding_to_the_agenda_appends_only_the_new_item(org, conversation):
    body = _client(org.manager).post(f"/conversations/{conversation.pk}/agenda/", {"text": "Budget for a course"},
                                     **HTMX).content.decode()
    assert body.count("<li id=\"item-") == 1 and "Budget for a course" in body and "(added by mia)" in body
    refused = _client(org.manager).post(f"/conversations/{conversation.pk}/agenda/", {"text": ""}, **HTMX)
    assert refused["HX-Retarget"] == "#agenda-add-error" and "agenda item: write something" in refused.content.decode()


def test_the_agenda_offers_the_persons_own_words_privately(org, conversation):
    sharing.set_career_wish(org.owner, want_from_role="Two research days a week", five_year_wish="Principal")
    offered = conversations.agenda_prefill(org.owner, conversation.pk)
    by_question = {conversations.get_conversation(org.owner, conversation.pk).agenda.get(pk=pk).question: o
                   for pk, o in offered.items()}
    assert by_question["want_from_role"]["text"] == "Two research days a week"
    assert by_question["five_years"]["text"] == "Principal"
    person_page = _client(org.owner).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "Two research days a week</textarea>" in person_page and "Started for you from" in person_page
    manager_page = _client(org.manager).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "Two research days a week" not in manager_page  # not shared: the offer is the person's alone
    with pytest.raises(NotFound):
        conversations.agenda_prefill(org.manager, conversation.pk)


def test_the_manager_sees_shared_words_beside_the_question_they_answer(org, conversation):
    sharing.set_career_wish(org.owner, want_from_role="Two research days a week")
    sharing.share(org.owner, "want_from_role", "manager")
    page = _client(org.manager).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "alex shares “What I want out of my role” with you" in page and "Two research days a week" in page
    from ownpath.sharing.models import AccessLog

    assert AccessLog.objects.filter(viewer=org.manager, owner=org.owner, item="want_from_role").exists()


def test_the_journal_findings_are_offered_for_energizes_and_drains(org, conversation):
    from ownpath.demo.services import fill_demo_journal

    fill_demo_journal(org.owner, "research_analyst", weeks=8)
    offered = conversations.agenda_prefill(org.owner, conversation.pk)
    texts = [o["text"] for o in offered.values()]
    assert any(t.startswith("My journal says this energizes me most: ") and "entries" in t for t in texts)
    assert any(t.startswith("My journal says this drains me most: ") for t in texts)
    page = _client(org.manager).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "My journal says" not in page


def test_a_recurring_conversation_plans_the_next_one_when_held_once(org):
    day = dt.date(2027, 1, 4)
    first = conversations.open_conversation(org.manager, org.owner, day, cadence_weeks="2")
    conversations.set_status(org.owner, first.pk, "held")
    conversations.set_status(org.manager, first.pk, "held")
    following = Conversation.objects.filter(previous=first)
    assert following.count() == 1
    second = following.get()
    assert second.date == day + dt.timedelta(weeks=2) and second.cadence_weeks == 2 and second.status == "planned"
    assert second.agenda.count() == 5
    view = conversations.conversation_view(org.owner, first.pk)
    assert view["next"] == {"id": second.pk, "date": "2027-01-18"}
    assert conversations.next_conversations(org.manager, [org.owner], today=day)[org.owner.pk] == second
    one_off = conversations.open_conversation(org.manager, org.owner, day)
    conversations.set_status(org.manager, one_off.pk, "held")
    assert not Conversation.objects.filter(previous=one_off).exists()


def test_a_cadence_out_of_range_is_refused_by_field(org, conversation):
    for bad, message in (("0.5", "not a whole number"), ("27", "every 1 to 26 weeks")):
        with pytest.raises(UserInputError, match=f"cadence: .*{message}"):
            conversations.set_cadence(org.manager, conversation.pk, bad)
    response = _client(org.manager).post(f"/conversations/{conversation.pk}/cadence/", {"cadence": "99"})
    assert response.status_code == 400 and "every 1 to 26 weeks" in response.content.decode()
    assert _client(org.manager).post(f"/conversations/{conversation.pk}/cadence/", {"cadence": "4"}).status_code == 302
    assert Conversation.objects.get(pk=conversation.pk).cadence_weeks == 4


def test_the_managers_private_note_never_reaches_the_person(org, conversation):
    from ownpath.accounts.services import create_token

    conversations.add_note(org.manager, conversation.pk, "shared: rota moves to tess")
    _client(org.manager).post(f"/conversations/{conversation.pk}/notes/",
                              {"text": "PRIVATE: ask HR about the salary band", "private": "1"})
    manager_page = _client(org.manager).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "PRIVATE: ask HR about the salary band" in manager_page and "Your private notes" in manager_page
    person = _client(org.owner)
    for body in (person.get(f"/conversations/{conversation.pk}/").content.decode(),
                 person.get(f"/conversations/{conversation.pk}/export/markdown/").content.decode(),
                 person.get(f"/conversations/{conversation.pk}/export/json/").content.decode(),
                 conversations.export_conversation(org.owner, conversation.pk, "json")):
        assert "shared: rota moves to tess" in body
        assert "PRIVATE" not in body and "salary band" not in body
    _, key = create_token(org.owner, "phone")
    api = Client().get(f"/api/conversations/{conversation.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200 and "salary band" not in api.content.decode()
    with pytest.raises(UserInputError, match="private: "):
        conversations.add_note(org.owner, conversation.pk, "mine", private=True)


def test_an_agreement_has_a_short_title_and_its_words_to_the_person_stay_theirs(org, conversation):
    with pytest.raises(UserInputError, match="agreement: keep it under 160"):
        conversations.agree(org.manager, conversation.pk, "x" * 161)
    conversations.agree(org.manager, conversation.pk, "Trial: lead one onboarding",
                        detail="About 2 h a week for 6 weeks.", note_to_person="Log each session; your journal decides.")
    as_person = conversations.conversation_view(org.owner, conversation.pk)["agreements"][0]
    as_manager = conversations.conversation_view(org.manager, conversation.pk)["agreements"][0]
    assert as_person["note_to_person"] == "Log each session; your journal decides."
    assert as_manager["note_to_person"] == "" and as_manager["detail"] == "About 2 h a week for 6 weeks."
    manager_page = _client(org.manager).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "your journal decides" not in manager_page and "About 2 h a week for 6 weeks." in manager_page
    assert "your journal decides" in _client(org.owner).get(f"/conversations/{conversation.pk}/").content.decode()
    assert "your journal decides" not in json.dumps(conversations.conversation_view(org.manager, conversation.pk))


def test_agreement_hours_take_activity_labels_as_well_as_slugs(org, conversation):
    response = _client(org.manager).post(f"/conversations/{conversation.pk}/agreements/", {
        "text": "Less admin", "hours": "Admin & paperwork=-4, research=4"})
    assert response.status_code == 302
    agreement = conversation.agreements.get()
    assert {c.activity: c.hours_per_week for c in agreement.changes.all()} == {"admin": -4.0, "research": 4.0}
    refused = _client(org.manager).post(f"/conversations/{conversation.pk}/agreements/", {
        "text": "Typo kept", "hours": "negotiashun=2"})
    body = refused.content.decode()
    assert refused.status_code == 400 and "unknown activity" in body and 'value="Typo kept"' in body
