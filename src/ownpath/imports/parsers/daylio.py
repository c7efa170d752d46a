"""Daylio mood-app CSV export: moods become energy, Daylio activities map to ours.

Daylio exports ``full_date,date,weekday,time,mood,activities,note_title,note`` (newer
versions add a ``scales`` column; old ones had ``year,date,...,note``), newest entry first,
activities separated by " | ", time as "14:30" or "2:30 pm" depending on the phone, notes
with light HTML (<br>, <b>). Mood names are editable in the app, so the mood scale is
configurable. A Daylio activity maps to one of our activity slugs or to None ("not work");
the person confirms that mapping once and every unmapped name is a located problem.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from ownpath.imports.parsers.csvtools import normalise_header, parse_day, read_table
from ownpath.errors import Problem
from ownpath.imports.parsers.records import EpisodeDraft, ParseResult, parse_clock_time
from ownpath.imports.parsers.textio import decode_text

DEFAULT_MOOD_SCALE: dict[str, int] = {"rad": 2, "good": 1, "meh": 0, "bad": -1, "awful": -2}

# Words people rename Daylio's moods to, by the level they usually mean (a proposal the person
# confirms, never applied silently). Daylio's own five and common English mood words.
MOOD_WORDS: dict[int, tuple[str, ...]] = {
    2: ("rad", "great", "amazing", "awesome", "excellent", "fantastic", "wonderful", "superb", "ecstatic", "excited",
        "energized", "energised", "thrilled", "joyful", "elated", "euphoric", "on fire", "inspired", "fabulous",
        "best", "perfect", "brilliant", "pumped"),
    1: ("good", "happy", "content", "pleased", "nice", "glad", "calm", "relaxed", "productive", "grateful",
        "satisfied", "cheerful", "positive", "motivated", "focused", "proud", "hopeful", "peaceful", "fine",
        "pretty good", "alright", "all right", "well", "upbeat", "chill"),
    0: ("meh", "okay", "ok", "so-so", "so so", "neutral", "average", "normal", "fine-ish", "indifferent", "bored",
        "flat", "blah", "mixed", "whatever", "mediocre", "tired", "sleepy", "numb"),
    -1: ("bad", "sad", "anxious", "stressed", "worried", "annoyed", "irritated", "frustrated", "down", "low",
         "nervous", "grumpy", "upset", "lonely", "exhausted", "drained", "overwhelmed", "meh-", "not great",
         "unhappy", "angry", "disappointed", "tense", "restless", "sick", "ill"),
    -2: ("awful", "terrible", "horrible", "miserable", "depressed", "devastated", "hopeless", "furious",
         "worst", "dreadful", "panic", "panicked", "broken", "burned out", "burnt out", "crushed", "despair"),
}
_MOOD_LEVEL = {word: level for level, words in MOOD_WORDS.items() for word in words}
ACTIVITY_SEPARATOR = "|"
REQUIRED_COLUMNS = ("mood", "activities")


@dataclass
class DaylioEntry:
    """One Daylio entry as written in the export."""

    line: int
    day: date
    time: time | None
    mood: str
    energy: int
    activities: list[str]
    note: str


def looks_like_daylio(header: list[str]) -> bool:
    """True for a Daylio export header (current or older layout)."""
    names = {normalise_header(h) for h in header}
    return {"mood", "activities"} <= names and ("full_date" in names or {"year", "date"} <= names)


def parse_mood_scale(spec: str) -> tuple[dict[str, int], list[Problem]]:
    """Parse 'rad=2,good=1,...' into a mood scale; values must lie in -2..+2."""
    scale: dict[str, int] = {}
    problems: list[Problem] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, value = part.rpartition("=")
        try:
            number = int(value)
        except ValueError:
            number = None
        if not sep or not name.strip() or number is None or not -2 <= number <= 2:
            problems.append(Problem(line=None, field="mood scale", message=f"{part!r} is not 'mood=-2..2'"))
            continue
        scale[name.strip().lower()] = number
    return scale, problems


def propose_mood_level(name: str) -> int:
    """The energy level a renamed Daylio mood most likely means (-2 … +2); 0 when the name says nothing.

    Known mood words first, then any known word inside the name ("really good"), a negation
    flipping it ("not good"); the person confirms or changes every proposal.
    """
    text = " ".join(name.strip().lower().split())
    if text in _MOOD_LEVEL:
        return _MOOD_LEVEL[text]
    words = re.findall(r"[a-z]+", text)
    negated = any(w in ("not", "no", "never", "un") for w in words)
    for word in words:
        if word in _MOOD_LEVEL and word not in ("not", "no"):
            level = _MOOD_LEVEL[word]
            return -min(level, 1) if negated and level > 0 else level
    import difflib

    close = difflib.get_close_matches(text, list(_MOOD_LEVEL), n=1, cutoff=0.8)
    return _MOOD_LEVEL[close[0]] if close else 0


def read_daylio(data: bytes | str, mood_scale: dict[str, int] | None = None,
                unknown_moods: Counter | None = None) -> tuple[list[DaylioEntry], list[Problem]]:
    """Read Daylio entries; every bad date or time is a located problem.

    A mood missing from the scale is counted in ``unknown_moods`` when given (one mood, however
    many rows name it: the planner then asks for its level once); without it, each unknown mood
    is one problem with its count and first line, never one per row.
    """
    scale = {k.lower(): v for k, v in (mood_scale or DEFAULT_MOOD_SCALE).items()}
    text, problems = decode_text(data)
    if problems:
        return [], problems
    table, problems = read_table(text, delimiter=",")
    if table is None:
        return [], problems
    columns = table.index()
    if not looks_like_daylio(table.header):
        missing = [c for c in ("full_date", "mood", "activities") if c not in columns]
        return [], problems + [Problem(field="header", line=1,
                                       message=f"not a Daylio export: missing column(s) {', '.join(missing)}")]
    entries: list[DaylioEntry] = []
    unknown: Counter = Counter()
    first_line: dict[str, int] = {}
    for line, row in table.rows:
        def cell(name: str) -> str:
            position = columns.get(name)
            return row[position] if position is not None else ""

        row_problems: list[Problem] = []
        if "full_date" in columns:
            day, _, error = parse_day(cell("full_date"))
            field_name = "full_date"
        else:
            day, error = _old_style_day(cell("year"), cell("date"))
            field_name = "date"
        if error:
            row_problems.append(Problem(field=field_name, line=line, message=error))
        clock, error = parse_clock_time(cell("time"))
        if error:
            row_problems.append(Problem(field="time", line=line, message=error))
        mood = " ".join(cell("mood").strip().lower().split())
        energy = scale.get(mood)
        if energy is None:
            unknown[mood] += 1
            first_line.setdefault(mood, line)
            problems.extend(row_problems)
            continue
        if row_problems:
            problems.extend(row_problems)
            continue
        assert day is not None and energy is not None
        entries.append(DaylioEntry(
            line=line, day=day, time=clock, mood=mood, energy=energy,
            activities=split_activities(cell("activities")),
            note=_join_note(clean_note(cell("note_title")), clean_note(cell("note"))),
        ))
    if unknown_moods is not None:
        unknown_moods.update(unknown)
    else:
        known = ", ".join(f"{k}={v}" for k, v in scale.items())
        problems += [Problem(field="mood", line=first_line[mood],
                             message=f"unknown mood {mood!r} in {count} entr{'y' if count == 1 else 'ies'} "
                                     f"(first here); give it a level -2..+2 (the scale now: {known})")
                     for mood, count in unknown.most_common()]
    return entries, problems


def split_activities(cell: str) -> list[str]:
    """'work | meeting |  reading' -> ['work', 'meeting', 'reading'] (lower case, no blanks)."""
    names = (" ".join(part.strip().lower().split()) for part in cell.split(ACTIVITY_SEPARATOR))
    return [name for name in names if name]


def activity_names(entries: list[DaylioEntry]) -> Counter:
    """How often each Daylio activity name occurs, for the mapping the person confirms."""
    return Counter(name for entry in entries for name in entry.activities)


def parse_daylio(
    data: bytes | str,
    activity_mapping: dict[str, str | None],
    mood_scale: dict[str, int] | None = None,
) -> ParseResult:
    """Turn a Daylio export into episodes with a confirmed activity mapping.

    Each entry yields one episode per distinct work activity it names (energy = mood);
    entries naming only non-work activities are skipped. A name absent from the mapping is
    a problem, so nothing is guessed without the person's say.
    """
    result = ParseResult(format="daylio")
    entries, problems = read_daylio(data, mood_scale)
    result.problems.extend(problems)
    mapping = {" ".join(k.strip().lower().split()): v for k, v in activity_mapping.items()}
    seen_ids: Counter = Counter()
    for entry in entries:
        unmapped = [name for name in entry.activities if name not in mapping]
        for name in unmapped:
            result.problems.append(Problem(field="activities", line=entry.line,
                                           message=f"Daylio activity {name!r} is not mapped yet; confirm the mapping"))
        if unmapped:
            continue
        slugs = list(dict.fromkeys(mapping[name] for name in entry.activities if mapping[name]))
        if not slugs:
            result.skipped.append((f"line {entry.line}", "no work activity in this entry"))
            continue
        for slug in slugs:
            stamp = f"{entry.day.isoformat()}T{entry.time.strftime('%H:%M') if entry.time else ''}"
            key = f"daylio:{stamp}:{slug}"
            seen_ids[key] += 1
            if seen_ids[key] > 1:  # two entries at the same minute: keep both, distinctly
                key = f"{key}#{seen_ids[key]}"
            result.records.append(EpisodeDraft(
                date=entry.day, start_time=entry.time, activity=slug, activity_source="mapping",
                energy=entry.energy, note=entry.note, external_id=key, source_line=entry.line,
            ))
    result.notes["entries"] = len(entries)
    return result


_TAG = re.compile(r"<[^>]{0,200}>")
_BREAK = re.compile(r"<\s*(br|/p|/li|/div)\s*/?\s*>", re.IGNORECASE)


def clean_note(text: str) -> str:
    """Daylio's light HTML to plain text: breaks become newlines, other tags vanish."""
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _join_note(title: str, note: str) -> str:
    if title and note:
        return f"{title}\n{note}"
    return title or note


def _old_style_day(year: str, day_text: str) -> tuple[date | None, str | None]:
    for pattern in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return datetime.strptime(f"{day_text.strip()} {year.strip()}", pattern).date(), None
        except ValueError:
            continue
    return None, f"{day_text!r} {year!r} is not a date"
