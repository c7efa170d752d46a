"""Calendar (.ics) parser: events, with recurring series expanded, as plain records.

Google Calendar, Outlook and Apple Calendar all export RFC 5545 files. We parse them with
``icalendar`` and expand recurrence (RRULE/RDATE, EXDATE, RECURRENCE-ID overrides, time
zones) with ``recurring-ical-events`` because hand-rolled expansion gets daylight-saving
shifts and moved occurrences wrong. Nothing here raises on bad input.

What other tools write is imported as far as it can be read: an event without a UID gets a
stable one derived from its start and title; an event (or a whole recurring series) that
cannot be read — an unknown time zone, a broken value, a repeat rule the library cannot
expand — is skipped with its reason, naming its UID and line, and the rest is imported. Only
a file that is not a calendar, or one that would expand past the limits, is refused whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

import icalendar
import recurring_ical_events

from ownpath.imports import limits
from ownpath.imports.parsers.records import EpisodeRecord, ParseResult, Problem
from ownpath.imports.parsers.textio import decode_text

# A calendar that expands to more occurrences than this is almost surely an endless
# series with a wide window; refuse rather than fill the journal with it (limits.py).
MAX_OCCURRENCES = limits.MAX_OCCURRENCES
MAX_EVENT_HOURS = 24.0

_CONTENT_LINE = re.compile(
    r'^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:',
)
_TIME_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")


@dataclass
class CalendarEvent:
    """One occurrence of a calendar event, in the person's local time when known."""

    uid: str
    start: datetime
    hours: float
    title: str
    organiser: str = ""  # e-mail address, lower case, without "mailto:"
    organiser_name: str = ""
    attendee_count: int = 0
    attendees: tuple[str, ...] = ()  # names (or e-mail addresses) of the other attendees
    location: str = ""
    description: str = ""
    recurrence_id: str = ""  # ISO start of the original occurrence, for recurring series
    is_recurring: bool = False
    line: int | None = None

    @property
    def date(self) -> date:
        """The calendar day the event starts on."""
        return self.start.date()

    @property
    def external_id(self) -> str:
        """Stable identity of this occurrence across re-imports of the same calendar."""
        if self.is_recurring:
            return f"ics:{self.uid}@{self.recurrence_id}"
        return f"ics:{self.uid}"

    @property
    def series_id(self) -> str:
        """Identity shared by all occurrences of a recurring event ('' for one-off events)."""
        return f"ics:{self.uid}" if self.is_recurring else ""

    def to_record(self, activity: str | None = None, activity_source: str = "") -> EpisodeRecord:
        """The episode this occurrence becomes; energy is left for the 'rate' flow."""
        return EpisodeRecord(
            date=self.date,
            start=self.start.time().replace(tzinfo=None),
            hours=round(self.hours, 4),
            activity=activity,
            activity_source=activity_source if activity else "",
            title=_printable(self.title),
            note=_printable(self.title),
            with_whom=_people_list([self.organiser_name or self.organiser, *self.attendees]),
            place=" ".join(_printable(self.location).split())[:80],
            external_id=self.external_id,
            series_id=self.series_id,
            source_line=self.line,
        )


@dataclass
class CalendarParse(ParseResult):
    """ParseResult plus the calendar occurrences themselves (records stay unclassified)."""

    events: list[CalendarEvent] = field(default_factory=list)


def parse_ics(
    data: bytes | str,
    *,
    window_start: date | None = None,
    window_end: date | None = None,
    local_tz: tzinfo | None = None,
    today: date | None = None,
) -> CalendarParse:
    """Parse an .ics file into event occurrences between window_start and window_end.

    Defaults: from the earliest event to ``today`` (future meetings have not happened
    yet). Times are converted to ``local_tz`` when given; floating times stay as written.
    All-day, cancelled, zero-length and longer-than-a-day events are skipped with a reason.
    """
    result = CalendarParse(format="ics")
    text, problems = decode_text(data)
    if problems:
        result.problems.extend(problems)
        return result
    event_lines, syntax_problems = _scan_structure(text)
    if syntax_problems:
        result.problems.extend(syntax_problems)
        return result
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # icalendar raises ValueError and friends on bad structure
        result.problems.append(Problem(field="VCALENDAR", line=1, message=f"cannot read calendar: {error}"))
        return result

    vevents = [c for c in calendar.walk("VEVENT")]
    recurring_uids: set[str] = set()
    starts: list[date] = []
    unreadable: dict[str, str] = {}  # UID -> why the event (or its whole series) is left out
    uid_lines: dict[str, int] = {}
    derived = 0
    for index, component in enumerate(vevents):
        line = event_lines[index] if index < len(event_lines) else None
        uid = ""
        try:
            uid = str(component.get("UID", "") or "").strip()
            if not uid:  # some tools leave it out: an ID from what the event is keeps re-imports idempotent
                uid = _derived_uid(component)
                component["UID"] = uid
                derived += 1
            if line is not None:
                uid_lines.setdefault(uid, line)
            problems = _check_event(component, uid, line)
        except Exception as error:  # icalendar raises assorted errors on damaged values
            if not uid:
                uid = f"(event on line {line})"
                try:
                    component["UID"] = uid
                except Exception:  # noqa: BLE001 — a component that takes no UID is dropped below by its label
                    pass
            problems = [Problem(field="VEVENT", uid=uid, line=line, message=f"unreadable event: {error}")]
        if problems:
            unreadable.setdefault(uid, "; ".join(f"{p.field}: {p.message}" for p in problems))
            continue
        if "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component:
            recurring_uids.add(uid)
        start = _safe_decoded(component, "DTSTART")
        if isinstance(start, datetime):
            starts.append(start.date())
        elif isinstance(start, date):
            starts.append(start)
    if derived:
        result.notes["derived_uids"] = derived
    if unreadable:
        _leave_out(calendar, unreadable, uid_lines, result)
        vevents = [c for c in calendar.walk("VEVENT")]
    if result.problems:
        return result
    if not vevents:
        result.notes["events"] = 0
        return result

    today = today or date.today()
    window_start = window_start or min(starts, default=today)
    window_end = window_end or today
    if window_end < window_start:
        result.problems.append(Problem(field="window", message=f"window ends ({window_end}) before it starts ({window_start})"))
        return result
    result.notes["window"] = (window_start, window_end)

    def handle(occurrence) -> None:
        try:
            _add_occurrence(result, occurrence, uid_lines, recurring_uids, window_start, window_end, local_tz)
        except Exception as error:  # icalendar raises assorted errors on damaged values
            uid = str(occurrence.get("UID", "")).strip()
            result.problems.append(Problem(field="VEVENT", uid=uid, line=uid_lines.get(uid),
                                           message=f"unreadable event: {error}"))

    if not _expand(calendar, window_start, window_end, uid_lines, result, handle):
        result.events.clear()
        return result
    result.events.sort(key=lambda e: (e.date, e.start.time(), e.uid))
    result.notes["events"] = len(result.events)
    return result


def _derived_uid(component) -> str:
    """A stable UID for an event its tool wrote without one: from its start, end and title.

    The same event in a later export gets the same ID, so importing it again adds nothing.
    """
    parts = [str(component.get(name).to_ical() if hasattr(component.get(name), "to_ical") else component.get(name, ""))
             for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "SUMMARY")]
    return "no-uid-" + hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _leave_out(calendar, unreadable: dict[str, str], uid_lines: dict[str, int], result: CalendarParse) -> None:
    """Drop the events that cannot be read (a series with all its moved occurrences), each skip with its reason."""
    calendar.subcomponents[:] = [c for c in calendar.subcomponents
                                 if c.name != "VEVENT" or str(c.get("UID", "") or "").strip() not in unreadable]
    for uid, reason in unreadable.items():
        line = uid_lines.get(uid)
        result.skipped.append((f"event UID {uid}" + (f" (line {line})" if line else ""), f"cannot be read ({reason})"))


def _add_occurrence(result, occurrence, uid_lines, recurring_uids, window_start, window_end, local_tz) -> None:
    """Turn one expanded occurrence into an event, a skip with its reason, or a problem."""
    uid = str(occurrence.get("UID", "")).strip()
    line = uid_lines.get(uid)
    where = f"event UID {uid}"
    if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
        result.skipped.append((where, "cancelled"))
        return
    start = occurrence.decoded("DTSTART")
    if not isinstance(start, datetime):
        result.skipped.append((where, f"all-day event on {start} ({occurrence.get('SUMMARY', '')})"))
        return
    end = _occurrence_end(occurrence, start)
    hours = (end - start).total_seconds() / 3600.0
    if hours < 0:
        result.problems.append(Problem(field="DTEND", uid=uid, line=line, message="event ends before it starts"))
        return
    if hours == 0:
        result.skipped.append((where, "no duration (a reminder, not time spent)"))
        return
    if hours > MAX_EVENT_HOURS:
        result.skipped.append((where, f"lasts {hours:.0f} hours, longer than a working day"))
        return
    if local_tz is not None and start.tzinfo is not None:
        start = start.astimezone(local_tz)
    if not window_start <= start.date() <= window_end:
        return
    recurrence = _safe_decoded(occurrence, "RECURRENCE-ID") if uid in recurring_uids else None
    organiser_email, organiser_name = _organiser(occurrence)
    result.events.append(CalendarEvent(
        uid=uid,
        start=start,
        hours=hours,
        title=str(occurrence.get("SUMMARY", "") or "").strip(),
        organiser=organiser_email,
        organiser_name=organiser_name,
        attendee_count=_attendee_count(occurrence),
        attendees=_attendee_names(occurrence, organiser_email),
        location=str(occurrence.get("LOCATION", "") or "").strip(),
        description=str(occurrence.get("DESCRIPTION", "") or "").strip(),
        recurrence_id=_iso(recurrence) if recurrence is not None else "",
        is_recurring=uid in recurring_uids,
        line=line,
    ))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(text: str) -> str:
    """Calendar text without control characters (the journal refuses them in notes)."""
    return _CONTROL.sub(" ", text).strip()


def _scan_structure(text: str) -> tuple[list[int], list[Problem]]:
    """Check content-line syntax and BEGIN/END nesting; return each VEVENT's first line."""
    problems: list[Problem] = []
    event_lines: list[int] = []
    stack: list[tuple[str, int]] = []
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        return [], [Problem(field="BEGIN", line=logical[0][0] if logical else 1,
                            message="not a calendar: the file must start with BEGIN:VCALENDAR")]
    for number, content in logical:
        if not _CONTENT_LINE.match(content):
            problems.append(Problem(field="content line", line=number,
                                    message=f"not 'NAME:value': {content[:60]!r}"))
            if len(problems) >= 50:
                break
            continue
        name, _, value = content.partition(":")
        name = name.split(";", 1)[0].upper()
        if name == "BEGIN":
            stack.append((value.strip().upper(), number))
            if value.strip().upper() == "VEVENT":
                event_lines.append(number)
        elif name == "END":
            component = value.strip().upper()
            if not stack or stack[-1][0] != component:
                expected = stack[-1][0] if stack else "nothing"
                problems.append(Problem(field="END", line=number,
                                        message=f"END:{component} where END:{expected} was expected"))
                return event_lines, problems
            stack.pop()
    for component, number in stack:
        problems.append(Problem(field="END", line=number, message=f"BEGIN:{component} is never closed"))
    return event_lines, problems


def _check_event(component, uid: str, line: int | None) -> list[Problem]:
    """Problems with one VEVENT: missing UID/DTSTART, broken values, unknown time zones."""
    problems: list[Problem] = []
    shown_uid = uid or "(none)"
    for name, message in getattr(component, "errors", []) or []:
        problems.append(Problem(field=str(name), uid=shown_uid, line=line, message=str(message)))
    if "DTSTART" not in component:
        problems.append(Problem(field="DTSTART", uid=shown_uid, line=line, message="event has no start"))
    for name in _TIME_PROPERTIES:
        for prop in _as_list(component.get(name)):
            try:
                tzid = getattr(prop, "params", {}).get("TZID")
            except Exception:  # a broken value: already reported through component.errors
                continue
            if not tzid:
                continue
            for value in _datetimes_of(prop):
                if isinstance(value, datetime) and value.tzinfo is None:
                    problems.append(Problem(
                        field=name, uid=shown_uid, line=line,
                        message=f"unknown time zone TZID={tzid!r} (no VTIMEZONE for it and not a known zone name)",
                    ))
                    break
    for name in ("DTEND", "DURATION"):
        if name in component and _safe_decoded(component, name) is None:
            problems.append(Problem(field=name, uid=shown_uid, line=line, message="unreadable value"))
    start, end = _safe_decoded(component, "DTSTART"), _safe_decoded(component, "DTEND")
    if isinstance(start, datetime) and isinstance(end, datetime) and (start.tzinfo is None) == (end.tzinfo is None):
        if end < start:
            problems.append(Problem(field="DTEND", uid=shown_uid, line=line, message="event ends before it starts"))
    elif type(start) is date and type(end) is date and end < start:
        problems.append(Problem(field="DTEND", uid=shown_uid, line=line, message="event ends before it starts"))
    return _unique(problems)


def _expand(calendar, window_start: date, window_end: date, uid_lines: dict[str, int], result: CalendarParse,
            handle: Callable, isolated: bool = False) -> bool:
    """Expand recurrences within the window lazily, one series at a time, calling ``handle``.

    Bounded: every series first walks its rule lazily (constant memory) under a time budget,
    counting its occurrences in the window against what is left of MAX_OCCURRENCES, so an
    endless minutely series is refused after the limit, not after building millions of
    occurrences, and a rule that never occurs is refused when its budget runs out. Refusals
    name the event UID. Returns False when the calendar was refused (problems added).
    """
    try:
        query = recurring_ical_events.of(calendar)
    except Exception as error:  # the library raises many types on malformed rules: find the events, leave them out
        if isolated:
            result.problems.append(Problem(field="VCALENDAR", line=1,
                                           message=f"cannot expand recurring events: {error}"))
            return False
        return _expand_each(calendar, window_start, window_end, uid_lines, result, handle)
    span_start, span_stop = window_start, window_end + timedelta(days=1)
    counted = 0
    series = None
    try:
        with limits.Deadline(limits.RULE_SECONDS) as deadline:
            all_series = iter(query.series)
            while True:
                try:
                    series = next(all_series)
                except StopIteration:
                    break
                except Exception as error:  # a series the library cannot even group (mixed date/date-time values)
                    result.events.clear()
                    if isolated:
                        result.problems.append(Problem(field="VCALENDAR", line=1,
                                                       message=f"cannot expand recurring events: {error}"))
                        return False
                    return _expand_each(calendar, window_start, window_end, uid_lines, result, handle)
                deadline.restart(limits.RULE_SECONDS)
                uid = str(series.uid).strip()
                before = len(result.events)
                try:
                    expected = _count_rule_starts(series, span_start, span_stop, limits.MAX_OCCURRENCES - counted)
                    if counted + expected > limits.MAX_OCCURRENCES:
                        _refuse_too_many(series, uid_lines, result, counted + expected)
                        return False
                    deadline.restart(limits.RULE_SECONDS + expected * _SECONDS_PER_OCCURRENCE)
                    for occurrence in series.between(query.to_datetime(span_start), query.to_datetime(span_stop)):
                        counted += 1
                        if counted > limits.MAX_OCCURRENCES:
                            _refuse_too_many(series, uid_lines, result, counted)
                            return False
                        handle(occurrence.as_component(False))
                except Exception as error:  # e.g. a TypeError from a rule mixing dates and date-times
                    del result.events[before:]
                    _skip_series(result, uid, uid_lines, error)
    except limits.TimeBudgetExceeded:
        uid = str(series.uid).strip() if series is not None else ""
        result.problems.append(Problem(
            field="RRULE", uid=uid or None, line=uid_lines.get(uid),
            message=(f"the repeat rule takes too long to expand (more than {limits.RULE_SECONDS:g} s: it repeats "
                     f"rarely or never between {window_start} and {window_end}, or very often since long "
                     "before); nothing imported — remove the event or choose a shorter window")))
        return False
    return not result.problems


def _skip_series(result: CalendarParse, uid: str, uid_lines: dict[str, int], error: Exception) -> None:
    """Leave out one event or series the recurrence library cannot expand, saying why."""
    line = uid_lines.get(uid)
    reason = f"{type(error).__name__}: {error}" if isinstance(error, TypeError) else str(error)
    result.skipped.append((f"event UID {uid}" + (f" (line {line})" if line else ""),
                           f"cannot be read (its repeat rule cannot be expanded: {reason})"))


def _expand_each(calendar, window_start: date, window_end: date, uid_lines: dict[str, int], result: CalendarParse,
                 handle: Callable) -> bool:
    """Expand the calendar one UID at a time, so an event the library cannot read is left out alone.

    The slow path, taken only when expanding the whole calendar at once failed.
    """
    timezones = list(calendar.walk("VTIMEZONE"))
    by_uid: dict[str, list] = {}
    for component in calendar.walk("VEVENT"):
        by_uid.setdefault(str(component.get("UID", "")).strip(), []).append(component)
    readable = []
    for uid, components in by_uid.items():
        single = icalendar.Calendar()
        for timezone in timezones:
            single.add_component(timezone)
        for component in components:
            single.add_component(component)
        try:
            recurring_ical_events.of(single).between(window_start, window_end + timedelta(days=1))
        except Exception as error:  # the library raises many types on malformed rules
            _skip_series(result, uid, uid_lines, error)
            continue
        readable.extend(components)
    calendar.subcomponents[:] = [c for c in calendar.subcomponents if c.name != "VEVENT"] + readable
    if not readable:
        return True
    return _expand(calendar, window_start, window_end, uid_lines, result, handle, isolated=True)


# Converting one occurrence into an event takes ~0.2 ms of CPU; the budget only catches runaways.
_SECONDS_PER_OCCURRENCE = 0.002


def _count_rule_starts(series, span_start: date, span_stop: date, enough: int) -> int:
    """Occurrences of a series' rules that start in the span, counted lazily up to ``enough`` + 1.

    Walks dateutil's lazy iterator from the rule's start, so memory stays constant whatever
    the rule; time is bounded by the caller's Deadline.
    """
    count = 0
    for rule in getattr(series.recurrence, "rrules", ()):
        for start in rule:
            day = start.date() if isinstance(start, datetime) else start
            if day > span_stop:
                break
            if day >= span_start:
                count += 1
                if count > enough:
                    return count
    return count


def _refuse_too_many(series, uid_lines: dict[str, int], result: CalendarParse, counted: int) -> None:
    uid = str(series.uid).strip()
    result.problems.append(Problem(
        field="RRULE", uid=uid, line=uid_lines.get(uid),
        message=(f"the calendar expands to more than {limits.MAX_OCCURRENCES:,} occurrences in the window "
                 f"(this event brings it to at least {counted:,}); nothing imported — choose a shorter window")))


def _occurrence_end(occurrence, start: datetime) -> datetime:
    if "DTEND" in occurrence:
        end = occurrence.decoded("DTEND")
        if isinstance(end, datetime):
            if (end.tzinfo is None) != (start.tzinfo is None):
                end = end.replace(tzinfo=start.tzinfo)
            return end
    if "DURATION" in occurrence:
        duration = occurrence.decoded("DURATION")
        if isinstance(duration, timedelta):
            return start + duration
    return start


def _organiser(component) -> tuple[str, str]:
    organiser = component.get("ORGANIZER")
    if organiser is None:
        return "", ""
    address = str(organiser)
    if address.lower().startswith("mailto:"):
        address = address[7:]
    name = str(getattr(organiser, "params", {}).get("CN", "") or "")
    return address.strip().lower(), name.strip()


def _attendee_count(component) -> int:
    return len(_as_list(component.get("ATTENDEE")))


def _attendee_names(component, organiser_email: str) -> tuple[str, ...]:
    """Each attendee's name (CN), else the e-mail address; the organiser is not repeated."""
    names = []
    for attendee in _as_list(component.get("ATTENDEE")):
        address = str(attendee)
        address = address[7:] if address.lower().startswith("mailto:") else address
        if address.strip().lower() == organiser_email:
            continue
        names.append(str(getattr(attendee, "params", {}).get("CN", "") or "").strip() or address.strip())
    return tuple(names)


def _people_list(names) -> str:
    """Names for the journal's `with` list: commas dropped from names, cut at whole names to 200 characters."""
    kept: list[str] = []
    for name in names:
        name = " ".join(_printable(str(name)).replace(",", " ").replace(";", " ").split())
        if name and name.lower() not in {k.lower() for k in kept}:
            if len(", ".join([*kept, name])) > 200:
                break
            kept.append(name)
    return ", ".join(kept)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _datetimes_of(prop) -> list:
    try:
        if hasattr(prop, "dts"):  # EXDATE / RDATE lists
            return [getattr(item, "dt", None) for item in prop.dts]
        return [getattr(prop, "dt", None)]
    except Exception:  # a broken value: already reported through component.errors
        return []


def _safe_decoded(component, name: str):
    try:
        return component.decoded(name)
    except Exception:  # a broken property: already reported through component.errors
        return None


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return unique
