"""Write small real .ics files with icalendar itself, the way calendar apps produce them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def calendar(*events: icalendar.Event, timezones: bool = True) -> bytes:
    """A VCALENDAR holding the events, with VTIMEZONEs generated for the zones they use."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ownpath tests//EN")
    cal.add("version", "2.0")
    for event in events:
        cal.add_component(event)
    if timezones:
        cal.add_missing_timezones()
    return cal.to_ical()


def event(uid: str, summary: str, start, end=None, **extra) -> icalendar.Event:
    """One VEVENT; ``extra`` adds properties (rrule=, exdate=, recurrence_id=, attendees=...)."""
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("summary", summary)
    component.add("dtstamp", datetime(2025, 1, 1, 0, 0, tzinfo=ZoneInfo("UTC")))
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    for attendee in extra.pop("attendees", ()):
        component.add("attendee", f"mailto:{attendee}")
    organiser = extra.pop("organiser", None)
    if organiser:
        component.add("organizer", f"mailto:{organiser[1]}", parameters={"CN": organiser[0]})
    for name, value in extra.items():
        component.add(name.replace("_", "-"), value)
    return component


def weekly_one_to_one() -> bytes:
    """A weekly 1:1 in Berlin over the March DST change: one week cancelled, one moved."""
    series = event("weekly-1on1@example.com", "1:1 Alex / Sam",
                   datetime(2025, 3, 17, 10, 0, tzinfo=BERLIN), datetime(2025, 3, 17, 10, 30, tzinfo=BERLIN),
                   rrule={"freq": "weekly", "count": 5},
                   exdate=datetime(2025, 3, 24, 10, 0, tzinfo=BERLIN),
                   organiser=("Alex Boss", "alex@example.com"), attendees=["alex@example.com", "sam@example.com"])
    moved = event("weekly-1on1@example.com", "1:1 Alex / Sam (moved)",
                  datetime(2025, 4, 7, 15, 0, tzinfo=BERLIN), datetime(2025, 4, 7, 16, 0, tzinfo=BERLIN),
                  recurrence_id=datetime(2025, 4, 7, 10, 0, tzinfo=BERLIN),
                  organiser=("Alex Boss", "alex@example.com"), attendees=["alex@example.com", "sam@example.com"])
    holiday = event("easter@example.com", "Easter Monday", date(2025, 4, 21), date(2025, 4, 22))
    demo = event("demo@example.com", "Product demo for Acme",
                 datetime(2025, 3, 20, 9, 0, tzinfo=NEW_YORK), datetime(2025, 3, 20, 10, 30, tzinfo=NEW_YORK),
                 attendees=["a@acme.test", "b@acme.test", "sam@example.com"])
    return calendar(series, moved, holiday, demo)


def one_hour(day: date, hour: int = 9) -> tuple[datetime, datetime]:
    """Start and end of a one-hour slot in Berlin."""
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)
    return start, start + timedelta(hours=1)
