"""Daylio exports: each entry an episode once the person mapped Daylio's activities to theirs.

Daylio has no durations (each entry counts as --hours, 1 h by default) and rates mood on its
own scale, which the person may change. Until every Daylio activity in the file is mapped,
planning stops with NeedsActivityMapping (and suggestions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ownpath.analytics.text_classifier import assign_activity
from ownpath.errors import Hint, ImportRejected, Problem, UserInputError
from ownpath.imports.formats.base import FormatPlanner, ImportOptions, ImportPlan, reject_if, to_episode
from ownpath.imports.parsers import daylio as daylio_parser
from ownpath.imports.parsers import detect
from ownpath.imports.rules import classifier_for, import_settings_for, known_activity_names, rules_for
from ownpath.journal.services import activity_labels

DAYLIO_DEFAULT_HOURS = 1.0


class NeedsActivityMapping(UserInputError):
    """A Daylio file names activities or moods the person has not mapped yet; nothing was imported.

    Both questions come in one step: each unmapped activity with its entry count and suggested
    activity, each renamed mood with its count and proposed level (-2 … +2).
    """

    def __init__(self, counts: Mapping[str, int], suggestions: Mapping[str, str | None],
                 moods: Mapping[str, int] | None = None, mood_levels: Mapping[str, int] | None = None):
        self.counts = dict(counts)
        self.suggestions = dict(suggestions)
        self.moods = dict(moods or {})
        self.mood_levels = dict(mood_levels or {})
        asked = []
        if self.counts:
            asked.append(f"how your Daylio activities map to ownpath activities ({', '.join(sorted(self.counts))})")
        if self.moods:
            asked.append("what your renamed moods mean: " + ", ".join(
                f"{name!r} ({count} entr{'y' if count == 1 else 'ies'}, proposed {self.mood_levels.get(name, 0):+d})"
                for name, count in sorted(self.moods.items(), key=lambda kv: (-kv[1], kv[0]))))
        super().__init__("confirm " + " and ".join(asked) + " first; nothing was imported",
                         hint=Hint("ownpath import FILE (interactively, or --yes to accept the proposals)",
                                   "web:import", "confirm them on the import page"))


def daylio_mapping_for(user) -> dict[str, str | None]:
    """The Daylio activity mapping the person confirmed (name -> slug, or None for 'not work')."""
    return dict(import_settings_for(user).daylio_mapping or {})


def confirm_daylio_mapping(user, mapping: Mapping[str, str | None]) -> dict[str, str | None]:
    """Store (merge) the person's Daylio mapping after checking every target activity exists."""
    known = set(activity_labels(user))
    bad = [f"{name!r} -> {slug!r}" for name, slug in mapping.items() if slug and slug not in known]
    if bad:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(bad))
    settings = import_settings_for(user)
    merged = dict(settings.daylio_mapping or {})
    merged.update({" ".join(name.lower().split()): (slug or None) for name, slug in mapping.items()})
    settings.daylio_mapping = merged
    settings.save(update_fields=["daylio_mapping"])
    return merged


def mood_scale_for(user) -> dict[str, int]:
    """The person's Daylio mood scale (rad=2 … awful=-2 unless changed)."""
    return dict(import_settings_for(user).mood_scale or daylio_parser.DEFAULT_MOOD_SCALE)


def add_mood_levels(user, levels: Mapping[str, int]) -> dict[str, int]:
    """Add renamed moods to the person's scale (name -> level -2 … +2), keeping the moods already there."""
    bad = [f"{name!r}={level!r}" for name, level in levels.items()
           if not isinstance(level, int) or not -2 <= level <= 2]
    if bad:
        raise UserInputError("mood scale: a mood's level is -2 … +2, not " + ", ".join(bad))
    settings = import_settings_for(user)
    scale = dict(settings.mood_scale or daylio_parser.DEFAULT_MOOD_SCALE)
    scale.update({" ".join(name.lower().split()): level for name, level in levels.items()})
    settings.mood_scale = scale
    settings.save(update_fields=["mood_scale"])
    return scale


def set_mood_scale(user, spec: str) -> dict[str, int]:
    """Set the mood scale from 'rad=2,good=1,...'."""
    scale, problems = daylio_parser.parse_mood_scale(spec)
    if problems or not scale:
        raise UserInputError("mood scale: " + ("; ".join(p.message for p in problems) or "empty"))
    settings = import_settings_for(user)
    settings.mood_scale = scale
    settings.save(update_fields=["mood_scale"])
    return scale


def plan_daylio(user, data, filename: str, options: ImportOptions) -> ImportPlan:
    """Plan a Daylio export: every entry an episode, through the person's activity mapping."""
    scale = mood_scale_for(user)
    scale.update({" ".join(k.lower().split()): int(v) for k, v in (options.mood_levels or {}).items()})
    renamed: Counter = Counter()
    entries, problems = daylio_parser.read_daylio(data, scale, unknown_moods=renamed)
    proposals = {mood: daylio_parser.propose_mood_level(mood) for mood in renamed}
    if renamed:  # read again with the proposals, so the activity question covers every entry
        entries, problems = daylio_parser.read_daylio(data, scale | proposals)
    reject_if(problems)
    mapping = daylio_mapping_for(user)
    mapping.update({" ".join(k.lower().split()): v for k, v in options.activity_names.items()})
    counts = daylio_parser.activity_names(entries)
    unmapped = {name: n for name, n in counts.items() if name not in mapping}
    suggestions = suggest_daylio_mapping(user, unmapped) if unmapped else {}
    if (unmapped or renamed) and not options.accept_suggestions:
        raise NeedsActivityMapping(unmapped, suggestions, dict(renamed), proposals)
    mapping.update(suggestions)
    scale.update(proposals)
    unknown = [f"{n!r} -> {s!r}" for n, s in mapping.items() if s and s not in activity_labels(user)]
    if unknown:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(unknown))
    result = daylio_parser.parse_daylio(data, mapping, scale)
    reject_if(result.problems)
    hours = options.default_hours or DAYLIO_DEFAULT_HOURS
    plan = ImportPlan(file_format=detect.DAYLIO, source="daylio", skipped=list(result.skipped),
                      daylio_mapping={name: mapping[name] for name in counts},
                      mood_levels={mood: scale[mood] for mood in renamed} | dict(options.mood_levels or {}))
    plan.notes.append(f"Daylio has no durations: each episode counts as {hours:g} h")
    problems = []
    labels = activity_labels(user)
    known = set(labels)
    for record in result.records:
        record.hours = hours
        where = record.source_line or "file"
        episode, errors = to_episode(labels, record, "daylio", options, known)
        problems += [Problem(where, e.field, e.message) for e in errors]
        if episode:
            plan.episodes.append((where, episode))
    if problems:
        raise ImportRejected(problems)
    return plan


def suggest_daylio_mapping(user, names: Iterable[str]) -> dict[str, str | None]:
    """A proposal per Daylio name: our activity when the name says so clearly, else 'not work'."""
    known = known_activity_names(user)
    rules = rules_for(user)
    classifier = classifier_for(user)
    suggestions = {}
    for name in names:
        if name in known:
            suggestions[name] = known[name]
            continue
        assignment = assign_activity(name, rules, classifier, min_confidence=0.8)
        suggestions[name] = assignment.activity
    return suggestions


PLANNER = FormatPlanner(detect.DAYLIO, plan_daylio)
