"""Giving imported calendar events and untyped rows their activity: rules, classifier, person.

Events the rules and the classifier cannot place confidently are grouped by title (a
recurring meeting or a repeated title is one question, not fifty) for the person to assign.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ownpath.analytics.activity_rules import normalise_text
from ownpath.analytics.text_classifier import Assignment, TextClassifier, assign_activity
from ownpath.imports.parsers.ics import CalendarEvent
from ownpath.imports.parsers.records import EpisodeRecord


@dataclass
class UnassignedGroup:
    """Records sharing one title that still need an activity from the person."""

    title: str
    records: list[EpisodeRecord] = field(default_factory=list)
    suggestions: tuple[tuple[str, float], ...] = ()

    @property
    def hours(self) -> float:
        """Total hours the group stands for (what assigning it is worth)."""
        return sum(r.hours or 0.0 for r in self.records)


def classify_events(
    events: Sequence[CalendarEvent],
    rules=(),
    classifier: TextClassifier | None = None,
    min_confidence: float = 0.5,
    remembered: dict[str, str] | None = None,
) -> list[EpisodeRecord]:
    """Turn calendar events into records with an activity where one can be chosen.

    ``remembered`` maps a series id or a normalised title to the activity the person chose
    before, and wins over rules and classifier (the person's word is final).
    """
    remembered = remembered or {}
    cache: dict[tuple[str, str, int], Assignment] = {}
    records = []
    for event in events:
        known = remembered.get(event.series_id) if event.series_id else None
        known = known or remembered.get(title_key(event.title))
        if known:
            records.append(event.to_record(known, "remembered"))
            continue
        key = (event.title, event.organiser, event.attendee_count)
        if key not in cache:
            text = f"{event.title}\n{event.description}" if event.description else event.title
            cache[key] = assign_activity(text, rules, classifier, event.organiser or event.organiser_name,
                                         event.attendee_count, min_confidence)
        assignment = cache[key]
        records.append(event.to_record(assignment.activity, assignment.source))
    return records


def classify_records(
    records: Iterable[EpisodeRecord],
    rules=(),
    classifier: TextClassifier | None = None,
    min_confidence: float = 0.5,
) -> None:
    """Fill in the activity of records that came without one, from their title or note."""
    cache: dict[str, Assignment] = {}
    for record in records:
        if record.activity:
            continue
        text = record.title or record.note
        if text not in cache:
            cache[text] = assign_activity(text, rules, classifier, min_confidence=min_confidence)
        if cache[text].activity:
            record.activity, record.activity_source = cache[text].activity, cache[text].source


def group_unassigned(records: Iterable[EpisodeRecord], classifier: TextClassifier | None = None) -> list[UnassignedGroup]:
    """Records still without activity, grouped by title, the most hours first."""
    groups: OrderedDict[str, UnassignedGroup] = OrderedDict()
    for record in records:
        if record.activity:
            continue
        key = title_key(record.title or record.note)
        group = groups.get(key)
        if group is None:
            group = groups[key] = UnassignedGroup(title=record.title or record.note)
        group.records.append(record)
    for group in groups.values():
        if classifier is not None and group.title.strip():
            group.suggestions = tuple(classifier.rank(group.title, top=3))
    return sorted(groups.values(), key=lambda g: (-g.hours, g.title))


def title_key(title: str) -> str:
    """How titles are compared when remembering a choice: case, accents and spaces ignored."""
    return ("title:" + normalise_text(title))[:300]  # fits RememberedChoice.key
