"""Editable keyword/organiser/attendee rules that assign activities to calendar events."""

from __future__ import annotations

import json

from ownpath.analytics.activity_rules import DEFAULT_RULE_DATA, Rule, apply_rules, default_rules, rules_from_data
from ownpath.taxonomy import BUILTIN_SLUGS


def activity_of(title, organiser="", attendees=None):
    rule = apply_rules(default_rules(), title, organiser, attendees)
    return rule.activity if rule else None


def test_default_rules_cover_the_examples_people_expect():
    assert activity_of("Weekly 1:1 Alex / Sam") == "managing"
    assert activity_of("Interview: senior engineer") == "managing"
    assert activity_of("Product DEMO for Acme") == "selling"
    assert activity_of("User interview #4") == "research"  # specific rule before the general one
    assert activity_of("Daily standup") == "meetings"


def test_keywords_match_whole_words_only():
    assert activity_of("Democracy reading") != "selling"
    assert activity_of("Call at 11:15") is None


def test_attendee_count_and_organiser_conditions():
    assert activity_of("Quarterly business review", attendees=12) == "meetings"
    assert activity_of("Quarterly business review", attendees=3) is None
    rule = Rule(activity="customers", organiser=("@acme.test",))
    assert rule.matches("Anything", organiser="buyer@acme.test")
    assert not rule.matches("Anything", organiser="me@example.com")


def test_accents_and_case_are_ignored():
    assert Rule(activity="planning", keywords=("Réunion",)).matches("REUNION budget")


def test_default_rules_are_plain_json_data_that_round_trip():
    data = json.loads(json.dumps(list(DEFAULT_RULE_DATA)))
    rules, problems = rules_from_data(data, known_activities=set(BUILTIN_SLUGS))
    assert not problems
    assert [r.to_data() for r in rules] == [dict(d) for d in data]


def test_bad_rule_data_is_reported_by_rule_and_key():
    _, problems = rules_from_data([
        {"activity": "nonsense", "keywords": ["x"]},
        {"keywords": ["x"]},
        {"activity": "admin", "keywords": "expenses", "min_attendees": -1, "colour": "red"},
        {"activity": "admin"},
        "not a rule",
    ], known_activities=set(BUILTIN_SLUGS))
    joined = "\n".join(problems)
    assert "rule 1, activity: unknown activity 'nonsense'" in joined
    assert "rule 2, activity: missing" in joined
    assert "rule 3, min_attendees" in joined and "rule 3: unknown key(s) colour" in joined
    assert "rule 4: needs keywords" in joined and "rule 5: must be a mapping" in joined


def test_an_empty_rule_never_matches():
    assert not Rule(activity="admin").matches("anything")
