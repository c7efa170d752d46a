"""Career ladders as role profiles: a company's career framework, read and classified into weekly mixes.

A career framework ("engineering ladder") lists levels on an individual-contributor and a
management track, each with its expectations in words. Public ladders come in a few shapes,
all read here into the same rungs:

* YAML or JSON: ``{"name": ..., "tracks": [{"track": "individual contributor", "levels":
  [{"level": 3, "title": "Senior engineer", "expectations": [...] or {area: [...]}}]}]}``,
  or a flat ``{"levels": [{"track": ..., "level": ..., "title": ..., "expectations": ...}]}``;
  a rung may also give ``hours`` (total a week, default 40) or its own ``weekly_hours``.
* Markdown: ``## Individual contributor track`` / ``## Management track``, then one
  ``### L3 — Senior engineer`` heading per rung and its expectations as ``-`` or ``*`` bullets
  (deeper ``####`` headings group them by area and are kept as the area).

Each expectation is classified into an activity with the import classifier (shipped phrases and
the taxonomy, plus O*NET's detailed work activities when loaded); a rung's weekly mix is its
hours split by the share of its expectations in each activity. The classification of every
expectation is kept on the role profile for the admin to see and correct. Reading is
all-or-nothing: a problem names the line (Markdown) or the rung and field (YAML/JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ownpath.errors import UserInputError

# The vocabulary of career frameworks the shipped phrases lack (code review, tooling, budgets),
# taught to the import classifier beside them; our own words, one short phrase each.
LADDER_PHRASES = {
    "building": ("code reviews", "reviews teammates' code changes", "improves tooling and automation",
                 "writes maintainable well-tested code", "ships high quality software", "fixes bugs and defects",
                 "refactors and pays down technical debt", "builds scalable reliable systems",
                 "implements features and services", "delivers projects of growing scope"),
    "coaching": ("mentors less experienced engineers", "coaches engineers on design", "teaches through pairing",
                 "grows the skills of engineers around them"),
    "managing": ("manages managers", "develops the next leaders", "performance management and reviews",
                 "conducts 1:1s with direct reports", "hires and builds the team", "builds a healthy team culture",
                 "career development of direct reports"),
    "admin": ("budget and cost tracking", "expense approvals and paperwork", "headcount spreadsheets"),
    "monitoring": ("takes part in the on-call rotation", "responds to production incidents",
                   "monitors services and alerts"),
    "deciding": ("makes sound technical decisions under ambiguity", "owns architecture decisions",
                 "decides between technical trade-offs"),
    "planning": ("sets the technical roadmap", "breaks projects down into milestones", "scopes and estimates work"),
    "relationships": ("partners with product and design", "builds trust with stakeholders across the company"),
    "writing": ("writes technical design documents", "documents systems and decisions"),
    "presenting": ("gives tech talks", "demos work to stakeholders"),
    "learning": ("keeps up with new technologies", "learns new languages and tools"),
}
DEFAULT_HOURS = 40.0
MAX_RUNGS = 60
MAX_EXPECTATIONS = 80
MAX_BYTES = 512 * 1024
# Below this the classifier's first choice is shown as a guess for the admin to check.
SURE_ENOUGH = 0.5
_MANAGER_WORDS = re.compile(r"manag|leader(ship)?\s+track|people\s+lead|director|\bM\d", re.IGNORECASE)
_EXPERT_WORDS = re.compile(r"individual|\bIC\b|contributor|engineer|technical|expert|specialist|staff|principal",
                           re.IGNORECASE)
_LEVEL = re.compile(r"(\d{1,2})")


@dataclass
class Rung:
    """One level of the ladder: track, level, title, expectations (area, text) and optional hours."""

    track: str
    level: int
    title: str
    expectations: list[tuple[str, str]] = field(default_factory=list)
    hours: float = DEFAULT_HOURS
    weekly_hours: dict[str, float] | None = None
    where: str = ""


def track_of(text: str, where: str) -> str:
    """'expert' or 'manager' from a track's name as ladders write it ("IC", "Management", "Engineering manager")."""
    if _MANAGER_WORDS.search(text or ""):
        return "manager"
    if _EXPERT_WORDS.search(text or "") or (text or "").strip().lower() in ("expert", "ic"):
        return "expert"
    raise UserInputError(f"{where}: '{text}' is not a track this reads: name it individual contributor (expert) "
                         "or management")


def _level(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise UserInputError(f"{where}: level must be a whole number from 1 to 20")
    if isinstance(value, (int, float)) and float(value).is_integer():
        number = int(value)
    else:
        found = _LEVEL.search(str(value or ""))
        if not found:
            raise UserInputError(f"{where}: level '{value}' has no number (e.g. 3, L3, E4, M2)")
        number = int(found.group(1))
    if not 1 <= number <= 20:
        raise UserInputError(f"{where}: level must be from 1 to 20, not {number}")
    return number


def _expectations(value: Any, where: str) -> list[tuple[str, str]]:
    """A list of sentences, or {area: sentence or [sentences]} (competency areas), as (area, text) pairs."""
    found: list[tuple[str, str]] = []
    if isinstance(value, str):
        value = [value]
    if isinstance(value, Mapping):
        for area, items in value.items():
            for text in ([items] if isinstance(items, str) else items or []):
                if not isinstance(text, str):
                    raise UserInputError(f"{where}: expectations under '{area}' must be sentences")
                found.append((str(area), text.strip()))
    elif isinstance(value, list):
        for text in value:
            if isinstance(text, Mapping) and len(text) == 1:  # - Area: sentence
                found += _expectations(dict(text), where)
            elif isinstance(text, str):
                found.append(("", text.strip()))
            else:
                raise UserInputError(f"{where}: each expectation must be a sentence")
    else:
        raise UserInputError(f"{where}: expectations must be a list of sentences or areas with sentences")
    found = [(a, t) for a, t in found if t]
    if not found:
        raise UserInputError(f"{where}: no expectations in words")
    if len(found) > MAX_EXPECTATIONS:
        raise UserInputError(f"{where}: at most {MAX_EXPECTATIONS} expectations per level")
    return found


def _hours(raw: Mapping, where: str) -> tuple[float, dict[str, float] | None]:
    hours = raw.get("hours", DEFAULT_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not 1 <= hours <= 80:
        raise UserInputError(f"{where}: hours must be a number from 1 to 80 a week")
    weekly = raw.get("weekly_hours")
    if weekly is not None and not isinstance(weekly, (Mapping, str)):
        raise UserInputError(f"{where}: weekly_hours must be activity=hours pairs")
    return float(hours), weekly


def _rung(raw: Any, track_name: str | None, where: str) -> Rung:
    if not isinstance(raw, Mapping):
        raise UserInputError(f"{where}: each level must have a level, a title and expectations")
    track = track_of(str(raw.get("track") or track_name or ""), f"{where} track")
    title = str(raw.get("title") or raw.get("name") or "").strip()
    if not title or len(title) > 120:
        raise UserInputError(f"{where} title: give the level a title of at most 120 characters")
    level = _level(raw.get("level", raw.get("id")), f"{where} level")
    hours, weekly = _hours(raw, where)
    expectations = _expectations(raw.get("expectations", raw.get("competencies")), f"{where} expectations")
    return Rung(track, level, title, expectations, hours, weekly, where)


def _from_data(data: Any) -> tuple[str, list[Rung]]:
    if not isinstance(data, Mapping):
        raise UserInputError("ladder: the file must hold a ladder (name, then tracks or levels)")
    name = str(data.get("name") or data.get("title") or "").strip()[:120]
    rungs: list[Rung] = []
    tracks = data.get("tracks")
    if isinstance(tracks, Mapping):  # {"individual contributor": [levels], "management": [levels]}
        tracks = [{"track": k, "levels": v} for k, v in tracks.items()]
    if tracks is not None:
        if not isinstance(tracks, list):
            raise UserInputError("tracks: must be a list of tracks, each with its levels")
        for t, track in enumerate(tracks, start=1):
            if not isinstance(track, Mapping) or not isinstance(track.get("levels"), list):
                raise UserInputError(f"tracks[{t}]: give the track's name and its levels")
            track_name = str(track.get("track") or track.get("name") or "")
            for k, raw in enumerate(track["levels"], start=1):
                rungs.append(_rung(raw, track_name, f"tracks[{t}].levels[{k}]"))
    elif isinstance(data.get("levels"), list):
        for k, raw in enumerate(data["levels"], start=1):
            rungs.append(_rung(raw, None, f"levels[{k}]"))
    else:
        raise UserInputError("ladder: found neither 'tracks' nor 'levels'")
    return name, rungs


def _from_markdown(text: str) -> tuple[str, list[Rung]]:
    name, track, area = "", None, ""
    rungs: list[Rung] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
        if heading:
            depth, words = len(heading.group(1)), heading.group(2).strip()
            if depth == 1:
                name = words[:120]
            elif depth == 2:
                track, area = track_of(words, f"line {number}"), ""
            elif depth == 3:
                if track is None:
                    raise UserInputError(f"line {number}: level '{words}' comes before any '## … track' heading")
                found = re.match(r"^\s*((?:[A-Za-z]{1,6}\s*)?\d{1,2})\s*(?:[—–:|.-]+\s*)?(.*)$", words)
                if not found:
                    raise UserInputError(f"line {number}: '{words}' does not start with a level (e.g. 'L3 — Senior')")
                title = (found.group(2) or found.group(1)).strip()
                rungs.append(Rung(track, _level(found.group(1), f"line {number}"), title[:120], where=f"line {number}"))
                area = ""
            else:
                area = words
            continue
        bullet = re.match(r"^[-*+]\s+(.*)$", stripped)
        if bullet:
            if not rungs:
                raise UserInputError(f"line {number}: an expectation before any '### level' heading")
            rungs[-1].expectations.append((area, bullet.group(1).strip()))
            if len(rungs[-1].expectations) > MAX_EXPECTATIONS:
                raise UserInputError(f"line {number}: at most {MAX_EXPECTATIONS} expectations per level")
    for rung in rungs:
        if not rung.expectations:
            raise UserInputError(f"{rung.where}: level '{rung.title}' has no expectations (as '-' bullets)")
    return name, rungs


def read_ladder(text: str, filename: str = "") -> tuple[str, list[Rung]]:
    """The ladder's name and rungs from YAML, JSON or Markdown text (by extension, else by content)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise UserInputError(f"file: a ladder of at most {MAX_BYTES // 1024} KB")
    lower = filename.lower()
    stripped = text.lstrip()
    if lower.endswith((".md", ".markdown")) or (not lower.endswith((".json", ".yaml", ".yml"))
                                                 and stripped.startswith("#")):
        name, rungs = _from_markdown(text)
    elif lower.endswith(".json") or stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserInputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
        name, rungs = _from_data(data)
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else "file"
            raise UserInputError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
        name, rungs = _from_data(data)
    if not rungs:
        raise UserInputError("ladder: no levels found")
    if len(rungs) > MAX_RUNGS:
        raise UserInputError(f"ladder: at most {MAX_RUNGS} levels")
    seen: dict[tuple[str, int], str] = {}
    for rung in rungs:
        key = (rung.track, rung.level)
        if key in seen:
            raise UserInputError(f"{rung.where}: level {rung.level} of the {rung.track} track appears twice "
                                 f"(also at {seen[key]})")
        seen[key] = rung.where
    return name, rungs


def classify_expectations(rung: Rung, classifier) -> list[dict[str, Any]]:
    """Each expectation with the activity the classifier gives it, its probability and the runners-up."""
    classified = []
    for area, text in rung.expectations:
        ranked = classifier.rank(text, top=3) or (classifier.rank(f"{area}: {text}", top=3) if area else [])
        activity, p = ranked[0] if ranked else ("", 0.0)
        classified.append({"area": area, "text": text, "activity": activity, "probability": round(p, 3),
                           "sure": p >= SURE_ENOUGH, "alternatives": [a for a, _ in ranked[1:]]})
    return classified


def mix_from_expectations(classified: list[Mapping[str, Any]], hours: float) -> dict[str, float]:
    """The rung's week: its hours split by the share of its expectations in each activity (0.5 h steps)."""
    counts: dict[str, int] = {}
    for e in classified:
        if e.get("activity"):
            counts[e["activity"]] = counts.get(e["activity"], 0) + 1
    total = sum(counts.values())
    if not total:
        return {}
    # Half-hour steps that still add up to the rung's hours (largest remainders get the spare halves).
    exact = {a: hours * n / total * 2 for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
    halves = {a: int(x) for a, x in exact.items()}
    spare = int(round(hours * 2)) - sum(halves.values())
    for a in sorted(exact, key=lambda a: -(exact[a] - halves[a]))[:max(spare, 0)]:
        halves[a] += 1
    return {a: h / 2 for a, h in halves.items() if h > 0}
