"""Episode validation: every field's range, named in the message (pure, no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownpath.journal.validation import (
    FieldError, closest_activities, parse_activity, parse_energy, parse_hours, parse_skill, validate_episode,
)
from ownpath.taxonomy import BUILTIN_SLUGS

TODAY = dt.date(2026, 11, 26)


def valid_raw(**changes):
    raw = {"date": "2026-11-20", "activity": "research", "hours": "1.5", "energy": "2"}
    raw.update(changes)
    return raw


@given(st.integers(min_value=-2, max_value=2))
def test_energy_accepts_every_value_from_minus_two_to_plus_two(value):
    assert parse_energy(value) == value
    assert parse_energy(f"{value:+d}") == value


@given(st.integers().filter(lambda v: not -2 <= v <= 2))
def test_energy_outside_range_is_refused_naming_field_and_range(value):
    with pytest.raises(FieldError) as error:
        parse_energy(value)
    assert error.value.field == "energy"
    assert "-2" in error.value.message and "2" in error.value.message


@given(st.floats(allow_nan=True, allow_infinity=True).filter(lambda h: not (0 < h <= 24)))
def test_hours_outside_zero_to_twenty_four_are_refused(value):
    with pytest.raises(FieldError) as error:
        parse_hours(value)
    assert error.value.field == "hours"


@given(st.floats(min_value=0.01, max_value=24))
def test_hours_within_range_are_kept_exactly(value):
    assert parse_hours(value) == value


@pytest.mark.parametrize("value", [0, 6, "3.5", "high", True])
def test_skill_outside_one_to_five_is_refused(value):
    with pytest.raises(FieldError, match="1 to 5"):
        parse_skill(value)


def test_blank_skill_means_not_rated():
    assert parse_skill("") is None and parse_skill(None) is None


def test_unknown_activity_names_the_closest_activities():
    with pytest.raises(FieldError) as error:
        parse_activity("reserch", BUILTIN_SLUGS)
    assert "research" in error.value.message


def test_activity_can_be_given_by_its_label():
    assert parse_activity("Managing people", BUILTIN_SLUGS, {"managing": "Managing people"}) == "managing"


def test_closest_activities_finds_a_slug_from_a_word_in_its_label():
    assert "managing" in closest_activities("people", BUILTIN_SLUGS, {"managing": "Managing people"})


def test_future_dates_are_refused():
    _, errors = validate_episode(valid_raw(date="2026-12-01"), BUILTIN_SLUGS, today=TODAY)
    assert [e.field for e in errors] == ["date"]


def test_every_bad_field_of_an_entry_is_reported_at_once():
    _, errors = validate_episode(valid_raw(hours="0", energy="9", skill="7", engagement="11"), BUILTIN_SLUGS,
                                 today=TODAY)
    assert sorted(e.field for e in errors) == ["energy", "engagement", "hours", "skill"]


@given(st.dictionaries(st.sampled_from(["date", "activity", "hours", "energy", "skill", "engagement", "growth",
                                        "off_clock", "with", "note", "start", "uuid"]),
                       st.one_of(st.none(), st.text(max_size=20), st.integers(), st.floats(), st.booleans())))
def test_validation_never_crashes_on_arbitrary_input(raw):
    record, errors = validate_episode(raw, BUILTIN_SLUGS, today=TODAY)
    assert (record is None) == bool(errors)


@pytest.mark.parametrize("text, hours", [("1,5", 1.5), (" 0,25 ", 0.25), ("2", 2.0), ("1.5", 1.5)])
def test_hours_accept_a_decimal_comma(text, hours):
    from ownpath.journal.validation import parse_hours

    assert parse_hours(text) == hours


@pytest.mark.parametrize("field, raw", [("hours", {"hours": ""}), ("energy", {"energy": ""}),
                                        ("activity", {"activity": ""}), ("activity", {"activity": "zzqx"})])
def test_messages_for_missing_fields_read_as_words_not_developer_output(field, raw):
    from ownpath.journal.validation import validate_episode

    fields = {"date": "2026-01-05", "activity": "research", "hours": "1", "energy": "1"} | raw
    _, errors = validate_episode(fields, ["research", "writing"], {"research": "Research", "writing": "Writing"},
                                 today=dt.date(2026, 2, 1))
    message = next(e.message for e in errors if e.field == field)
    assert "got ''" not in message and "`ownpath" not in message
