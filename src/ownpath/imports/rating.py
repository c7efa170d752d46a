"""Rating what waits: pending events grouped so a recurring series is rated once, then saved.

A group's rating turns its pending events into episodes; for a series it is remembered, so
next week's occurrences of the same 1:1 can be rated with one command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from ownpath.errors import NotFound, UserInputError
from ownpath.imports.assign import title_key
from ownpath.imports.models import PendingEvent, RememberedChoice
from ownpath.journal.models import Episode
from ownpath.journal.services import activities_for, activity_labels, day_total_problems
from ownpath.journal.validation import FieldError, parse_week, validate_episode


@dataclass
class RatingGroup:
    """Pending events that get one rating together: a recurring series, or one title."""

    key: str
    title: str
    events: list[PendingEvent]
    is_series: bool
    activity: str | None
    remembered_energy: int | None = None
    remembered_skill: int | None = None

    @property
    def hours(self) -> float:
        """Hours the group stands for."""
        return sum(e.hours for e in self.events)


def week_bounds(week: str | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of '2025-W12', of the week holding a date, or (default) of last week."""
    today = today or dt.date.today()
    if not week:
        monday = today - dt.timedelta(days=today.weekday() + 7)
    else:
        try:
            monday = parse_week(week, today=today)
        except FieldError as exc:
            raise UserInputError(str(exc)) from None
    return monday, monday + dt.timedelta(days=6)


def pending_count(user) -> int:
    """How many imported events wait for a rating."""
    return PendingEvent.objects.filter(user=user).count()


def rating_groups(user, since: dt.date | None, until: dt.date | None) -> list[RatingGroup]:
    """The person's pending events in the period, grouped so each series is rated once."""
    events = PendingEvent.objects.filter(user=user).select_related("activity")
    if since:
        events = events.filter(date__gte=since)
    if until:
        events = events.filter(date__lte=until)
    groups: dict[str, RatingGroup] = {}
    for event in events.order_by("date", "start_time", "id"):
        key = event.series_id or title_key(event.title or event.note)
        group = groups.get(key)
        if group is None:
            group = groups[key] = RatingGroup(key=key, title=event.title or event.note[:80], events=[],
                                              is_series=bool(event.series_id),
                                              activity=event.activity.slug if event.activity else None)
        group.events.append(event)
        if group.activity is None and event.activity:
            group.activity = event.activity.slug
    remembered = {c.key: c for c in RememberedChoice.objects.filter(user=user, key__in=list(groups))}
    for key, group in groups.items():
        choice = remembered.get(key)
        if choice is not None and group.is_series:
            group.remembered_energy, group.remembered_skill = choice.energy, choice.skill
    return sorted(groups.values(), key=lambda g: (g.events[0].date, g.title))


def rate_group(user, key: str, energy: int, activity: str | None = None, skill: int | None = None,
               since: dt.date | None = None, until: dt.date | None = None, remember: bool = True) -> int:
    """Turn a group's pending events into episodes with this rating; remember it for the series.

    Returns how many episodes were created. All or nothing.
    """
    group = _group(user, key, since, until)
    slug = (activity or group.activity or "").strip().lower()
    labels = activity_labels(user)
    if not slug:
        raise UserInputError(f"activity: '{group.title}' has no activity yet; give one (see `ownpath activities`)")
    activities = {a.slug: a for a in activities_for(user)}
    created = []
    with transaction.atomic():
        for event in group.events:
            raw = {"date": event.date, "activity": slug, "hours": event.hours, "energy": energy, "skill": skill,
                   "engagement": event.engagement, "growth": event.growth, "with": event.with_whom,
                   "note": event.note, "start": event.start_time, "where": event.place}
            record, errors = validate_episode(raw, labels.keys(), labels)
            if errors:
                raise UserInputError("; ".join(f"{e.field}: {e.message}" for e in errors))
            created.append(Episode(user=user, date=record.date, start_time=record.start_time,
                                   activity=activities[record.activity], hours=record.hours, energy=record.energy,
                                   skill=record.skill, engagement=record.engagement, growth=record.growth,
                                   with_whom=record.with_whom, note=record.note, place=record.place,
                                   source=event.source, external_id=event.external_id))
        over_full = day_total_problems(user, ((f"{e.date} {group.title}", e.date, e.hours) for e in created))
        if over_full:
            raise UserInputError("; ".join(p.message for p in over_full))
        PendingEvent.objects.filter(pk__in=[e.pk for e in group.events]).delete()
        Episode.objects.bulk_create(created)
        if remember:
            RememberedChoice.objects.update_or_create(
                user=user, key=key,
                defaults={"activity": activities[slug], "energy": energy if group.is_series else None,
                          "skill": skill if group.is_series else None, "not_work": False})
    return len(created)


def dismiss_group(user, key: str, since: dt.date | None = None, until: dt.date | None = None,
                  remember: bool = True) -> int:
    """Drop a group as 'not work' (lunch, holidays); future imports leave it out when remembered."""
    group = _group(user, key, since, until)
    with transaction.atomic():
        deleted, _ = PendingEvent.objects.filter(pk__in=[e.pk for e in group.events]).delete()
        if remember:
            RememberedChoice.objects.update_or_create(user=user, key=key, defaults={"not_work": True, "energy": None})
    return deleted


def apply_remembered_ratings(user, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[RatingGroup, int]]:
    """Rate every pending recurring event the person already rated before, with that rating."""
    applied = []
    for group in rating_groups(user, since, until):
        if group.is_series and group.remembered_energy is not None and group.activity:
            count = rate_group(user, group.key, group.remembered_energy, group.activity, group.remembered_skill,
                               since, until, remember=False)
            applied.append((group, count))
    return applied


def _group(user, key: str, since, until) -> RatingGroup:
    for group in rating_groups(user, since, until):
        if group.key == key:
            return group
    # NotFound: another person's key, or one already rated, looks the same (a 404 on the web).
    raise NotFound(f"nothing pending for {key!r} in that period")


def remember_title_activities(user, choices: Mapping[str, str]) -> int:
    """Remember the activity the person gave event titles (title -> slug); later plans use it.

    Every slug is checked first: one unknown activity saves none. Empty slugs are skipped.
    """
    labels = activity_labels(user)
    chosen = {title_key(title): slug.strip().lower() for title, slug in choices.items() if slug and slug.strip()}
    bad = sorted(slug for slug in chosen.values() if slug not in labels)
    if bad:
        raise UserInputError("activity: unknown " + ", ".join(repr(s) for s in bad) + " (see your activities)")
    activities = {a.slug: a for a in activities_for(user)}
    with transaction.atomic():
        for key, slug in chosen.items():
            RememberedChoice.objects.update_or_create(user=user, key=key,
                                                      defaults={"activity": activities[slug], "not_work": False})
    return len(chosen)
