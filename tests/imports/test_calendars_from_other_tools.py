"""Calendar files as Google Calendar, Outlook/Exchange and Apple Calendar write them, with the
quirks that used to refuse a whole file: an event without a UID, a custom VTIMEZONE defined in the
file, Windows zone names, date and date-time values mixed in recurrences. What can be read is
imported; what cannot is left out with its reason; all in one transaction; never a traceback.

The files in tests/fixtures/calendars/ were written for these tests in the layout each tool uses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from recurring_ical_events.series.rrule import Series

from ownpath.imports.models import PendingEvent
from ownpath.imports.parsers.ics import parse_ics
from ownpath.imports.planning import ImportOptions, plan_import
from tests.imports.helpers import import_file

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "calendars"
NOVEMBER = {"window_start": dt.date(2026, 11, 1), "window_end": dt.date(2026, 11, 30), "today": dt.date(2026, 12, 1)}
OPTIONS = ImportOptions(since=dt.date(2026, 11, 1), until=dt.date(2026, 11, 30), time_zone="Europe/London",
                        today=dt.date(2026, 12, 1))


def _read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def test_outlook_with_a_custom_time_zone_an_event_without_uid_and_a_windows_zone_name_imports_whole():
    result = parse_ics(_read("outlook-custom-timezone.ics"), **NOVEMBER)
    assert result.ok and not result.skipped
    titles = [e.title for e in result.events]
    assert titles.count("Research team sync") == 5  # weekly from 2 Nov, in the window
    sync = next(e for e in result.events if e.title == "Research team sync")
    assert sync.start.utcoffset() == dt.timedelta(hours=1) and sync.start.hour == 9 and sync.hours == 1
    assert "Quarterly numbers review" in titles and result.notes["derived_uids"] == 1
    seattle = next(e for e in result.events if e.title == "Call with the Seattle office")
    assert seattle.start.utcoffset() == dt.timedelta(hours=-8)


def test_google_with_a_moved_occurrence_exdates_and_an_all_day_series_mixing_dates_and_date_times():
    result = parse_ics(_read("google-mixed-recurrences.ics"), **NOVEMBER)
    assert result.ok
    standups = [e for e in result.events if e.title.startswith("Daily stand-up")]
    assert dt.date(2026, 11, 6) not in {e.date for e in standups}  # EXDATE
    moved = next(e for e in standups if e.date == dt.date(2026, 11, 5))
    assert moved.title == "Daily stand-up (long: planning)" and moved.hours == 0.75
    assert all("all-day" in reason for where, reason in result.skipped if "8c1e0f7a2b44" in where)


def test_apple_with_alarms_floating_times_and_an_event_without_uid():
    result = parse_ics(_read("apple-no-uid.ics"), **NOVEMBER)
    assert result.ok
    assert [e.title for e in result.events] == ["Client workshop", "Writing the quarterly report", "Coaching session"]


def test_a_series_the_recurrence_library_cannot_expand_is_left_out_with_its_reason(monkeypatch):
    # Fault injection: the library's TypeError on a series mixing date and date-time values,
    # raised for one series; the other events of the file are still imported.
    real_between = Series.between

    def between(self, start, stop):
        if "a91b2c3d4e5f" in str(self.uid):
            raise TypeError("can't compare datetime.datetime to datetime.date")
        return real_between(self, start, stop)

    monkeypatch.setattr(Series, "between", between)
    result = parse_ics(_read("google-mixed-recurrences.ics"), **NOVEMBER)
    assert result.ok
    assert "Hiring panel" not in {e.title for e in result.events} and "Analysing survey data" in {e.title for e in result.events}
    where, reason = next((w, r) for w, r in result.skipped if "a91b2c3d4e5f" in w)
    assert "line" in where and "TypeError" in reason and "cannot be read" in reason


def test_a_library_that_cannot_group_the_series_falls_back_to_one_event_at_a_time(monkeypatch):
    import recurring_ical_events

    real_of = recurring_ical_events.of

    def of(calendar, *args, **kwargs):
        if any("8c1e0f7a2b44" in str(c.get("UID", "")) for c in calendar.walk("VEVENT")):
            raise TypeError("'<' not supported between instances of 'datetime.date' and 'datetime.datetime'")
        return real_of(calendar, *args, **kwargs)

    monkeypatch.setattr(recurring_ical_events, "of", of)
    result = parse_ics(_read("google-mixed-recurrences.ics"), **NOVEMBER)
    assert result.ok and len([e for e in result.events if e.title.startswith("Daily stand-up")]) == 9
    assert any("8c1e0f7a2b44" in where and "TypeError" in reason for where, reason in result.skipped)


@pytest.mark.django_db
@pytest.mark.parametrize("name, events", [("outlook-custom-timezone.ics", 8), ("google-mixed-recurrences.ics", 12),
                                          ("apple-no-uid.ics", 3)])
def test_each_file_imports_in_one_transaction_and_again_adds_nothing(user, name, events):
    summary = import_file(user, _read(name), name, OPTIONS)
    assert summary["pending"] == events == PendingEvent.objects.filter(user=user).count()
    again = import_file(user, _read(name), name, OPTIONS)
    assert again["pending"] == 0 and PendingEvent.objects.filter(user=user).count() == events


@pytest.mark.django_db
def test_the_preview_names_what_is_left_out_and_why(user):
    text = _read("apple-no-uid.ics").decode().replace(
        "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:mars@x\r\nSUMMARY:Off-world sync\r\n"
                         "DTSTART;TZID=Mars/Olympus:20261110T100000\r\nDTEND;TZID=Mars/Olympus:20261110T110000\r\n"
                         "END:VEVENT\r\nEND:VCALENDAR")
    plan = plan_import(user, text.encode(), "work.ics", OPTIONS)
    assert len(plan.pending) == 3
    assert any("could not be read" in note for note in plan.notes)
    assert any("mars@x" in where and "Mars/Olympus" in reason for where, reason in plan.skipped)
