"""Which activity an imported entry gets: the person's rules first, then a text classifier.

Rules (keywords, organiser, attendee counts) are the person's, kept in their ImportSettings;
the classifier learns from shipped examples, the loaded O*NET work activities and the
person's own notes and remembered choices. The pure matching lives in ``analytics``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ownpath.analytics.activity_rules import DEFAULT_RULE_DATA, Rule, apply_rules, rules_from_data
from ownpath.analytics.text_classifier import TextClassifier, builtin_examples, dwa_examples, own_examples
from ownpath.errors import UserInputError
from ownpath.imports.models import ImportSettings, RememberedChoice
from ownpath.journal.models import Episode
from ownpath.journal.services import activity_labels
from ownpath.occupations.services import onet_dwa_rows


def import_settings_for(user) -> ImportSettings:
    """The person's import settings (rules, Daylio mapping, mood scale), created on first use."""
    settings, _ = ImportSettings.objects.get_or_create(user=user)
    return settings


def rule_data_for(user) -> list[dict]:
    """The person's classification rules as plain data (the shipped defaults until edited)."""
    settings = import_settings_for(user)
    return list(settings.rules) if settings.rules is not None else [dict(r) for r in DEFAULT_RULE_DATA]


def rules_for(user) -> list[Rule]:
    """The person's rules, ready to apply."""
    rules, _ = rules_from_data(rule_data_for(user))
    return rules


def set_rules(user, data) -> list[Rule]:
    """Replace the person's rules; any bad rule refuses the whole set with every problem listed."""
    rules, problems = rules_from_data(data, known_activities=set(activity_labels(user)))
    if problems:
        raise UserInputError("rules not saved:\n  " + "\n  ".join(problems))
    settings = import_settings_for(user)
    settings.rules = [rule.to_data() for rule in rules]
    settings.save(update_fields=["rules"])
    return rules


def add_rule(user, activity: str, keywords: Iterable[str] = (), organiser: Iterable[str] = (),
             min_attendees: int | None = None, max_attendees: int | None = None, name: str = "",
             first: bool = True) -> list[Rule]:
    """Add one rule, first by default (so it wins over the general defaults)."""
    rule: dict = {"activity": activity.strip().lower(), "name": name,
                  "keywords": [k for k in keywords if k.strip()], "organiser": [o for o in organiser if o.strip()]}
    if min_attendees is not None:
        rule["min_attendees"] = min_attendees
    if max_attendees is not None:
        rule["max_attendees"] = max_attendees
    data = rule_data_for(user)
    data.insert(0 if first else len(data), {k: v for k, v in rule.items() if v not in ("", [])})
    return set_rules(user, data)


def remove_rule(user, number: int) -> list[Rule]:
    """Remove rule number ``number`` (1-based, as listed)."""
    data = rule_data_for(user)
    if not 1 <= number <= len(data):
        raise UserInputError(f"rule: there is no rule {number}; you have {len(data)}")
    del data[number - 1]
    return set_rules(user, data)


def reset_rules(user) -> list[Rule]:
    """Go back to the shipped default rules."""
    settings = import_settings_for(user)
    settings.rules = None
    settings.save(update_fields=["rules"])
    return rules_for(user)


def classifier_for(user, max_own: int = 5000) -> TextClassifier:
    """A classifier trained on shipped text, O*NET DWAs if loaded, and the person's own history."""
    examples = builtin_examples() + dwa_examples(onet_dwa_rows())
    own = list(Episode.objects.filter(user=user).exclude(note="")
               .order_by("-date").values_list("note", "activity__slug")[:max_own])
    own += [(key[len("title:"):], slug) for key, slug in RememberedChoice.objects.filter(
        user=user, key__startswith="title:", activity__isnull=False).values_list("key", "activity__slug")]
    examples += own_examples((text[:300], slug) for text, slug in own)
    return TextClassifier().fit(examples)


def explain_activity(user, text: str, organiser: str = "", attendees: int | None = None) -> dict:
    """Which rule or classifier guess would give a title its activity (for `ownpath rules test`)."""
    rules = rules_for(user)
    rule = apply_rules(rules, text, organiser, attendees)
    ranked = classifier_for(user).rank(text, top=3)
    return {"rule": rule.to_data() if rule else None, "rule_number": rules.index(rule) + 1 if rule else None,
            "classifier": ranked}


def known_activity_names(user) -> dict[str, str]:
    """The person's activities by slug and by lower-case label (how a file may name them)."""
    labels = activity_labels(user)
    names = {slug: slug for slug in labels}
    names.update({label.lower(): slug for slug, label in labels.items()})
    return names
