"""Reminder e-mails, run as periodic jobs by the worker (see OWNPATH_PERIODIC_JOBS in settings).

Each run works out what is due and marks what it sent, so running it twice sends nothing twice.
A person who stopped career-conversation e-mails (on their Reminders page) is left out; the
other side of the conversation still gets theirs. A manager gets them only while they still
manage the person, checked when the e-mail is sent (a former manager hears nothing more).
Every e-mail ends with how to stop them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from ownpath.conversations.models import Agreement, Conversation
from ownpath.mail.services import queue_email
from ownpath.reminders.services import stopped_conversation_emails
from ownpath.teams import services as teams

# A conversation's reminder goes out this many days before it, so the person can answer.
REMIND_DAYS_BEFORE = 2


def _link(conversation_id: int) -> str:
    return f"{settings.OWNPATH_BASE_URL.rstrip('/')}/conversations/{conversation_id}/"


def stop_line() -> str:
    """The last line of every conversation e-mail: where the person stops them (their Reminders page)."""
    return (f"To stop these e-mails, turn off career conversation e-mails on "
            f"{settings.OWNPATH_BASE_URL.rstrip('/')}{reverse('web:reminders')}\n")


@task()
def send_conversation_reminders(today: str | None = None) -> int:
    """E-mail both sides of every planned conversation due within REMIND_DAYS_BEFORE days, once.

    A side who stopped conversation e-mails gets none; the conversation is marked reminded all the
    same, so the job does not come back to it. Returns how many e-mails were queued.
    """
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    due = list(Conversation.objects.filter(status=Conversation.PLANNED, reminder_sent_at__isnull=True,
                                           date__gte=day, date__lte=day + dt.timedelta(days=REMIND_DAYS_BEFORE))
               .select_related("person", "manager"))
    stopped = stopped_conversation_emails({c.person_id for c in due} | {c.manager_id for c in due})
    for conversation in due:
        with transaction.atomic():
            # Claim it first: a second worker running the same job finds it taken.
            if not Conversation.objects.filter(pk=conversation.pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=timezone.now()):
                continue
            person, manager = conversation.person, conversation.manager
            if person.email and person.pk not in stopped:
                queue_email(person.email, f"Your career conversation with {manager.username} on {conversation.date}",
                            f"Your career conversation with {manager.username} is on {conversation.date:%A %d %B}.\n\n"
                            "The agenda is ready. Your answers are private until you choose to share one:\n"
                            f"{_link(conversation.pk)}\n\n{stop_line()}")
                sent += 1
            if manager.email and manager.pk not in stopped and teams.is_manager_of(manager, person):
                queue_email(manager.email, f"Career conversation with {person.username} on {conversation.date}",
                            f"Your career conversation with {person.username} is on {conversation.date:%A %d %B}.\n\n"
                            "Ask what they want out of their role; you will see the answers they chose to share:\n"
                            f"{_link(conversation.pk)}\n\n{stop_line()}")
                sent += 1
    return sent


@task()
def send_agreement_reminders(today: str | None = None) -> int:
    """E-mail the owner of every open agreement due today or overdue, once per agreement.

    An owner who stopped conversation e-mails gets none; the agreement is marked as dealt with all
    the same (its due reminder is not owed later). Returns how many e-mails were queued.
    """
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    due = list(Agreement.objects.filter(status=Agreement.OPEN, due_reminder_sent_at__isnull=True, due_date__lte=day)
               .select_related("owner", "conversation", "conversation__person"))
    stopped = stopped_conversation_emails({a.owner_id for a in due})
    for agreement in due:
        with transaction.atomic():
            if not Agreement.objects.filter(pk=agreement.pk, due_reminder_sent_at__isnull=True).update(
                    due_reminder_sent_at=timezone.now()):
                continue
            if agreement.owner_id != agreement.conversation.person_id and not teams.is_manager_of(
                    agreement.owner, agreement.conversation.person):
                continue  # the owner is the person's former manager: nothing more goes to them
            if agreement.owner.email and agreement.owner_id not in stopped:
                # A subject is one line: the agreement's text may span several.
                queue_email(agreement.owner.email, f"Agreement due {agreement.due_date}: "
                                                   f"{' '.join(agreement.text.split())[:60]}",
                            f"You own this agreement from a career conversation, due {agreement.due_date}:\n\n"
                            f"  {agreement.text}\n\nMark it done or talk it over at the next conversation:\n"
                            f"{_link(agreement.conversation_id)}\n\n{stop_line()}")
                sent += 1
    return sent
