"""Reminder e-mails before a conversation and at an agreement's due date: sent once, through SMTP."""

from __future__ import annotations


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


# --- a person who stopped conversation e-mails --------------------------------------------------

STOP_LINE = "To stop these e-mails, turn off career conversation e-mails on http://testserver/reminders/"


@pytest.fixture
def base_url(settings):
    settings.OWNPATH_BASE_URL = "http://testserver"


def _last_line(message) -> str:
    return message.get_content().rstrip("\n").splitlines()[-1]


def test_a_person_who_opted_out_gets_no_conversation_reminder_while_the_manager_gets_theirs(
        org, addresses, base_url, smtp_server, run_jobs):
    from ownpath.conversations.models import Conversation
    from ownpath.reminders.services import set_conversation_emails

    set_conversation_emails(org.owner, False)
    soon = conversations.open_conversation(org.manager, org.owner, "2026-12-03")
    assert send_conversation_reminders.call("2026-12-01") == 1
    assert Conversation.objects.get(pk=soon.pk).reminder_sent_at is not None  # dealt with: not looked at again
    assert send_conversation_reminders.call("2026-12-01") == 0
    run_jobs()
    [message] = smtp_server.messages
    assert message["To"] == "mia@example.org"
    assert message["Subject"] == "Career conversation with alex on 2026-12-03"
    assert _last_line(message) == STOP_LINE


def test_a_manager_who_opted_out_gets_nothing_and_the_person_still_gets_theirs(org, addresses, base_url,
                                                                              smtp_server, run_jobs):
    from ownpath.reminders.services import set_conversation_emails

    set_conversation_emails(org.manager, False)
    conversations.open_conversation(org.manager, org.owner, "2026-12-02")
    assert send_conversation_reminders.call("2026-12-01") == 1
    run_jobs()
    assert [m["To"] for m in smtp_server.messages] == ["alex@example.org"]


def test_every_conversation_and_agreement_e_mail_ends_with_how_to_stop_them(org, addresses, base_url,
                                                                           smtp_server, run_jobs):
    conversation = conversations.open_conversation(org.manager, org.owner, "2026-12-03")
    conversations.agree(org.manager, conversation.pk, "Book the course", owner="mia", due_date="2026-12-01")
    assert send_conversation_reminders.call("2026-12-01") == 2
    assert send_agreement_reminders.call("2026-12-01") == 1
    run_jobs()
    assert len(smtp_server.messages) == 3
    for message in smtp_server.messages:
        assert _last_line(message) == STOP_LINE, message["Subject"]


def test_an_owner_who_opted_out_gets_no_agreement_reminder_and_it_is_not_owed_later(org, addresses, base_url,
                                                                                    smtp_server, run_jobs):
    from ownpath.conversations.models import Agreement
    from ownpath.reminders.services import set_conversation_emails

    conversation = conversations.open_conversation(org.manager, org.owner, "2026-11-01")
    stopped = conversations.agree(org.manager, conversation.pk, "Try pairing", owner="alex", due_date="2026-11-30")
    conversations.agree(org.manager, conversation.pk, "Book the course", owner="mia", due_date="2026-11-30")
    set_conversation_emails(org.owner, False)
    assert send_agreement_reminders.call("2026-12-01") == 1
    assert Agreement.objects.get(pk=stopped.pk).due_reminder_sent_at is not None
    set_conversation_emails(org.owner, True)  # turning them back on does not resend an old reminder
    assert send_agreement_reminders.call("2026-12-02") == 0
    run_jobs()
    assert [m["To"] for m in smtp_server.messages] == ["mia@example.org"]


def test_the_opt_out_round_trips_through_the_reminders_page(org):
    from django.test import Client

    from ownpath.reminders.services import stopped_conversation_emails

    client = Client()
    client.force_login(org.owner)
    page = client.get("/reminders/").content.decode()
    # a real checkbox with its label, in a plain POST form with a submit button: usable from the keyboard
    assert '<label class="check-label" for="r-conversation-emails"><input type="checkbox" ' \
           'id="r-conversation-emails" name="conversation_emails" checked>' in page
    assert '<button type="submit">Save conversation e-mails</button>' in page
    off = client.post("/reminders/", {"action": "conversation_emails"})  # an unticked box is not sent
    assert off.status_code == 302 and off["Location"] == "/reminders/"
    assert stopped_conversation_emails([org.owner.pk]) == {org.owner.pk}
    page = client.get("/reminders/").content.decode()
    assert "Career conversation e-mails stopped" in page
    assert 'name="conversation_emails" checked' not in page
    client.post("/reminders/", {"action": "conversation_emails", "conversation_emails": "on"})
    assert stopped_conversation_emails([org.owner.pk]) == set()
    assert 'name="conversation_emails" checked' in client.get("/reminders/").content.decode()


def test_someone_elses_post_changes_only_their_own_choice(org):
    from django.test import Client

    from ownpath.reminders.services import stopped_conversation_emails

    client = Client()
    client.force_login(org.manager)
    client.post("/reminders/", {"action": "conversation_emails", "user": org.owner.pk})
    assert stopped_conversation_emails([org.owner.pk, org.manager.pk]) == {org.manager.pk}


def test_the_cli_stops_and_restarts_conversation_e_mails(cli, local_user):
    from ownpath.reminders.services import stopped_conversation_emails

    assert "Career conversation e-mails: on" in cli("reminders", "conversation-emails").output
    stopped = cli("reminders", "conversation-emails", "--off")
    assert stopped.exit_code == 0 and "off (the other side of a conversation still gets theirs)" in stopped.output
    assert stopped_conversation_emails([local_user.pk]) == {local_user.pk}
    assert "e-mails: on" in cli("reminders", "conversation-emails", "--on").output
    assert stopped_conversation_emails([local_user.pk]) == set()
