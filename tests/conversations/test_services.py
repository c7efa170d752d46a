"""Career conversations: who opens and reads them, private answers, agreements with hours, notes, export."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.conversations import services as conversations
from ownpath.errors import NotFound, UserInputError
from ownpath.sharing.models import AccessLog

pytestmark = pytest.mark.django_db


def test_opening_prepares_the_agenda_from_the_starting_questions(conversation):
    view = conversations.conversation_view(conversation.person, conversation.pk)
    assert [i["question"] for i in view["agenda"]] == ["energizes", "drains", "want_from_role", "learn", "five_years"]
    assert view["agenda"][2]["text"] == "What do you want out of this role?"
    assert (view["person"], view["manager"], view["side"]) == ("alex", "mia", "person")


@pytest.mark.parametrize("who", ["peer", "other_manager", "sub_manager", "people_lead", "admin", "outsider"])
def test_only_a_manager_of_the_person_can_open_a_conversation(org, who):
    with pytest.raises(NotFound):
        conversations.open_conversation(getattr(org, who), org.owner, "2026-12-10")


def test_a_person_cannot_open_a_conversation_with_themselves_or_their_manager(org):
    with pytest.raises(NotFound):
        conversations.open_conversation(org.owner, org.manager, "2026-12-10")


@pytest.mark.parametrize("who", ["peer", "other_manager", "sub_manager", "people_lead", "admin", "outsider"])
def test_nobody_but_the_two_sides_reads_or_writes_any_of_it(org, conversation, who):
    intruder = getattr(org, who)
    for action in (lambda: conversations.conversation_view(intruder, conversation.pk),
                   lambda: conversations.add_note(intruder, conversation.pk, "hi"),
                   lambda: conversations.add_agenda_item(intruder, conversation.pk, "x"),
                   lambda: conversations.agree(intruder, conversation.pk, "x"),
                   lambda: conversations.export_conversation(intruder, conversation.pk)):
        with pytest.raises(NotFound):
            action()
    assert conversation not in conversations.conversations_of(intruder)


def test_a_manager_who_no_longer_manages_the_person_loses_the_conversation(org, conversation):
    from ownpath.teams.models import Membership

    Membership.objects.filter(team=org.engineering, person=org.manager).delete()
    with pytest.raises(NotFound):
        conversations.conversation_view(org.manager, conversation.pk)
    assert conversations.conversation_view(org.owner, conversation.pk)["side"] == "person"


def test_answers_stay_private_until_the_person_shares_them_and_reads_are_logged(org, conversation):
    energizes, drains = conversation.agenda.all()[:2]
    conversations.answer(org.owner, conversation.pk, energizes.pk, "Digging into data", shared_with_manager=True)
    conversations.answer(org.owner, conversation.pk, drains.pk, "Status meetings with Tom")
    manager_view = conversations.conversation_view(org.manager, conversation.pk)
    assert manager_view["agenda"][0]["answer"] == "Digging into data"
    assert manager_view["agenda"][1] == {**manager_view["agenda"][1], "answered": True, "answer": None}
    assert "Status meetings" not in json.dumps(manager_view)
    assert AccessLog.objects.filter(owner=org.owner, viewer=org.manager, item="conversation_answer").count() == 1

    conversations.share_answer(org.owner, conversation.pk, energizes.pk, False)
    assert conversations.conversation_view(org.manager, conversation.pk)["agenda"][0]["answer"] is None
    assert conversations.conversation_view(org.owner, conversation.pk)["agenda"][1]["answer"] == "Status meetings with Tom"


def test_a_manager_cannot_write_or_share_the_persons_answers(org, conversation):
    item = conversation.agenda.first()
    conversations.answer(org.owner, conversation.pk, item.pk, "mine")
    with pytest.raises(NotFound):
        conversations.answer(org.manager, conversation.pk, item.pk, "overwritten")
    with pytest.raises(NotFound):
        conversations.share_answer(org.manager, conversation.pk, item.pk, True)


def test_either_side_adds_agenda_items_and_notes_that_both_see(org, conversation):
    conversations.add_agenda_item(org.owner, conversation.pk, "Trial leading onboarding?")
    conversations.add_note(org.manager, conversation.pk, "Alex wants more research time.")
    for side in (org.owner, org.manager):
        view = conversations.conversation_view(side, conversation.pk)
        assert view["agenda"][-1]["text"] == "Trial leading onboarding?" and view["agenda"][-1]["added_by"] == "alex"
        assert [n["text"] for n in view["notes"]] == ["Alex wants more research time."]


def test_an_agreement_names_owner_due_date_and_the_hours_it_moves(org, conversation):
    made = conversations.agree(org.manager, conversation.pk, "Move 4 h a week from admin to research",
                               owner="mia", due_date="2027-01-31", hour_changes="admin=-4, research=+4")
    [data] = conversations.conversation_view(org.owner, conversation.pk)["agreements"]
    assert data["owner"] == "mia" and data["due_date"] == "2027-01-31"
    assert data["hour_changes"] == {"admin": -4.0, "research": 4.0}
    assert conversations.open_agreements_with(org.manager, org.owner)[0]["id"] == made.pk
    assert conversations.open_agreements_with(org.other_manager, org.owner) == []


@pytest.mark.parametrize("changes, message", [("admn=-4", "did you mean admin"), ("admin=lots", "not a number"),
                                               ("admin", "should look like"), ("admin=0", "between -80 and 80")])
def test_bad_hour_changes_are_refused_with_the_field_named(org, conversation, changes, message):
    with pytest.raises(UserInputError, match=message):
        conversations.agree(org.owner, conversation.pk, "x", hour_changes=changes)


def test_an_agreement_owner_must_be_one_of_the_two_sides(org, conversation):
    with pytest.raises(UserInputError, match="owner"):
        conversations.agree(org.owner, conversation.pk, "x", owner="tess")


def _log_weeks(episode_factory, person, first_day, weeks, per_week):
    for w in range(weeks):
        for activity, (hours, energy) in per_week.items():
            for day in (0, 2):
                episode_factory(owner=person, date=first_day + dt.timedelta(weeks=w, days=day), activity=activity,
                                hours=hours / 2, energy=energy)


def test_an_earlier_agreement_is_reviewed_against_the_journal_and_shown_to_the_manager_only_if_shared(
        org, episode_factory):
    today = dt.date.today()
    agreed_on = today - dt.timedelta(weeks=5, days=today.weekday())
    earlier = conversations.open_conversation(org.manager, org.owner, agreed_on)
    agreement = conversations.agree(org.manager, earlier.pk, "Less admin, more research",
                                    hour_changes={"admin": -4, "research": 4})
    _log_weeks(episode_factory, org.owner, agreed_on - dt.timedelta(weeks=5), 5, {"admin": (8, -1), "research": (4, 1)})
    _log_weeks(episode_factory, org.owner, agreed_on, 5, {"admin": (3, -1), "research": (9, 2)})
    now = conversations.open_conversation(org.manager, org.owner, today)

    [mine] = conversations.conversation_view(org.owner, now.pk)["earlier_agreements"]
    admin = mine["review"]["activities"][0]
    assert admin["activity"] == "admin" and admin["verdict"] == "moved as agreed"
    assert admin["hours_change"]["estimate"] == pytest.approx(-5, abs=0.01)

    [theirs] = conversations.conversation_view(org.manager, now.pk)["earlier_agreements"]
    assert theirs["review"] is None and theirs["review_hidden"]
    assert not AccessLog.objects.filter(item="agreement_review").exists()

    conversations.share_agreement_review(org.owner, agreement.pk, True)
    [theirs] = conversations.conversation_view(org.manager, now.pk)["earlier_agreements"]
    assert theirs["review"]["activities"][1]["verdict"] == "moved as agreed"
    assert AccessLog.objects.filter(viewer=org.manager, owner=org.owner, item="agreement_review").count() == 1
    with pytest.raises(NotFound):
        conversations.share_agreement_review(org.manager, agreement.pk, True)


def test_export_as_markdown_and_json_by_either_side_shows_what_that_side_may_see(org, conversation):
    energizes, drains = conversation.agenda.all()[:2]
    conversations.answer(org.owner, conversation.pk, energizes.pk, "Research", shared_with_manager=True)
    conversations.answer(org.owner, conversation.pk, drains.pk, "Budget spreadsheets")
    conversations.add_note(org.owner, conversation.pk, "Agreed to revisit in March.")
    conversations.agree(org.owner, conversation.pk, "Pair with a mentor on presenting", due_date="2027-03-01")
    mine = conversations.export_conversation(org.owner, conversation.pk, "markdown")
    theirs = conversations.export_conversation(org.manager, conversation.pk, "markdown")
    assert "Budget spreadsheets" in mine and "Budget spreadsheets" not in theirs
    assert "*(answered privately)*" in theirs
    for text in (mine, theirs):
        assert "Agreed to revisit in March." in text and "Pair with a mentor on presenting" in text
    data = json.loads(conversations.export_conversation(org.manager, conversation.pk, "json"))
    assert data["agenda"][0]["answer"] == "Research" and data["agenda"][1]["answer"] is None
    with pytest.raises(UserInputError, match="format"):
        conversations.export_conversation(org.owner, conversation.pk, "pdf")
