"""Use cases of the journal. Every function takes the acting user and scopes to them."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping, Sequence

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum

from ownpath.errors import Hint, ImportRejected, NotFound, Problem, UserInputError
from ownpath.journal import bulk, transfer
from ownpath.journal.models import Activity, Episode, PersonSettings
from ownpath.journal.validation import (
    EpisodeInvalid,
    EpisodeRecord,
    FieldError,
    canonical_fields,
    day_total_message,
    over_full_days,
    validate_episode,
)


def local_user():
    """The person a local, single-user install acts as (created on first use)."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=django_settings.OWNPATH_LOCAL_USERNAME)
    return user


def activities_for(user) -> QuerySet[Activity]:
    """The built-in activities and the person's own, ordered by slug."""
    return Activity.objects.filter(Q(owner__isnull=True) | Q(owner=user)).order_by("slug")


def activity_labels(user) -> dict[str, str]:
    """Slug → label of every activity the person can log."""
    return dict(activities_for(user).values_list("slug", "label"))


def add_activity(user, slug: str, label: str, description: str = "", gwa_ids: Iterable[str] = ()) -> Activity:
    """Add a person's own activity; its slug must not clash with one they already have."""
    slug = slug.strip().lower()
    if not slug or not slug.replace("_", "").replace("-", "").isalnum() or len(slug) > 40:
        raise UserInputError(f"slug: must be 1–40 letters, digits, '-' or '_', got {slug!r}")
    if activities_for(user).filter(slug=slug).exists():
        raise UserInputError(f"slug: you already have an activity {slug!r}")
    label = (label or slug).strip()[:80]
    return Activity.objects.create(owner=user, slug=slug, label=label, description=description[:300],
                                   gwa_ids=list(gwa_ids))


# Everyday words -> activities. The classifier belongs to the imports app, which registers it here
# when it starts (imports writes through journal; journal never imports imports).
_activity_ranker: Callable | None = None


def register_activity_ranker(ranker: Callable) -> None:
    """Set the function (user, text, top) -> [(slug, probability)] that reads everyday words as activities."""
    global _activity_ranker
    _activity_ranker = ranker


def suggest_activities(user, text: str, top: int = 2) -> list[tuple[str, str]]:
    """The person's activities an everyday phrase most likely means ("1:1 with junior" -> coaching, managing).

    The same classifier (shipped phrases, O*NET task words, the person's own notes and calendar
    choices) that gives imported calendar events their activity; (slug, label), likeliest first.
    """
    if _activity_ranker is None:
        return []
    labels = activity_labels(user)
    ranked = _activity_ranker(user, text, top + 2)
    return [(slug, labels[slug]) for slug, p in ranked if slug in labels and p >= 0.05][:top]


def _validated_episode(user, raw: Mapping) -> Episode:
    """An unsaved episode from raw fields, validated against the person's activities.

    An activity given in everyday words is refused with the activities it sounds like, and
    the words kept as the entry's note in the suggested command.
    """
    activities = {a.slug: a for a in activities_for(user)}
    labels = {slug: a.label for slug, a in activities.items()}
    record, errors = validate_episode(raw, labels.keys(), labels)
    if errors or record is None:
        text = str(raw.get("activity") or "").strip()
        activity_error = next((e for e in errors if e.field == "activity"), None)
        # Everyday words ("1:1 with junior", "email") and typos alike: the classifier reads both.
        if text and activity_error:
            suggested = suggest_activities(user, text)
            # A typo both readings agree on keeps its short "did you mean" answer.
            typo = any(f"did you mean {slug}" in activity_error.message or f" {slug}," in activity_error.message
                       for slug, _ in suggested)
            if suggested and not typo:
                words = " or ".join(f"{slug} ({label})" for slug, label in suggested)
                invalid = EpisodeInvalid(
                    [FieldError("activity", f"{text!r} is not one of your activities; it sounds like {words}")]
                    + [e for e in errors if e.field != "activity"])
                invalid.hint = Hint(f'ownpath log {suggested[0][0]} --hours H --energy E --note "{text}"',
                                    "web:journal", f"log it as {suggested[0][1]}")
                raise invalid
        raise EpisodeInvalid(errors)
    return _episode_from_record(user, record, activities)


def log_episode(user, raw: Mapping) -> Episode:
    """Validate and save one episode for the person; any bad field refuses the whole entry (EpisodeInvalid).

An entry that would take its date past 24 hours is refused with the day's total. A
    ``uuid`` chosen by the client makes logging idempotent: an entry sent again (a phone that
    queued it offline and retries) is saved once, and the saved one is returned.
    """
    episode = _validated_episode(user, raw)
    if raw.get("uuid"):
        existing = Episode.objects.filter(user=user, uuid=episode.uuid).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            _refuse_over_full_day(user, episode)
            episode.save()
    except IntegrityError:
        if not raw.get("uuid"):
            raise
        # The same entry arrived twice at once: the other request saved it.
        return Episode.objects.get(user=user, uuid=episode.uuid)
    return episode


def log_day(user, date: dt.date, raws: list[Mapping]) -> list[Episode]:
    """Save a reconstructed day (Day Reconstruction Method): its episodes together, or none.

    ``raws`` are the day's episodes in order, each with the fields of ``log_episode`` (their date
    is ``date``); rows without an activity are the form's spare rows and are skipped. Any bad
    row refuses the whole day with every problem named by its episode number, so a person
    walking through yesterday never ends up with half of it saved.
    """
    rows = [(number, dict(raw) | {"date": date.isoformat()}) for number, raw in enumerate(raws, start=1)
            if str(raw.get("activity") or "").strip()]
    if not rows:
        raise UserInputError("no episodes yet: give at least one episode an activity, its hours and how it felt")
    activities = {a.slug: a for a in activities_for(user)}
    labels = {slug: a.label for slug, a in activities.items()}
    episodes, problems = [], []
    for number, raw in rows:
        record, errors = validate_episode(raw, labels.keys(), labels)
        problems += [f"episode {number}, {e.field}: {e.message}" for e in errors]
        if not errors and record is not None:
            episodes.append(_episode_from_record(user, record, activities))
    if problems:
        raise UserInputError("nothing saved: " + "; ".join(problems))
    with transaction.atomic():
        total = sum(e.hours for e in episodes)
        for _, day, day_total, before in over_full_days(hours_on_dates(user, [date]), [(None, date, total)]):
            raise UserInputError(f"nothing saved: {day_total_message(day, day_total, before)}")
        for episode in episodes:  # one by one: a day is a handful, and each save tells sharing its journal changed
            episode.save()
    return episodes


def hours_on_dates(user, days: Iterable[dt.date], excluding: int | None = None) -> dict[dt.date, float]:
    """Hours the person's journal already holds on each of the given dates."""
    days = set(days)
    if not days:
        return {}
    episodes = Episode.objects.filter(user=user, date__gte=min(days), date__lte=max(days))
    if excluding is not None:
        episodes = episodes.exclude(pk=excluding)
    totals = episodes.values("date").annotate(total=Sum("hours")).values_list("date", "total")
    return {day: float(total) for day, total in totals if day in days}


def day_total_problems(user, added: Iterable[tuple[int | str, dt.date, float]]) -> list[Problem]:
    """Problems for dates the new entries (where, date, hours) would take past 24 hours."""
    added = list(added)
    existing = hours_on_dates(user, (day for _, day, _ in added))
    return [Problem(where, "hours", day_total_message(day, total, before))
            for where, day, total, before in over_full_days(existing, added)]


def _refuse_over_full_day(user, episode: Episode) -> None:
    existing = hours_on_dates(user, [episode.date], excluding=episode.pk)
    for _, day, total, before in over_full_days(existing, [(None, episode.date, episode.hours)]):
        raise UserInputError(f"hours: {day_total_message(day, total, before)}")


def _episode_from_record(user, record: EpisodeRecord, activities: Mapping[str, Activity]) -> Episode:
    episode = Episode(
        user=user,
        date=record.date,
        start_time=record.start_time,
        activity=activities[record.activity],
        hours=record.hours,
        energy=record.energy,
        skill=record.skill,
        engagement=record.engagement,
        growth=record.growth,
        off_clock=record.off_clock,
        with_whom=record.with_whom,
        place=record.place,
        tools=record.tools,
        flow=record.flow,
        note=record.note,
        source=record.source,
        external_id=record.external_id,
    )
    if record.uuid:
        episode.uuid = record.uuid
    return episode


def add_episodes(user, records: Iterable[EpisodeRecord]) -> int:
    """Save validated records as the person's episodes, in the caller's transaction; how many.

    The caller has checked what it must (duplicates, day totals); this is the journal's own write,
    so rows of episodes are written here only.
    """
    activities = {a.slug: a for a in activities_for(user)}
    episodes = Episode.objects.bulk_create([_episode_from_record(user, record, activities) for record in records])
    return len(episodes)


def insert_episode_records(user, records: Sequence[EpisodeRecord], batch_size: int = 2000,
                           progress: Callable[[int], None] | None = None) -> int:
    """Save many validated records fast (batched INSERT, COPY on PostgreSQL) in the caller's transaction.

    For imports of 100,000 entries, where building model instances would take most of the time;
    ``progress`` is told each batch's size.
    """
    activity_ids = {a.slug: a.pk for a in activities_for(user)}
    rows = [{
        "user_id": user.pk, "date": record.date, "start_time": record.start_time,
        "activity_id": activity_ids[record.activity], "hours": record.hours, "energy": record.energy,
        "skill": record.skill, "engagement": record.engagement, "growth": record.growth,
        "off_clock": record.off_clock, "with_whom": record.with_whom, "note": record.note,
        "place": record.place, "tools": record.tools, "flow": record.flow,
        "source": record.source, "external_id": record.external_id,
        **({"uuid": uuid_module.UUID(record.uuid)} if record.uuid else {}),
    } for record in records]
    return bulk.insert_rows(Episode, rows, batch_size, progress)


def episodes_for(user, since: dt.date | None = None, until: dt.date | None = None,
                 activity: str | None = None) -> QuerySet[Episode]:
    """The person's episodes, oldest first, optionally filtered by date range and activity."""
    episodes = Episode.objects.filter(user=user).select_related("activity")
    if since:
        episodes = episodes.filter(date__gte=since)
    if until:
        episodes = episodes.filter(date__lte=until)
    if activity:
        episodes = episodes.filter(activity__slug=activity)
    return episodes.order_by("date", "start_time", "id")


def context_lists_for(user, limit: int = 30) -> dict[str, list[str]]:
    """The person's own places, people and tools, most used first (for type-ahead lists)."""
    from collections import Counter

    from ownpath.journal.validation import PEOPLE_KINDS, split_list

    counts: dict[str, Counter] = {"places": Counter(), "people": Counter(), "tools": Counter()}
    rows = Episode.objects.filter(user=user).exclude(place="", with_whom="", tools="")
    for place, with_whom, tools in rows.values_list("place", "with_whom", "tools").iterator(chunk_size=5000):
        if place:
            counts["places"][place] += 1
        counts["people"].update(split_list(with_whom))
        counts["tools"].update(split_list(tools))
    lists = {name: [value for value, _ in counter.most_common(limit)] for name, counter in counts.items()}
    lists["people"] += [kind for kind in PEOPLE_KINDS if kind not in lists["people"]]
    return lists


def get_episode(user, episode_id: int) -> Episode:
    """One of the person's episodes; someone else's looks exactly like a missing one."""
    try:
        return Episode.objects.select_related("activity").get(user=user, pk=episode_id)
    except (Episode.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"episode {episode_id} not found") from None


def update_episode(user, episode_id: int, changes: Mapping) -> Episode:
    """Change fields of one of the person's episodes, validated like a new entry."""
    episode = get_episode(user, episode_id)
    raw = {
        "date": episode.date, "activity": episode.activity.slug, "hours": episode.hours,
        "energy": episode.energy, "skill": episode.skill, "engagement": episode.engagement,
        "growth": episode.growth, "off_clock": episode.off_clock, "with_whom": episode.with_whom,
        "note": episode.note, "start_time": episode.start_time, "place": episode.place, "tools": episode.tools,
        "flow": episode.flow,
    }
    raw.update(canonical_fields(changes))
    updated = _validated_episode(user, raw)
    updated.pk, updated.uuid, updated.created_at = episode.pk, episode.uuid, episode.created_at
    updated.source, updated.external_id = episode.source, episode.external_id
    with transaction.atomic():
        _refuse_over_full_day(user, updated)
        updated.save()
    return updated


def delete_episode(user, episode_id: int) -> None:
    """Delete one of the person's episodes."""
    get_episode(user, episode_id).delete()


def settings_for(user) -> PersonSettings:
    """The person's settings; the defaults, unsaved, until they change one (reading writes nothing)."""
    return PersonSettings.objects.filter(user=user).first() or PersonSettings(user=user)


def target_is_set(user) -> bool:
    """Whether the person has chosen their weekly target (until then it is the default, never assumed silently)."""
    return PersonSettings.objects.filter(user=user).exists()


def update_settings(user, *, target_hours_per_week: float | None = None) -> PersonSettings:
    """Change the person's settings; the weekly target must be between 1 and 100 hours."""
    person_settings = settings_for(user)
    if target_hours_per_week is not None:
        if not 1 <= target_hours_per_week <= 100:
            raise UserInputError(f"target-hours: must be between 1 and 100 hours a week, got {target_hours_per_week:g}")
        person_settings.target_hours_per_week = target_hours_per_week
    person_settings.save()
    return person_settings


@transaction.atomic
def import_episode_records(user, records: list[tuple[int | str, EpisodeRecord]],
                           new_activities: Iterable[Mapping] = (), batch_size: int = 2000) -> dict:
    """Save validated records for the person in one transaction: all or nothing.

    Episodes already in the journal (same uuid, or same source and external id) are skipped,
    so importing the same file twice adds nothing. Returns counts of what was done.
    """
    created_activities = 0
    own = {a.slug for a in activities_for(user)}
    for definition in new_activities:
        if definition["slug"] not in own:
            add_activity(user, definition["slug"], definition.get("label", ""), definition.get("description", ""),
                         definition.get("gwa_ids", ()))
            created_activities += 1
    activities = {a.slug: a for a in activities_for(user)}
    missing = [Problem(where, "activity", f"unknown activity {r.activity!r}") for where, r in records
               if r.activity not in activities]
    if missing:
        raise ImportRejected(missing)
    existing_uuids = {str(u) for u in Episode.objects.filter(user=user).values_list("uuid", flat=True)}
    existing_keys = set(Episode.objects.filter(user=user).exclude(external_id="")
                        .values_list("source", "external_id"))
    to_create, skipped, added = [], 0, []
    for where, record in records:
        if (record.uuid and record.uuid in existing_uuids) or (
                record.external_id and (record.source, record.external_id) in existing_keys):
            skipped += 1
            continue
        if record.uuid:
            existing_uuids.add(record.uuid)
        if record.external_id:
            existing_keys.add((record.source, record.external_id))
        to_create.append(_episode_from_record(user, record, activities))
        added.append((where, record.date, record.hours))
    over_full = day_total_problems(user, added)
    if over_full:
        raise ImportRejected(over_full)
    try:
        Episode.objects.bulk_create(to_create, batch_size=batch_size)
    except IntegrityError as exc:  # a race with another writer; nothing is kept
        raise UserInputError(f"import conflicts with episodes saved meanwhile, nothing imported ({exc})") from None
    return {"imported": len(to_create), "skipped_duplicates": skipped, "activities_created": created_activities}


def delete_account(user, typed_name: str) -> dict[str, int]:
    """Delete the person and every row that is theirs, in one transaction; returns counts per kind.

    ``typed_name`` must be the person's username (a confirmation nobody gives by a slip of the
    hand). Their journal, own activities, options, values, path, reflections, reminders, imports,
    tokens, shares, memberships and conversations go with them; anonymous figures already
    released stay (they hold no row of theirs). Nothing can bring the data back.
    """
    if (typed_name or "").strip() != user.get_username():
        raise UserInputError("confirm: type your username exactly to delete your account; nothing was deleted")
    from ownpath.options.models import Option

    with transaction.atomic():
        # Entries and options first: they protect the activities they name, which go with the person.
        entries, _ = Episode.objects.filter(user=user).delete()
        options, _ = Option.objects.filter(user=user).delete()
        _, by_kind = user.delete()
    return {"entries": entries, "options": options,
            "rows": sum(by_kind.values()) + entries + options}


def export_journal(user, file_format: str = "json") -> str:
    """The person's whole journal as JSON (lossless) or CSV (the documented header)."""
    episodes = episodes_for(user)
    if file_format == "csv":
        return transfer.journal_to_csv(episodes.iterator(chunk_size=5000))
    if file_format != "json":
        raise UserInputError(f"format: must be json or csv, got {file_format!r}")
    own = Activity.objects.filter(owner=user).order_by("slug")
    person = settings_for(user)
    return transfer.journal_to_json(episodes.iterator(chunk_size=5000), own,
                                    {"target_hours_per_week": person.target_hours_per_week})


def detect_journal_format(text: str, filename: str = "") -> str:
    """json or csv, from the file name's extension or else from the content."""
    lowered = filename.lower()
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith(".csv"):
        return "csv"
    return "json" if text.lstrip("\ufeff \t\r\n").startswith("{") else "csv"


def import_journal(user, text: str, file_format: str | None = None, filename: str = "",
                   max_entries: int | None = None) -> dict:
    """Import a JSON or CSV journal file for the person: every row valid, or nothing saved.

    ``max_entries`` refuses a JSON file with more episodes than that (the importers' bound).
    """
    file_format = file_format or detect_journal_format(text, filename)
    labels = activity_labels(user)
    if file_format == "csv":
        return import_episode_records(user, transfer.parse_journal_csv(text, labels.keys(), labels))
    if file_format != "json":
        raise UserInputError(f"format: must be json or csv, got {file_format!r}")
    records, own_activities, imported_settings = transfer.parse_journal_json(text, labels.keys(), labels,
                                                                                max_entries=max_entries)
    with transaction.atomic():
        summary = import_episode_records(user, records, new_activities=own_activities)
        target = imported_settings.get("target_hours_per_week")
        if isinstance(target, (int, float)) and not Episode.objects.filter(user=user).exclude(
                uuid__in=[r.uuid for _, r in records if r.uuid]).exists():
            # Settings travel with a journal only into an otherwise empty journal.
            update_settings(user, target_hours_per_week=float(target))
    return summary


def journal_state(user) -> str:
    """A stamp that changes whenever the person's journal or settings change (for caches)."""
    from django.db.models import Count, Max

    state = episodes_for(user).aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    target = settings_for(user).target_hours_per_week
    return f"{state['n']}:{state['last']}:{state['changed'].isoformat() if state['changed'] else ''}:{target}"
