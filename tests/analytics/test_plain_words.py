"""Plain words for effects, certainty and what is missing."""

from __future__ import annotations

import pytest

from ownpath.analytics.energy_model import ActivityEffect, EffectsFit
from ownpath.analytics.plain_words import (
    describe_effect,
    describe_quadrant,
    entries_needed,
    missing_message,
)


def effect(estimate, sd, p_positive, episodes=14, low=None, high=None):
    low = estimate - 1.645 * sd if low is None else low
    high = estimate + 1.645 * sd if high is None else high
    return ActivityEffect("managing", estimate, sd, low, high, p_positive, episodes, float(episodes))


FIT = EffectsFit({}, 0.0, 0.8, 0.4, 0.9, 100, 40)


def test_a_fairly_sure_drain_reads_as_drains_you_fairly_sure_with_entries():
    assert describe_effect(effect(-0.8, 0.5, 0.06)) == "drains you — fairly sure, 14 entries"


def test_unclear_effects_say_so_and_one_entry_is_singular():
    assert describe_effect(effect(0.1, 0.8, 0.55, episodes=1)) == "not clear yet — 1 entry"


def test_a_surely_small_effect_is_about_neutral():
    assert describe_effect(effect(0.02, 0.1, 0.58)).startswith("about neutral for you")


def test_a_narrow_interval_on_few_entries_is_not_called_neutral():
    # With a handful of entries a narrow interval comes from the prior, not from evidence.
    assert describe_effect(effect(0.02, 0.1, 0.58, episodes=3)) == "not clear yet — 3 entries"


def test_skill_has_its_own_words():
    assert describe_effect(effect(0.9, 0.3, 0.995), "skill").startswith("goes better than your average — very sure")


def test_entries_needed_is_zero_when_sure_and_shrinks_as_evidence_grows():
    assert entries_needed(effect(-1.0, 0.3, 0.999), FIT) == 0
    vague = entries_needed(effect(0.3, 0.7, 0.66, episodes=2), FIT)
    less_vague = entries_needed(effect(0.3, 0.4, 0.77, episodes=6), FIT)
    assert vague > less_vague >= 1


def test_missing_message_names_the_activity_and_count():
    assert missing_message("managing", 5) == "log managing 5 more times to tell"
    assert missing_message("admin", 1) == "log admin once more to tell"


def test_quadrants_have_plain_words():
    assert "trap" in describe_quadrant("trap_strength")
    assert describe_quadrant("nonsense") == describe_quadrant("unclear")


def test_a_near_zero_effect_does_not_promise_an_exact_large_count():
    from ownpath.analytics.plain_words import MANY_ENTRIES, missing_message

    noisy = EffectsFit({}, 0.0, 0.8, 0.4, 2.0, 3, 1)
    assert entries_needed(effect(0.01, 2.0, 0.51), noisy) == MANY_ENTRIES
    assert missing_message("writing", MANY_ENTRIES) == (
        "log writing 30+ more times to tell — or it may not matter much to your energy")


def test_one_verdict_keeps_a_quadrant_only_when_the_energy_direction_agrees():
    from ownpath.analytics.plain_words import activity_verdict

    # "energizes you — probably" in the table must not become "not clear yet" (or "drains") elsewhere.
    probably_up = activity_verdict(effect(0.5, 0.6, 0.8), "compensable_strength")
    assert probably_up.short == "energizes you — probably"
    assert probably_up.quadrant == "compensable_strength"
    # A trap call while the energy direction itself is unclear is not shown as a trap.
    unclear = activity_verdict(effect(-0.1, 0.6, 0.7), "trap_strength")
    assert unclear.direction == "unclear" and unclear.quadrant == "unclear"
    assert unclear.quadrant_words.startswith("not clear yet")
    sure_drain = activity_verdict(effect(-1.0, 0.3, 0.001), "unclear")
    assert sure_drain.quadrant_words == "drains you — very sure; not yet clear if it is a strength"


@pytest.mark.parametrize(("value", "digits", "written"), [(-0.03, 1, "+0.0"), (-0.004, 2, "+0.00"), (0.26, 1, "+0.3"),
                                                          (-1.26, 2, "-1.26"), (None, 1, "—")])
def test_a_signed_number_always_shows_its_sign_and_never_minus_zero(value, digits, written):
    from ownpath.analytics.plain_words import signed

    assert signed(value, digits) == written


def test_a_count_agrees_with_its_noun_and_groups_thousands():
    from ownpath.analytics.plain_words import counted, entries_word

    assert (entries_word(1), entries_word(14), entries_word(12000)) == ("1 entry", "14 entries", "12,000 entries")
    assert counted(2.5, "hour") == "2.5 hours"
