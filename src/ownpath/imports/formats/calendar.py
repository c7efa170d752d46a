"""Calendars (.ics): every occurrence in the window becomes an event waiting for a rating.

Events get an activity from what the person remembered for their series or title, their
rules, or the classifier; events the person marked as not work are left out.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings as django_settings

from ownpath.errors import ImportRejected, UserInputError
from ownpath.imports.assign import classify_events, title_key
from ownpath.imports.formats.base import FormatPlanner, ImportOptions, ImportPlan, check_pending, fit_id, reject_if
from ownpath.imports.models import RememberedChoice
from ownpath.imports.parsers import detect
from ownpath.imports.parsers.ics import parse_ics
from ownpath.imports.rules import classifier_for, rules_for


def plan_calendar(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """Plan a calendar: its occurrences in the window, classified, as events waiting for a rating."""
    today = options.today or dt.date.today()
    result = parse_ics(data, window_start=options.since, window_end=options.until or today,
                           local_tz=_time_zone(options.time_zone), today=today)
    reject_if(result.problems)
    remembered = {key: slug for key, slug in RememberedChoice.objects.filter(user=user, activity__isnull=False)
                  .values_list("key", "activity__slug")}
    not_work = set(RememberedChoice.objects.filter(user=user, not_work=True).values_list("key", flat=True))
    events = [e for e in result.events if (e.series_id or title_key(e.title)) not in not_work]
    ignored = len(result.events) - len(events)
    records = classify_events(events, rules_for(user), classifier_for(user), options.min_confidence, remembered)
    plan = ImportPlan(file_format=detect.ICS, source="ics", skipped=list(result.skipped))
    problems = []
    for event, record in zip(events, records):
        where = f"event UID {event.uid}" + (f" (line {event.line})" if event.line else "")
        record.external_id = fit_id(record.external_id)
        record.series_id = fit_id(record.series_id) if record.series_id else ""
        problems += check_pending(record, where, options)
        plan.pending.append((where, record))
    if problems:
        raise ImportRejected(problems)
    window = result.notes.get("window")
    if window:
        plan.notes.append(f"calendar events from {window[0]} to {window[1]}")
    if result.notes.get("derived_uids"):
        plan.notes.append(f"{result.notes['derived_uids']} event(s) had no UID; each got one from its start and "
                          "title, so importing the same file again adds nothing")
    unreadable = [reason for _, reason in result.skipped if reason.startswith("cannot be read")]
    if unreadable:
        plan.notes.append(f"{len(unreadable)} event(s) could not be read and are left out (each with its reason "
                          "below); everything else is imported")
    if ignored:
        plan.notes.append(f"{ignored} occurrence(s) of events you marked as not work were left out")
    plan.notes.append("calendar events wait for your energy rating, once per recurring event, after importing")
    return plan


def _time_zone(name: str | None):
    """The zone floating times are read in: the option, OWNPATH_TIME_ZONE, or the system's."""
    name = name or django_settings.OWNPATH_TIME_ZONE or _system_zone_name()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserInputError(f"time zone: unknown zone {name!r} (e.g. Europe/Berlin)") from None


def _system_zone_name() -> str | None:
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


PLANNER = FormatPlanner(detect.ICS, plan_calendar, counts_rows=False)
