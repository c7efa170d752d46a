"""Values questionnaire, options pages and the comparison."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def _option_post(name: str, mix: list[tuple[str, str]], **fields) -> dict:
    data = {"name": name, "set_by": "me"} | fields
    for i, (activity, hours) in enumerate(mix):
        data[f"mix_activity_{i}"], data[f"mix_hours_{i}"] = activity, hours
    return data


def _journal(episode_factory):
    start = dt.date.today() - dt.timedelta(days=30)
    for day in range(28):
        date = start + dt.timedelta(days=day)
        episode_factory(date=date, activity="research", hours=3, energy=2, skill=4)
        episode_factory(date=date, activity="managing", hours=1, energy=-2, skill=3)


def test_add_edit_and_remove_an_option(owner_client, user):
    from ownpath.options.services import options_for

    response = owner_client.post("/options/new/", _option_post("Analyst", [("research", "20"), ("writing", "10")],
                                                               pay="60000", current="on", rate_learning="5"))
    assert response.status_code == 302
    option = options_for(user).get()
    assert option.is_current and option.pay == 60000 and option.ratings == {"learning": 5}
    assert owner_client.get("/options/Analyst/edit/").status_code == 200
    response = owner_client.post("/options/Analyst/edit/", _option_post("Senior analyst", [("research", "25")],
                                                                         pay="65000", current="on"))
    assert response.status_code == 302
    option = options_for(user).get()
    assert option.name == "Senior analyst" and {m.activity.slug: m.hours for m in option.mix.all()} == {"research": 25}
    assert owner_client.post("/options/Senior analyst/delete/").status_code == 302
    assert not options_for(user).exists()


@pytest.mark.parametrize("fields, mix, field", [
    ({}, [("reserch", "20")], "mix"),
    ({}, [("research", "-3")], "mix"),
    ({"rate_learning": "9"}, [("research", "20")], "rate"),
    ({"pay": "-5"}, [("research", "20")], "pay"),
])
def test_a_bad_option_names_the_field_and_saves_nothing(owner_client, user, fields, mix, field):
    from ownpath.options.services import options_for

    response = owner_client.post("/options/new/", _option_post("Offer", mix, **fields))
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not options_for(user).exists()


def test_compare_shows_each_option_against_the_current_role_with_flags_and_explanations(
        owner_client, episode_factory):
    _journal(episode_factory)
    owner_client.post("/options/new/", _option_post("Analyst", [("research", "30"), ("managing", "2")],
                                                    pay="60000", current="on"))
    owner_client.post("/options/new/", _option_post("Head of research", [("managing", "25"), ("research", "5")],
                                                    pay="95000", set_by="expected"))
    html = owner_client.get("/compare/").content.decode()
    assert "Analyst" in html and "Head of research" in html
    assert "current role" in html and "Predicted energy" in html and 'class="explanation"' in html


def test_values_questionnaire_asks_one_question_at_a_time(owner_client, user):
    page = owner_client.get("/values/").content.decode()
    assert page.count('name="choice"') == 3
    first = page.split('name="first" value="')[1].split('"')[0]
    second = page.split('name="second" value="')[1].split('"')[0]
    response = owner_client.post("/values/", {"first": first, "second": second, "choice": first})
    assert response.status_code == 302
    assert "Question 2" in owner_client.get("/values/").content.decode()


def test_values_baseline_is_validated(owner_client):
    owner_client.post("/values/", {"action": "baseline", "baseline": "-10"})
    assert "baseline" in owner_client.get("/values/").content.decode()


def test_about_equal_as_the_first_answer_keeps_values_and_report_working(owner_client):
    page = owner_client.get("/values/").content.decode()
    first = page.split('name="first" value="')[1].split('"')[0]
    second = page.split('name="second" value="')[1].split('"')[0]
    owner_client.post("/values/", {"first": first, "second": second, "choice": "equal"})
    assert owner_client.get("/values/").status_code == 200
    assert owner_client.get("/report/").status_code == 200


def _answer_values_question(client, choice_index: int = 0) -> None:
    page = client.get("/values/?more=1").content.decode()
    first = page.split('name="first" value="')[1].split('"')[0]
    second = page.split('name="second" value="')[1].split('"')[0]
    client.post("/values/", {"first": first, "second": second, "choice": [first, "equal", second][choice_index]})


def test_values_end_after_a_dozen_answers_with_the_result_and_the_next_step(owner_client):
    from ownpath.analytics.values_elicitation import SUGGESTED_QUESTIONS

    for number in range(SUGGESTED_QUESTIONS):
        _answer_values_question(owner_client, number % 3)
    page = owner_client.get("/values/").content.decode()
    assert "Your result, from 12 answers" in page and 'name="choice"' not in page
    assert "What matters most to you in a job" in page and "/options/new/" in page
    assert 'name="choice"' in owner_client.get("/values/?more=1").content.decode()


def test_starting_the_values_questions_again_is_a_second_explicit_step(owner_client, user):
    from ownpath.options.models import ValueAnswer

    _answer_values_question(owner_client)
    page = owner_client.get("/values/").content.decode()
    assert '<details class="restart"><summary>Start the questions again</summary>' in page
    assert "This erases your 1 answer" in page
    owner_client.post("/values/", {"action": "reset"})
    assert not ValueAnswer.objects.filter(user=user).exists()


def test_option_form_takes_as_many_activity_rows_as_given(owner_client, user):
    from ownpath.options.services import get_option

    mix = [(slug, "2") for slug in ("research", "writing", "analysis", "presenting", "learning", "planning",
                                    "meetings", "admin", "managing", "selling")]
    response = owner_client.post("/options/new/", _option_post("Generalist", mix, pay="85,000"))
    assert response.status_code == 302
    option = get_option(user, "Generalist")
    assert option.mix.count() == 10 and option.pay == 85000


def test_add_a_row_without_a_script_shows_the_form_again_with_one_more_row(owner_client, user):
    from ownpath.options.services import options_for

    data = _option_post("Analyst", [("research", "20")]) | {"action": "add_row"}
    body = owner_client.post("/options/new/", data).content.decode()
    assert body.count('name="mix_activity_') == 4 and 'value="Research &amp; investigating"' in body
    assert not options_for(user).exists()


def test_compare_page_names_no_command_line_flags(owner_client, episode_factory):
    _journal(episode_factory)
    owner_client.post("/options/new/", _option_post("Analyst", [("research", "30")], pay="60000", current="on",
                                                    rate_learning="5"))
    owner_client.post("/options/new/", _option_post("Lead", [("managing", "25")], pay="95000", rate_learning="2"))
    owner_client.post("/values/", {"action": "baseline", "baseline": "50000"})
    owner_client.post("/values/", {"first": "learning", "second": "compensation", "choice": "learning"})
    html = owner_client.get("/compare/").content.decode()
    assert "Lead" in html and " --" not in html and "`ownpath" not in html
    assert "&lt;1%" in html or "&gt;99%" in html or "%" in html.split("Chance it feels better than now")[1][:400]
