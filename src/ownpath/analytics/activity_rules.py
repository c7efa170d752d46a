"""Editable classification rules: keywords, organiser and attendee count -> activity.

Rules are plain data (a list of dicts, JSON-ready) so the person can read and edit them
(``ownpath rules ...``). The first rule that matches wins, so specific rules ("user
interview" -> research) go before general ones ("interview" -> managing).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

RULE_KEYS = ("activity", "keywords", "organiser", "min_attendees", "max_attendees", "name")


@dataclass(frozen=True)
class Rule:
    """One rule. All given conditions must hold; ``keywords`` matches if any keyword does."""

    activity: str
    keywords: tuple[str, ...] = ()
    organiser: tuple[str, ...] = ()  # substrings of the organiser's address or name
    min_attendees: int | None = None
    max_attendees: int | None = None
    name: str = ""

    def matches(self, text: str, organiser: str = "", attendees: int | None = None) -> bool:
        """True when the event's text, organiser and attendee count meet every condition."""
        if not (self.keywords or self.organiser or self.min_attendees is not None or self.max_attendees is not None):
            return False  # an empty rule would swallow everything
        if self.keywords:
            normalised = normalise_text(text)
            if not any(_keyword_pattern(k).search(normalised) for k in self.keywords):
                return False
        if self.organiser:
            who = organiser.lower()
            if not any(o.lower() in who for o in self.organiser):
                return False
        if self.min_attendees is not None and (attendees is None or attendees < self.min_attendees):
            return False
        if self.max_attendees is not None and (attendees is None or attendees > self.max_attendees):
            return False
        return True

    def to_data(self) -> dict:
        """This rule as a JSON-ready dict (only the conditions it uses)."""
        data: dict = {"activity": self.activity}
        if self.name:
            data["name"] = self.name
        if self.keywords:
            data["keywords"] = list(self.keywords)
        if self.organiser:
            data["organiser"] = list(self.organiser)
        if self.min_attendees is not None:
            data["min_attendees"] = self.min_attendees
        if self.max_attendees is not None:
            data["max_attendees"] = self.max_attendees
        return data


DEFAULT_RULE_DATA: tuple[dict, ...] = (
    {"name": "research interviews", "activity": "research",
     "keywords": ["user interview", "customer interview", "user research", "discovery interview"]},
    {"name": "people management", "activity": "managing",
     "keywords": ["1:1", "1-1", "1on1", "one on one", "one-on-one", "interview", "hiring", "performance review",
                  "skip level", "skip-level", "calibration", "headcount"]},
    {"name": "selling", "activity": "selling",
     "keywords": ["demo", "pitch", "sales", "prospect", "proposal review", "renewal", "upsell"]},
    {"name": "negotiating", "activity": "negotiating", "keywords": ["negotiation", "negotiate", "contract terms"]},
    {"name": "customers", "activity": "customers",
     "keywords": ["customer", "client", "support call", "escalation", "onboarding call"]},
    {"name": "coaching", "activity": "coaching",
     "keywords": ["mentoring", "mentor", "coaching", "office hours", "teach", "tutoring"]},
    {"name": "learning", "activity": "learning",
     "keywords": ["course", "training", "webinar", "reading group", "study", "certification", "lecture"]},
    {"name": "presenting", "activity": "presenting",
     "keywords": ["presentation", "talk", "keynote", "present", "brown bag"]},
    {"name": "planning", "activity": "planning",
     "keywords": ["planning", "roadmap", "strategy", "okr", "okrs", "offsite", "prioritisation", "prioritization"]},
    {"name": "creating", "activity": "creating",
     "keywords": ["brainstorm", "design review", "design", "ideation", "wireframe", "sketch"]},
    {"name": "writing", "activity": "writing",
     "keywords": ["writing", "write", "docs", "documentation", "draft", "blog", "release notes"]},
    {"name": "analysis", "activity": "analysis",
     "keywords": ["analysis", "analytics", "metrics", "dashboard", "forecast", "model review", "data"]},
    {"name": "deciding", "activity": "deciding",
     "keywords": ["incident", "postmortem", "post-mortem", "decision", "troubleshoot", "debug"]},
    {"name": "building", "activity": "building",
     "keywords": ["focus time", "coding", "code", "build", "deploy", "release", "prototype", "hackathon"]},
    {"name": "monitoring", "activity": "monitoring",
     "keywords": ["on-call", "on call", "audit", "inspection", "budget review", "monitoring"]},
    {"name": "admin", "activity": "admin",
     "keywords": ["expenses", "timesheet", "timesheets", "admin", "inbox", "email triage", "paperwork", "invoices"]},
    {"name": "relationships", "activity": "relationships",
     "keywords": ["coffee", "networking", "lunch", "meetup", "happy hour", "social"]},
    {"name": "travel", "activity": "travel",
     "keywords": ["flight", "travel", "commute", "train to", "drive to", "airport"]},
    {"name": "meetings", "activity": "meetings",
     "keywords": ["standup", "stand-up", "stand up", "sync", "status", "retro", "retrospective", "all hands",
                  "all-hands", "team meeting", "staff meeting", "check-in", "check in", "catch up", "catch-up"]},
    {"name": "large meetings", "activity": "meetings", "min_attendees": 8},
)


def normalise_text(text: str) -> str:
    """Lower case, accents folded, whitespace collapsed: what keywords are matched against."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.lower().split())


_PATTERNS: dict[str, re.Pattern] = {}


def _keyword_pattern(keyword: str) -> re.Pattern:
    # Whole-word match, so "demo" does not fire on "democracy" and "1:1" not on "11:15".
    pattern = _PATTERNS.get(keyword)
    if pattern is None:
        pattern = re.compile(r"(?<!\w)" + re.escape(normalise_text(keyword)) + r"(?!\w)")
        _PATTERNS[keyword] = pattern
    return pattern


def rules_from_data(data, known_activities=None) -> tuple[list[Rule], list[str]]:
    """Build rules from plain data; returns (rules, problems) naming the rule index and key."""
    rules: list[Rule] = []
    problems: list[str] = []
    if not isinstance(data, (list, tuple)):
        return [], ["rules must be a list"]
    for index, item in enumerate(data, start=1):
        where = f"rule {index}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        unknown = sorted(set(item) - set(RULE_KEYS))
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        activity = item.get("activity")
        if not isinstance(activity, str) or not activity:
            problems.append(f"{where}, activity: missing")
            continue
        if known_activities is not None and activity not in known_activities:
            problems.append(f"{where}, activity: unknown activity {activity!r}")
        keywords = _string_tuple(item.get("keywords", ()), f"{where}, keywords", problems)
        organiser = _string_tuple(item.get("organiser", ()), f"{where}, organiser", problems)
        bounds = {}
        for key in ("min_attendees", "max_attendees"):
            value = item.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                problems.append(f"{where}, {key}: must be a whole number >= 0")
                value = None
            bounds[key] = value
        if not (keywords or organiser or bounds["min_attendees"] is not None or bounds["max_attendees"] is not None):
            problems.append(f"{where}: needs keywords, organiser or an attendee bound")
        rules.append(Rule(activity=activity, keywords=keywords, organiser=organiser,
                          min_attendees=bounds["min_attendees"], max_attendees=bounds["max_attendees"],
                          name=str(item.get("name", "") or "")))
    return rules, problems


def default_rules() -> list[Rule]:
    """The shipped rule set, a starting point the person edits."""
    rules, _ = rules_from_data(list(DEFAULT_RULE_DATA))
    return rules


def apply_rules(rules, text: str, organiser: str = "", attendees: int | None = None) -> Rule | None:
    """The first rule matching the event, or None."""
    for rule in rules:
        if rule.matches(text, organiser, attendees):
            return rule
    return None


def _string_tuple(value, where: str, problems: list[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: must be a list of words")
        return ()
    return tuple(v.strip() for v in value if v.strip())
