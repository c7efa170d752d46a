"""Values and options services: validation, ownership, nothing saved on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownpath.errors import NotFound, UserInputError
from ownpath.options.models import Option, OptionActivity, ValueAnswer, ValuesProfile
from ownpath.options.services import (
    add_option,
    compare,
    edit_option,
    get_option,
    next_value_question,
    option_mix,
    options_for,
    record_value_answer,
    remove_option,
    set_values,
    value_weights,
    values_summary,
)

pytestmark = pytest.mark.django_db


def test_add_option_saves_mix_pay_hours_ratings_and_origin(user):
    option = add_option(user, "Director", mix="managing=20, meetings=10", pay="150000", hours=48,
                        ratings="advancement=5,learning=2", set_by="manager")
    assert option_mix(option) == {"managing": 20.0, "meetings": 10.0}
    assert (option.pay, option.hours, option.set_by) == (150000.0, 48.0, "manager")
    assert option.ratings == {"advancement": 5, "learning": 2}


def test_mix_accepts_activity_labels_too(user):
    option = add_option(user, "Lead", mix={"Managing people": 10})
    assert option_mix(option) == {"managing": 10.0}


@pytest.mark.parametrize("kwargs, field, words", [
    ({"mix": "manging=20"}, "mix", "did you mean managing"),
    ({"mix": "managing=-5"}, "mix", "managing"),
    ({"mix": "managing=twenty"}, "mix", "number"),
    ({"mix": "managing"}, "mix", "NAME=NUMBER"),
    ({"mix": ""}, "mix", "hours"),
    ({"mix": "research=100,writing=100"}, "mix", "168"),
    ({"mix": "research=10", "ratings": "mentorship=6"}, "rate", "mentorship"),
    ({"mix": "research=10", "ratings": "mentorship=0"}, "rate", "1 to 5"),
    ({"mix": "research=10", "ratings": "mentorshp=3"}, "rate", "did you mean mentorship"),
    ({"mix": "research=10", "hours": -3}, "hours", "more than 0"),
    ({"mix": "research=10", "pay": -1}, "pay", "0 or more"),
    ({"mix": "research=10", "set_by": "boss"}, "set-by", "manager"),
])
def test_bad_input_names_the_field_and_saves_nothing(user, kwargs, field, words):
    with pytest.raises(UserInputError) as caught:
        add_option(user, "Offer", **kwargs)
    assert caught.value.message.startswith(f"{field}:")
    assert words in caught.value.message
    assert Option.objects.count() == 0 and OptionActivity.objects.count() == 0


def test_only_one_current_role_at_a_time(user):
    add_option(user, "Old job", mix="research=30", current=True)
    add_option(user, "New job", mix="research=20", current=True)
    assert [o.name for o in options_for(user) if o.is_current] == ["New job"]


def test_option_names_are_unique_per_person_but_not_across_people(user, other_user):
    add_option(user, "Offer", mix="research=10")
    add_option(other_user, "Offer", mix="research=10")
    with pytest.raises(UserInputError, match="name"):
        add_option(user, "Offer", mix="writing=10")


def test_someone_elses_option_looks_missing(user, other_user):
    add_option(other_user, "Their offer", mix="research=10")
    with pytest.raises(NotFound):
        get_option(user, "Their offer")
    with pytest.raises(NotFound):
        edit_option(user, "Their offer", pay=1)
    with pytest.raises(NotFound):
        remove_option(user, "Their offer")
    assert Option.objects.get(name="Their offer").pay is None
    assert list(options_for(user)) == []


def test_edit_merges_the_mix_and_zero_drops_an_activity(user):
    add_option(user, "Offer", mix="research=10,writing=5")
    option = edit_option(user, "Offer", mix="writing=0,managing=4", ratings="learning=4", new_name="Offer B")
    assert option.name == "Offer B"
    assert option_mix(option) == {"research": 10.0, "managing": 4.0}
    assert option.ratings == {"learning": 4}


def test_bad_edit_changes_nothing(user):
    add_option(user, "Offer", mix="research=10", pay=100)
    with pytest.raises(UserInputError, match="rate"):
        edit_option(user, "Offer", pay=200, mix="writing=5", ratings="learning=9")
    option = get_option(user, "Offer")
    assert option.pay == 100 and option_mix(option) == {"research": 10.0}


def test_set_values_merges_ratings_and_keeps_the_baseline(user):
    set_values(user, ratings="learning=5", baseline=90000)
    set_values(user, ratings="mentorship=4")
    profile = ValuesProfile.objects.get(user=user)
    assert profile.ratings == {"learning": 5, "mentorship": 4}
    assert profile.pay_baseline == 90000
    assert value_weights(user).ranked()[0].slug == "learning"


@pytest.mark.parametrize("kwargs, field", [({"ratings": "learning=6"}, "set"), ({"baseline": -5}, "baseline"),
                                           ({"ratings": "fun=3"}, "set")])
def test_bad_values_are_refused_with_the_field_named(user, kwargs, field):
    with pytest.raises(UserInputError) as caught:
        set_values(user, **kwargs)
    assert caught.value.message.startswith(f"{field}:")
    assert not ValuesProfile.objects.filter(user=user).exclude(ratings={}).exists()


def test_answers_feed_weights_and_contradictions_are_named(user):
    record_value_answer(user, "learning", "compensation", "learning")
    record_value_answer(user, "compensation", "autonomy", "compensation")
    record_value_answer(user, "autonomy", "learning", "autonomy")
    summary = values_summary(user)
    assert summary["method"] == "comparisons" and summary["answers"] == 3
    assert len(summary["contradictions"]) == 1
    assert "learning over pay above your baseline" in summary["contradictions"][0]["explanation"]


def test_next_question_is_a_pair_of_known_values_and_answers_are_private(user, other_user):
    first, second = next_value_question(user)
    record_value_answer(user, first, second, None)
    assert ValueAnswer.objects.get().choice == ""
    assert values_summary(other_user)["answers"] == 0


def test_an_answer_must_be_one_of_the_pair(user):
    with pytest.raises(UserInputError, match="answer"):
        record_value_answer(user, "learning", "security", "autonomy")
    assert ValueAnswer.objects.count() == 0


def test_compare_without_options_says_what_to_do_as_a_command_and_as_a_page(user):
    with pytest.raises(UserInputError) as refused:
        compare(user)
    assert "current role" in refused.value.message and "ownpath" not in refused.value.message
    assert "option add" in refused.value.cli_message() and refused.value.hint.page == "web:option_new"


def test_compare_uses_only_the_persons_own_journal(user, other_user, episode_factory):
    for day in range(1, 9):
        date = dt.date.today() - dt.timedelta(days=day)
        episode_factory(activity="managing", energy=-2, date=date)
        episode_factory(activity="research", energy=2, date=date)
        episode_factory(owner=other_user, activity="managing", energy=2, date=date)
        episode_factory(owner=other_user, activity="research", energy=-2, date=date)
    for person in (user, other_user):
        add_option(person, "Now", mix="research=30,managing=5", current=True)
        add_option(person, "Manager", mix="managing=30,research=5", set_by="manager")
    mine, theirs = compare(user).options[0], compare(other_user).options[0]
    assert mine.p_better_than_current < 0.2 < 0.8 < theirs.p_better_than_current


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mix=st.text(max_size=40), ratings=st.text(max_size=30))
def test_option_input_parsing_never_crashes_on_arbitrary_text(user, mix, ratings):
    from ownpath.options.services import parse_mix, parse_ratings

    for parse, text in ((lambda t: parse_mix(user, t), mix), (parse_ratings, ratings)):
        try:
            parse(text)
        except UserInputError as exc:
            assert exc.message.split(":")[0] in {"mix", "rate"}


def test_values_summary_with_only_about_equal_answers_has_no_agreement_score(user):
    record_value_answer(user, "learning", "compensation", None)
    summary = values_summary(user)
    assert summary["answers"] == 1 and summary["agreement"] is None
    assert summary["weights"], "an 'about equal' answer still gives weights"
