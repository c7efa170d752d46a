"""Reminder e-mails before a conversation and at an agreement's due date: sent once, through SMTP."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.conversations import services as conversations
from ownpath.conversations.tasks import send_agreement_reminders, send_conversation_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses(org):
    for person, address in ((org.owner, "alex@example.org"), (org.manager, "mia@example.org")):
        person.email = address
        person.save()


def test_both_sides_get_one_reminder_two_days_before_a_conversation(org, addresses, smtp_server, run_jobs):
    soon = conversations.open_conversation(org.manager, org.owner, "2026-12-03")
    conversations.open_conversation(org.manager, org.owner, "2026-12-20")  # too far ahead
    assert send_conversation_reminders.call("2026-12-01") == 2
    assert send_conversation_reminders.call("2026-12-01") == 0  # already sent
    run_jobs()
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert subjects == ["Career conversation with alex on 2026-12-03",
                        "Your career conversation with mia on 2026-12-03"]
    assert f"/conversations/{soon.pk}/" in smtp_server.messages[0].get_content()


def test_the_owner_of_a_due_agreement_is_reminded_once_and_done_agreements_are_not(org, addresses, smtp_server,
                                                                                   run_jobs):
    conversation = conversations.open_conversation(org.manager, org.owner, "2026-11-01")
    conversations.agree(org.manager, conversation.pk, "Move 4 h from admin to research", owner="alex",
                        due_date="2026-11-30")
    done = conversations.agree(org.manager, conversation.pk, "Book the course", owner="mia", due_date="2026-11-15")
    conversations.set_agreement_status(org.manager, done.pk, "done")
    conversations.agree(org.manager, conversation.pk, "Later", owner="mia", due_date="2027-01-15")
    assert send_agreement_reminders.call("2026-12-01") == 1
    assert send_agreement_reminders.call("2026-12-01") == 0
    run_jobs()
    [message] = smtp_server.messages
    assert message["To"] == "alex@example.org" and "Move 4 h from admin to research" in message.get_content()


def test_reminders_are_periodic_jobs_the_worker_enqueues():
    from django.conf import settings

    tasks = {job["task"] for job in settings.OWNPATH_PERIODIC_JOBS}
    assert {"ownpath.conversations.tasks.send_conversation_reminders",
            "ownpath.conversations.tasks.send_agreement_reminders"} <= tasks
