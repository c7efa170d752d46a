"""Reminders: opt-in, sent once when due (however often the job runs), and a revocable calendar feed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from ownpath.errors import NotFound, UserInputError
from ownpath.reminders.services import (
    WEEKLY_QUESTIONS,
    calendar_feed,
    new_calendar_link,
    send_due_reminders,
    set_reminders,
    turn_off_calendar_link,
)

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
# A Friday.
FRIDAY_5PM = dt.datetime(2026, 3, 13, 17, 5, tzinfo=UTC)


def _on(user, **choices):
    return set_reminders(user, {"email": "alex@example.org", "daily": True, "daily_hour": 17, "weekly": True,
                                "weekly_weekday": 4, "weekly_hour": 16} | choices)


def test_nothing_is_sent_to_a_person_who_did_not_turn_reminders_on(user):
    assert send_due_reminders(FRIDAY_5PM) == {"daily": 0, "weekly": 0, "skipped": 0}
    assert mail.outbox == []


def test_due_reminders_are_sent_once_however_often_the_job_runs(user, settings):
    settings.TIME_ZONE = "UTC"
    _on(user)
    first = send_due_reminders(FRIDAY_5PM)
    again = send_due_reminders(FRIDAY_5PM + dt.timedelta(minutes=10))
    assert first == {"daily": 1, "weekly": 1, "skipped": 0} and again == {"daily": 0, "weekly": 0, "skipped": 0}
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["ownpath: how did today's work leave you?", "ownpath: your week, and five questions"]
    weekly = next(m for m in mail.outbox if "week" in m.subject)
    assert all(q in weekly.body for q in WEEKLY_QUESTIONS) and "past seven days" in weekly.body
    send_due_reminders(FRIDAY_5PM + dt.timedelta(days=1))  # Saturday: the daily one again, no weekly
    assert len(mail.outbox) == 3


def test_no_reminder_before_its_hour_and_no_nudge_on_a_day_already_logged(user, settings, episode_factory):
    settings.TIME_ZONE = "UTC"
    _on(user, weekly=False)
    assert send_due_reminders(FRIDAY_5PM - dt.timedelta(hours=1))["daily"] == 0
    episode_factory(date=FRIDAY_5PM.date())
    assert send_due_reminders(FRIDAY_5PM) == {"daily": 0, "weekly": 0, "skipped": 1}
    assert mail.outbox == []


def test_reminder_choices_are_checked_before_anything_is_saved(user):
    with pytest.raises(UserInputError, match="email"):
        set_reminders(user, {"daily": True, "email": ""})
    with pytest.raises(UserInputError, match="daily_hour"):
        set_reminders(user, {"daily": True, "email": "a@b.org", "daily_hour": "25"})


def test_calendar_feed_reminds_daily_and_weekly_and_its_link_can_be_revoked(user):
    from icalendar import Calendar

    _on(user)
    secret = new_calendar_link(user)
    feed = Calendar.from_ical(calendar_feed(secret))
    events = {str(e["summary"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {"Log today's work in ownpath", "Your week in ownpath: five questions"}
    assert events["Log today's work in ownpath"]["rrule"]["FREQ"] == ["DAILY"]
    assert events["Your week in ownpath: five questions"]["rrule"]["BYDAY"] == ["FR"]
    assert all(e.walk("VALARM") for e in events.values())
    newer = new_calendar_link(user)
    with pytest.raises(NotFound):
        calendar_feed(secret)
    turn_off_calendar_link(user)
    with pytest.raises(NotFound):
        calendar_feed(newer)


def test_reminders_send_command_sends_what_is_due_once(cli, local_user, settings):
    settings.TIME_ZONE = "UTC"
    set_reminders(local_user, {"email": "me@example.org", "daily": True, "daily_hour": 0})
    first = cli("reminders", "send")
    assert first.exit_code == 0, first.output
    assert "Reminders sent: 1 daily, 0 weekly" in first.output
    assert "Reminders sent: 0 daily" in cli("reminders", "send").output and len(mail.outbox) == 1
