"""Calendar import: real .ics files written with icalendar, as calendar apps write them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.imports.ics_factory import BERLIN, NEW_YORK, calendar, event, one_hour, weekly_one_to_one

from ownpath.imports.parsers.ics import parse_ics

SPRING = dict(window_start=date(2025, 3, 1), window_end=date(2025, 4, 30))


def test_recurring_event_expands_with_exdate_and_moved_occurrence():
    result = parse_ics(weekly_one_to_one(), **SPRING)
    assert result.ok, result.problems
    one_to_ones = [e for e in result.events if e.uid == "weekly-1on1@example.com"]
    # 5 weekly occurrences from 17 March, minus the cancelled 24 March.
    assert [e.date for e in one_to_ones] == [date(2025, 3, 17), date(2025, 3, 31), date(2025, 4, 7), date(2025, 4, 14)]
    moved = next(e for e in one_to_ones if e.date == date(2025, 4, 7))
    assert moved.title == "1:1 Alex / Sam (moved)"
    assert moved.start.time() == time(15, 0) and moved.hours == 1.0


def test_recurring_event_keeps_wall_clock_time_across_daylight_saving_change():
    result = parse_ics(weekly_one_to_one(), **SPRING)
    series = [e for e in result.events if e.uid == "weekly-1on1@example.com" and "moved" not in e.title]
    assert {e.start.time() for e in series} == {time(10, 0)}
    assert {e.start.utcoffset() for e in series} == {timedelta(hours=1), timedelta(hours=2)}


def test_occurrences_have_stable_distinct_ids_and_share_a_series_id():
    first = parse_ics(weekly_one_to_one(), **SPRING)
    second = parse_ics(weekly_one_to_one(), **SPRING)
    ids = [e.external_id for e in first.events]
    assert len(ids) == len(set(ids))
    assert ids == [e.external_id for e in second.events]
    series = {e.series_id for e in first.events if e.uid == "weekly-1on1@example.com"}
    assert series == {"ics:weekly-1on1@example.com"}
    demo = next(e for e in first.events if e.uid == "demo@example.com")
    assert demo.series_id == "" and demo.external_id == "ics:demo@example.com"


def test_moved_occurrence_keeps_the_id_of_the_slot_it_replaced():
    result = parse_ics(weekly_one_to_one(), **SPRING)
    moved = next(e for e in result.events if "moved" in e.title)
    assert moved.recurrence_id.startswith("2025-04-07T10:00:00")


def test_all_day_events_are_skipped_with_a_reason():
    result = parse_ics(weekly_one_to_one(), **SPRING)
    assert all(e.uid != "easter@example.com" for e in result.events)
    assert any("all-day" in reason and "easter" in where for where, reason in result.skipped)


def test_event_fields_organiser_attendees_and_duration():
    result = parse_ics(weekly_one_to_one(), **SPRING)
    first = result.events[0]
    assert first.organiser == "alex@example.com" and first.organiser_name == "Alex Boss"
    assert first.attendee_count == 2 and first.hours == 0.5
    demo = next(e for e in result.events if e.uid == "demo@example.com")
    assert demo.hours == 1.5 and demo.attendee_count == 3


def test_times_convert_to_the_persons_time_zone():
    late = event("late@x", "Late call", datetime(2025, 3, 20, 22, 0, tzinfo=NEW_YORK),
                 datetime(2025, 3, 20, 23, 0, tzinfo=NEW_YORK))
    result = parse_ics(calendar(late), local_tz=BERLIN, **SPRING)
    assert result.events[0].date == date(2025, 3, 21)
    # 22:00 in New York (already on summer time) is 03:00 in Berlin (not yet).
    assert result.events[0].start.time() == time(3, 0)
    record = result.events[0].to_record("customers", "rule")
    assert record.date == date(2025, 3, 21) and record.start_time == time(3, 0) and record.hours == 1.0


def test_utc_and_floating_times_are_read():
    utc = event("utc@x", "UTC sync", datetime(2025, 3, 3, 8, 0, tzinfo=ZoneInfo("UTC")),
                datetime(2025, 3, 3, 8, 45, tzinfo=ZoneInfo("UTC")))
    floating = event("float@x", "Floating focus time", datetime(2025, 3, 4, 9, 0), datetime(2025, 3, 4, 11, 0))
    result = parse_ics(calendar(utc, floating), **SPRING)
    assert result.ok
    assert [(e.uid, e.hours) for e in result.events] == [("utc@x", 0.75), ("float@x", 2.0)]


def test_duration_property_is_used_when_there_is_no_end():
    start, _ = one_hour(date(2025, 3, 5))
    result = parse_ics(calendar(event("dur@x", "Workshop", start, duration=timedelta(minutes=90))), **SPRING)
    assert result.events[0].hours == 1.5


def test_custom_vtimezone_with_non_standard_name_is_honoured():
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Outlook-like//EN\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Custom Office Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:custom@x\r\nSUMMARY:Team sync\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;TZID=Custom Office Time:20250310T100000\r\nDTEND;TZID=Custom Office Time:20250310T110000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = parse_ics(text.encode(), local_tz=ZoneInfo("UTC"), **SPRING)
    assert result.ok, result.problems
    assert result.events[0].start.time() == time(4, 30)


def _left_out(result, uid: str) -> tuple[str, str]:
    """Where and why an event was left out of the import."""
    return next((where, reason) for where, reason in result.skipped if f"event UID {uid}" in where)


def test_an_event_in_an_unknown_time_zone_is_left_out_naming_uid_line_and_field():
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        "BEGIN:VEVENT\r\nUID:mars@x\r\nSUMMARY:Sync\r\nDTSTART;TZID=Mars/Olympus:20250310T100000\r\n"
        "DTEND;TZID=Mars/Olympus:20250310T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = parse_ics(text.encode(), **SPRING)
    assert result.ok and not result.events
    where, reason = _left_out(result, "mars@x")
    assert where == "event UID mars@x (line 4)" and "DTSTART" in reason and "Mars/Olympus" in reason


def test_an_event_with_a_bad_date_is_left_out_naming_its_field():
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:bad@x\r\n"
            "DTSTART:2025-13-45\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = parse_ics(text, **SPRING)
    assert result.ok and "DTSTART" in _left_out(result, "bad@x")[1]


def test_an_event_without_a_uid_gets_a_stable_one_and_one_without_a_start_is_left_out():
    start, end = one_hour(date(2025, 3, 6))
    text = calendar(event("x@x", "Planning", start, end)).decode().replace("UID:x@x\r\n", "")
    text = text.replace("END:VCALENDAR", "BEGIN:VEVENT\r\nSUMMARY:Nothing\r\nEND:VEVENT\r\nEND:VCALENDAR")
    first, again = parse_ics(text, **SPRING), parse_ics(text, **SPRING)
    assert [e.title for e in first.events] == ["Planning"] and first.events[0].uid.startswith("no-uid-")
    assert first.events[0].external_id == again.events[0].external_id  # a re-import adds nothing
    assert any("DTSTART" in reason for _, reason in first.skipped)


def test_malformed_structure_is_reported_by_line():
    result = parse_ics(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis is not ical\r\nEND:VCALENDAR\r\n")
    assert [(p.line, p.field) for p in result.problems][0] == (3, "content line")
    unclosed = parse_ics(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")
    assert {p.field for p in unclosed.problems} == {"END"}


def test_wrong_encoding_is_a_problem_with_line():
    data = "BEGIN:VCALENDAR\r\nSUMMARY:Café\r\n".encode("latin-1")
    problem = parse_ics(data).problems[0]
    assert problem.field == "encoding" and problem.line == 2


def test_endless_series_is_bounded_by_the_window_and_today():
    start, end = one_hour(date(2025, 1, 6))
    standup = event("standup@x", "Daily standup", start, end, rrule={"freq": "daily"})
    result = parse_ics(calendar(standup), today=date(2025, 1, 12))
    assert [e.date for e in result.events] == [date(2025, 1, d) for d in range(6, 13)]


def test_cancelled_zero_length_and_multi_day_events_are_skipped():
    start, end = one_hour(date(2025, 3, 6))
    events = [
        event("cancel@x", "Cancelled", start, end, status="CANCELLED"),
        event("zero@x", "Reminder", start, start),
        event("long@x", "Conference", start, start + timedelta(days=2)),
        event("ok@x", "Real", start, end),
    ]
    result = parse_ics(calendar(*events), **SPRING)
    assert [e.uid for e in result.events] == ["ok@x"]
    assert len(result.skipped) == 3


def test_an_event_ending_before_it_starts_is_left_out():
    start, end = one_hour(date(2025, 3, 6))
    result = parse_ics(calendar(event("back@x", "Backwards", end, start)), **SPRING)
    assert result.ok and not result.events and "DTEND" in _left_out(result, "back@x")[1]


def test_empty_calendar_gives_no_events_and_no_problems():
    result = parse_ics(calendar(), **SPRING)
    assert result.ok and result.events == []


def test_outlook_windows_time_zone_names_are_understood():
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\nBEGIN:VEVENT\r\nUID:w@x\r\n"
            "SUMMARY:Sync\r\nDTSTART;TZID=W. Europe Standard Time:20250310T100000\r\n"
            "DTEND;TZID=W. Europe Standard Time:20250310T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = parse_ics(text, local_tz=ZoneInfo("UTC"), **SPRING)
    assert result.ok and result.events[0].start.time() == time(9, 0)


def test_google_calendar_x_wr_timezone_is_applied():
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
            "X-WR-TIMEZONE:America/Los_Angeles\r\nBEGIN:VEVENT\r\nUID:g@x\r\nSUMMARY:Sync\r\n"
            "DTSTART:20250310T170000Z\r\nDTEND:20250310T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = parse_ics(text, **SPRING)
    assert result.events[0].start.time() == time(10, 0)
