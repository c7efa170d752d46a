"""Reminder use cases: the person's choices, the due reminders (idempotent) and the calendar feed.

Times are the installation's time zone (``TIME_ZONE``, from ``OWNPATH_TIME_ZONE``). The
calendar feed is private by its secret alone (calendar apps cannot log in): making a new
link or turning it off makes the old URL answer 404.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.reminders.models import ReminderSettings

log = logging.getLogger(__name__)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The weekly review of the Good Time Journal (Burnett & Evans, "Designing Your Life"):
# look back over the week's entries, then at the details with AEIOU.
WEEKLY_QUESTIONS = (
    "When were you most engaged this week, and what exactly were you doing?",
    "What gave you energy, and what drained it? Any surprises?",
    "Were you in flow at any moment? What made it possible?",
    "AEIOU: which Activities, Environments, Interactions, Objects and Users were part of your best moments?",
    "What one thing will you do more of next week, and what one thing less?",
)


def reminder_settings_for(user) -> ReminderSettings:
    """The person's reminder choices (all off until they turn one on)."""
    found, _ = ReminderSettings.objects.get_or_create(user=user, defaults={"email": getattr(user, "email", "") or ""})
    return found


def _hour(field: str, value: Any) -> int:
    try:
        hour = int(str(value).strip())
    except ValueError:
        raise UserInputError(f"{field}: pick an hour from 0 to 23") from None
    if not 0 <= hour <= 23:
        raise UserInputError(f"{field}: pick an hour from 0 to 23")
    return hour


@transaction.atomic
def set_reminders(user, choices: Mapping[str, Any]) -> ReminderSettings:
    """Save the person's choices (daily, daily_hour, weekly, weekly_weekday, weekly_hour, email).

    An e-mail address is needed for an e-mail reminder; every field is checked before any is saved.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    current = reminder_settings_for(user)
    email = str(choices.get("email", current.email) or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise UserInputError(f"email: {email!r} is not an e-mail address") from None
    daily, weekly = bool(choices.get("daily")), bool(choices.get("weekly"))
    if (daily or weekly) and not email:
        raise UserInputError("email: give the address the reminders should go to")
    try:
        weekday = int(str(choices.get("weekly_weekday", current.weekly_weekday)))
    except ValueError:
        weekday = -1
    if not 0 <= weekday <= 6:
        raise UserInputError("weekly_weekday: pick a day of the week")
    current.email, current.daily, current.weekly, current.weekly_weekday = email, daily, weekly, weekday
    current.daily_hour = _hour("daily_hour", choices.get("daily_hour", current.daily_hour))
    current.weekly_hour = _hour("weekly_hour", choices.get("weekly_hour", current.weekly_hour))
    current.save()
    return current


def set_conversation_emails(user, wanted: bool) -> ReminderSettings:
    """Turn the person's career-conversation e-mails on or off.

    They are the reminder before a conversation and the one when an agreement they own falls
    due; stopping them stops only the person's own, the other side of a conversation still gets theirs.
    """
    current = reminder_settings_for(user)
    current.conversation_emails = bool(wanted)
    current.save(update_fields=["conversation_emails", "updated_at"])
    return current


def stopped_conversation_emails(user_ids) -> set[int]:
    """Of these people, the ids of those who stopped career-conversation e-mails (one query).

    People who never opened their reminder settings have none stored: they get the e-mails.
    """
    return set(ReminderSettings.objects.filter(user_id__in=list(user_ids), conversation_emails=False)
               .values_list("user_id", flat=True))


def new_calendar_link(user) -> str:
    """A new secret for the person's calendar feed; the previous link stops working."""
    current = reminder_settings_for(user)
    current.calendar_secret = secrets.token_urlsafe(24)
    current.save(update_fields=["calendar_secret", "updated_at"])
    return current.calendar_secret


def turn_off_calendar_link(user) -> None:
    """No calendar feed any more: the link answers 404."""
    ReminderSettings.objects.filter(user=user).update(calendar_secret="")


# --- what a reminder says ----------------------------------------------------------------------

def week_story(user, today: dt.date) -> list[str]:
    """The past seven days in a few plain sentences (entries, hours, what gave and took energy)."""
    from ownpath.insights.services import build_insights

    since = today - dt.timedelta(days=7)
    week = build_insights(user, since=since, today=today)
    if not week["episodes"]:
        return ["You logged nothing in the past seven days: one entry a day is enough to start."]
    days = week["days"]
    lines = [f"In the past seven days: {week['episodes']} entr{'y' if week['episodes'] == 1 else 'ies'}, "
             f"{week['hours']:g} hours over {days} day{'s' if days != 1 else ''}."]
    activities = sorted(week["activities"], key=lambda a: -a["energy"]["estimate"])
    up = [a for a in activities if (a.get("verdict") or {}).get("direction") == "energizes"]
    down = [a for a in reversed(activities) if (a.get("verdict") or {}).get("direction") == "drains"]
    if up:
        lines.append(f"What gave you energy: {up[0]['label']} ({up[0]['verdict']['words']}).")
    if down:
        lines.append(f"What drained you: {down[0]['label']} ({down[0]['verdict']['words']}).")
    if not up and not down:
        lines.append("No activity stands out yet this week: keep logging how each one leaves you.")
    return lines


def daily_message(user, app_url: str) -> tuple[str, str]:
    """Subject and text of the daily nudge."""
    return ("ownpath: how did today's work leave you?",
            "A minute to log today's work: what you did, for how long, and how it left you.\n\n"
            f"Log it: {app_url}/journal/\n\n"
            f"Change or stop these reminders: {app_url}/reminders/\n")


def weekly_message(user, today: dt.date, app_url: str) -> tuple[str, str]:
    """Subject and text of the weekly reflection: the week's story and the review questions."""
    story = "\n".join(week_story(user, today))
    questions = "\n".join(f"- {q}" for q in WEEKLY_QUESTIONS)
    return ("ownpath: your week, and five questions",
            f"{story}\n\nLook back over the week's entries, then ask yourself:\n{questions}\n\n"
            f"Your story so far: {app_url}/insights/\n"
            f"Change or stop these reminders: {app_url}/reminders/\n")


# --- sending -------------------------------------------------------------------------------------

def _claim(pk: int, field: str, today: dt.date) -> bool:
    """Mark one reminder as sent today, unless another run already did (one UPDATE: race-free)."""
    unsent = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": today})
    return ReminderSettings.objects.filter(unsent, pk=pk).update(**{field: today}) == 1


def _public_url() -> str:
    from django.conf import settings

    return settings.OWNPATH_BASE_URL.rstrip("/")


def send_due_reminders(now: dt.datetime | None = None, app_url: str | None = None) -> dict[str, int]:
    """Send every reminder that is due at ``now``; safe to run as often as you like.

    Run it at least hourly (every 5–15 minutes is fine): a daily nudge is due from its hour on
    (skipped on a day the person already logged something), the weekly reflection from its
    hour on its weekday; each goes out at most once a day, even when runs overlap.
    Returns how many of each were sent.
    """
    from django.core.mail import send_mail

    from ownpath.journal.models import Episode

    app_url = app_url or _public_url()  # links in e-mails point at the address people use
    local = timezone.localtime(now or timezone.now())
    today, hour, weekday = local.date(), local.hour, local.weekday()
    sent = {"daily": 0, "weekly": 0, "skipped": 0}
    due = ReminderSettings.objects.select_related("user").exclude(email="").filter(
        Q(daily=True, daily_hour__lte=hour) | Q(weekly=True, weekly_weekday=weekday, weekly_hour__lte=hour))
    for choice in due:
        jobs = []
        if choice.daily and choice.daily_hour <= hour and choice.last_daily_sent != today:
            if Episode.objects.filter(user=choice.user, date=today).exists():
                if _claim(choice.pk, "last_daily_sent", today):
                    sent["skipped"] += 1  # already logged today: no nudge needed
            else:
                jobs.append(("daily", "last_daily_sent", lambda c=choice: daily_message(c.user, app_url)))
        if (choice.weekly and choice.weekly_weekday == weekday and choice.weekly_hour <= hour
                and choice.last_weekly_sent != today):
            jobs.append(("weekly", "last_weekly_sent", lambda c=choice: weekly_message(c.user, today, app_url)))
        for kind, field, message in jobs:
            if not _claim(choice.pk, field, today):
                continue
            subject, body = message()
            try:
                send_mail(subject, body, None, [choice.email])
            except Exception:  # noqa: BLE001 - a mail server down must not stop the others
                log.exception("could not send the %s reminder to user %s", kind, choice.user_id)
                ReminderSettings.objects.filter(pk=choice.pk).update(**{field: None})  # try again next run
                continue
            sent[kind] += 1
    return sent


# --- the calendar feed ---------------------------------------------------------------------------

def calendar_feed(secret: str, app_url: str = "http://127.0.0.1:8000") -> bytes:
    """The person's reminders as an iCalendar feed (RFC 5545), found by the link's secret.

    A daily event at their hour and a weekly one with the review questions, each with an
    alarm, so any calendar app reminds them. An unknown or revoked secret is NotFound.
    """
    from icalendar import Alarm, Calendar, Event

    if not secret:
        raise NotFound("no such calendar")
    try:
        choice = ReminderSettings.objects.get(calendar_secret=secret)
    except ReminderSettings.DoesNotExist:
        raise NotFound("no such calendar") from None
    tz = timezone.get_current_timezone()
    start = timezone.localtime(choice.updated_at).date()
    calendar = Calendar()
    calendar.add("prodid", "-//ownpath//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ownpath reminders")

    def event(uid: str, summary: str, description: str, begins: dt.datetime, rule: dict) -> Event:
        item = Event()
        item.add("uid", f"{uid}-{choice.pk}@ownpath")
        item.add("summary", summary)
        item.add("description", description)
        item.add("dtstart", begins)
        item.add("duration", dt.timedelta(minutes=10))
        item.add("dtstamp", choice.updated_at)
        item.add("rrule", rule)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(0))
        item.add_component(alarm)
        return item

    if choice.daily:
        begins = dt.datetime.combine(start, dt.time(choice.daily_hour), tzinfo=tz)
        calendar.add_component(event("daily", "Log today's work in ownpath",
                                     f"What did you do, for how long, and how did it leave you? {app_url}/journal/",
                                     begins, {"freq": "daily"}))
    if choice.weekly:
        first = start + dt.timedelta(days=(choice.weekly_weekday - start.weekday()) % 7)
        begins = dt.datetime.combine(first, dt.time(choice.weekly_hour), tzinfo=tz)
        questions = "\n".join(f"- {q}" for q in WEEKLY_QUESTIONS)
        calendar.add_component(event("weekly", "Your week in ownpath: five questions",
                                     f"Look back over the week's entries ({app_url}/insights/), then:\n{questions}",
                                     begins, {"freq": "weekly", "byday": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                                                                           [choice.weekly_weekday]}))
    return calendar.to_ical()
