"""`ownpath values`, `ownpath option ...` and `ownpath compare` as a person uses them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.demo.services import fill_demo_journal
from ownpath.demo.options import DIRECTOR_OF_RESEARCH
from ownpath.options.models import Option, OptionActivity, ValueAnswer, ValuesProfile

pytestmark = pytest.mark.django_db


def test_values_set_and_baseline_then_show_json(cli):
    result = cli("values", "--set", "learning=5,mentorship=4", "--baseline", "90000")
    assert result.exit_code == 0, result.output
    data = json.loads(cli("values", "--show", "--json").output)
    assert data["pay_baseline"] == 90000
    assert data["method"] == "ratings"
    assert [w["value"] for w in data["weights"][:2]] == ["learning", "mentorship"]
    assert sum(w["weight"] for w in data["weights"]) == pytest.approx(1.0, abs=1e-3)


def test_values_interactive_takes_the_order_then_asks_only_until_it_is_settled(cli):
    # The card sort by number (2 = learning, 1 = mentorship, 9 = impact), one bad reply, then
    # always the first value offered, once "about equal".
    result = cli("values", input="2,1,9\n1\nwhat\n=\n1\n1\n1\n1\n1\n")
    assert result.exit_code == 0, result.output
    assert "Type their numbers, most important first" in result.output
    assert "(question 1 of about 3) More important to you:" in result.output
    assert "Please answer 1, 2, = or q." in result.output
    assert "Your order is settled." in result.output
    assert ValuesProfile.objects.get().ranking == ["learning", "mentorship", "impact"]
    assert ValueAnswer.objects.count() <= 4
    assert "What you value in a job" in result.output and "the order you gave (3 values)" in result.output


def test_values_order_flag_refuses_an_unknown_value_and_saves_nothing(cli):
    result = cli("values", "--order", "learning,lerning", "--baseline", "90000")
    assert result.exit_code == 2
    assert "order: unknown value 'lerning'" in result.stderr
    assert not ValuesProfile.objects.exists()
    assert cli("values", "--order", "learning,mentorship").exit_code == 0
    data = json.loads(cli("values", "--show", "--json").output)
    assert data["ranking"] == ["learning", "mentorship"] and data["questions"]["next"] is not None


def test_values_interactive_names_a_contradiction(cli, local_user):
    from ownpath.options.services import record_value_answer

    record_value_answer(local_user, "learning", "compensation", "learning")
    record_value_answer(local_user, "compensation", "autonomy", "compensation")
    record_value_answer(local_user, "autonomy", "learning", "autonomy")
    result = cli("values", "--show")
    assert "Contradiction:" in result.output and "autonomy over learning" in result.output


def test_values_bad_rating_exits_2_and_saves_nothing(cli):
    result = cli("values", "--set", "learning=6", "--baseline", "90000")
    assert result.exit_code == 2
    assert "set: rating for 'learning' must be a whole number from 1 to 5" in result.stderr
    assert not ValuesProfile.objects.exclude(pay_baseline=None).exists()


def test_option_add_list_edit_remove(cli):
    assert cli("option", "add", "Analyst", "--mix", "research=20,writing=10", "--pay", "95000",
               "--current").exit_code == 0
    assert cli("option", "add", "Director", "--mix", "managing=20,meetings=10", "--pay", "150000",
               "--hours", "50", "--rate", "advancement=5", "--set-by", "manager").exit_code == 0
    rows = json.loads(cli("option", "list", "--json").output)
    assert [(r["name"], r["current"]) for r in rows] == [("Analyst", True), ("Director", False)]
    assert rows[1]["mix"] == {"managing": 20.0, "meetings": 10.0} and rows[1]["set_by"] == "manager"
    assert cli("option", "edit", "Director", "--pay", "160000", "--mix", "coaching=5").exit_code == 0
    edited = json.loads(cli("option", "list", "--json").output)[1]
    assert edited["pay"] == 160000 and edited["mix"]["coaching"] == 5
    assert cli("option", "remove", "Director").exit_code == 0
    assert [r["name"] for r in json.loads(cli("option", "list", "--json").output)] == ["Analyst"]


@pytest.mark.parametrize("args, field", [
    (["--mix", "manging=20"], "mix: unknown activity 'manging'; did you mean managing"),
    (["--mix", "managing=-20"], "mix: hours for 'managing'"),
    (["--mix", "managing=20", "--hours", "-40"], "hours: must be more than 0"),
    (["--mix", "managing=20", "--rate", "mentorship=7"], "rate: rating for 'mentorship'"),
    (["--mix", "managing=20", "--set-by", "boss"], "set-by:"),
])
def test_option_add_bad_input_exits_2_names_the_field_saves_nothing(cli, args, field):
    result = cli("option", "add", "Offer", *args)
    assert result.exit_code == 2
    assert field in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert Option.objects.count() == 0 and OptionActivity.objects.count() == 0


def test_option_edit_of_a_missing_option_exits_2(cli):
    result = cli("option", "edit", "Nope", "--pay", "1")
    assert result.exit_code == 2 and "option 'Nope' not found" in result.stderr


def test_compare_json_has_the_promised_contract(cli, local_user):
    fill_demo_journal(local_user, "research_analyst", seed=7, end=dt.date(2026, 11, 20))
    cli("values", "--set", "learning=5,hands_on=5,leading_people=1", "--baseline", "90000")
    cli("option", "add", "Analyst", "--mix", "research=10,analysis=8,writing=7,presenting=3,meetings=5,managing=4",
        "--pay", "95000", "--current")
    mix = ",".join(f"{k}={v}" for k, v in DIRECTOR_OF_RESEARCH["mix"].items())
    cli("option", "add", "Director", "--mix", mix, "--pay", "160000", "--hours", "50", "--set-by", "manager",
        "--rate", "advancement=5,leading_people=5")
    cli("option", "add", "Cheap", "--mix", "research=40", "--pay", "60000")
    result = cli("compare", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["current"]["name"] == "Analyst"
    director, cheap = data["options"]
    assert set(director) >= {"name", "energy", "p_better_than_current", "values_fit", "pay_meets_baseline",
                             "flags", "explanation"}
    assert set(director["energy"]) == {"estimate", "low", "high"}
    assert "somebody_elses_dream" in director["flags"] and "long_hours" in director["flags"]
    assert "managing people" in director["explanation"]
    assert cheap["pay_meets_baseline"] is False and "below_pay_baseline" in cheap["flags"]
    assert cheap["values_fit"] == 0.0
    table = cli("compare")
    words = " ".join(table.output.split())  # Rich wraps long lines at the terminal width
    assert table.exit_code == 0 and "Director" in words and "Somebody else's dream?" in words


def test_compare_with_an_empty_journal_says_the_forecast_rests_on_the_prior(cli):
    cli("option", "add", "Now", "--mix", "research=30", "--current")
    cli("option", "add", "Sales", "--mix", "selling=30")
    result = cli("compare")
    assert result.exit_code == 0, result.output
    assert "no entries yet" in " ".join(result.output.split())
    data = json.loads(cli("compare", "--json").output)
    assert "mostly_unlogged" in data["options"][0]["flags"]
    assert 0.2 < data["options"][0]["p_better_than_current"] < 0.8


def test_values_show_after_only_an_about_equal_answer(cli, local_user):
    from ownpath.options.services import record_value_answer

    record_value_answer(local_user, "learning", "compensation", None)
    result = cli("values", "--show")
    assert result.exit_code == 0, result.output
    assert "agree with these weights" not in result.output
