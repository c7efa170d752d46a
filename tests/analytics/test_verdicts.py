"""The one verdict ladder: words of certainty with a stated promise."""

from __future__ import annotations

import pytest

from ownpath.analytics.verdicts import NOT_CLEAR, PROMISES, THRESHOLDS, certainty_word, is_sure, verdict_for


def test_certainty_words_follow_the_probability_of_the_direction():
    assert certainty_word(0.99) == "very sure"
    assert certainty_word(0.01) == "very sure"
    assert certainty_word(0.92) == "fairly sure"
    assert certainty_word(0.8) == "probably"
    assert certainty_word(0.6) is None


def test_every_word_is_said_only_above_its_promise():
    for word, promise in PROMISES.items():
        assert THRESHOLDS[word] > promise


def test_a_verdict_names_its_direction_and_word():
    drain = verdict_for(0.04)
    assert (drain.direction, drain.certainty, drain.short) == (-1, "fairly sure", "drains you — fairly sure")
    better = verdict_for(0.985, "feels better than now", "feels worse than now")
    assert better.short == "feels better than now — very sure" and better.at_least("fairly sure")


def test_below_probably_no_direction_is_claimed():
    claim = verdict_for(0.7)
    assert not claim.clear and claim.short == NOT_CLEAR and claim.certainty is None
    assert not is_sure(0.7, "probably") and is_sure(0.76, "probably") and not is_sure(0.76)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_a_probability_outside_zero_to_one_is_refused(bad):
    with pytest.raises(ValueError):
        verdict_for(bad)


def test_a_screened_verdict_needs_the_effect_beyond_the_margin():
    from ownpath.analytics.verdicts import screened_verdict

    assert not screened_verdict(0.2, 0.115).at_least("fairly sure")  # 0.1 beyond the margin: probably at most
    assert screened_verdict(-0.9, 0.1).short == "drains you — very sure"
    assert not screened_verdict(0.05, 0.01).clear  # surely positive, surely too small to matter


def test_a_screened_neutral_level_is_not_named_on_the_luck_of_its_entries():
    from ownpath.analytics.verdicts import screened_verdict

    # 2.6 SDs from zero: a one-in-a-hundred draw for a colleague who makes no difference, of which
    # a journal screening many people, places and tools sees several.
    assert not screened_verdict(0.3, 0.115).at_least("fairly sure")
    assert screened_verdict(0.45, 0.115).at_least("fairly sure")


def test_a_screened_effect_many_sds_out_is_named_without_overflow():
    from ownpath.analytics.verdicts import screened_verdict

    assert screened_verdict(-1.5, 0.01).short == "drains you — very sure"
    assert screened_verdict(0.0, 1e-6).certainty is None
