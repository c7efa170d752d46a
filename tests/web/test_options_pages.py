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


def _sort(client, *slugs):
    return client.post("/values/", {"action": "order"} | {f"pick_{n}": slug for n, slug in enumerate(slugs, 1)})


def _question(page: str) -> tuple[str, str]:
    return (page.split('name="first" value="')[1].split('"')[0], page.split('name="second" value="')[1].split('"')[0])


def test_values_start_with_the_card_sort_a_form_of_places_to_fill(owner_client):
    page = owner_client.get("/values/").content.decode()
    assert "Pick what matters, in order" in page
    assert page.count('<select id="pick_') == 8 and 'for="pick_1"' in page
    assert 'name="choice"' not in page and "<script>" not in page


def test_a_card_sort_is_saved_then_questions_count_true_and_stop_when_settled(owner_client, user):
    order = ("mentorship", "learning", "hands_on", "work_life_balance")
    assert _sort(owner_client, *order).status_code == 302
    asked = 0
    while True:
        page = owner_client.get("/values/").content.decode()
        if 'name="choice"' not in page:
            break
        number, total = page.split("Question ")[1].split(" —")[0].split(" of about ")
        assert int(number) == asked + 1 and int(total) >= int(number)
        first, second = _question(page)
        # A consistent person: the value earlier in their own order wins.
        owner_client.post("/values/", {"first": first, "second": second,
                                       "choice": min((first, second), key=order.index)})
        asked += 1
        assert asked <= 8
    assert "Your order is settled" in page
    assert "What matters most to you in a job: <strong>mentorship, learning, hands-on, real-time experience" in page
    assert "you confirmed it comes before learning" in page
    assert "weight 0." not in page and "From 0 answers" not in page


def test_a_card_sort_with_a_value_twice_is_refused_and_shown_again_with_the_choices(owner_client, user):
    from ownpath.options.models import ValuesProfile

    response = _sort(owner_client, "learning", "learning")
    body = response.content.decode()
    assert response.status_code == 400 and "learning is in the order twice" in body
    assert '<option value="learning" selected>' in body
    assert not ValuesProfile.objects.filter(user=user).exists()
    assert "pick at least the one value" in _sort(owner_client).content.decode()


def test_an_answer_against_the_card_sort_is_named_and_asked_again(owner_client):
    _sort(owner_client, "mentorship", "learning", "impact")
    owner_client.post("/values/", {"first": "mentorship", "second": "learning", "choice": "learning"})
    page = owner_client.get("/values/").content.decode()
    assert "In your order mentorship came before learning, but you chose learning when asked." in page
    assert 'name="choice"' in page


def test_values_baseline_is_validated(owner_client):
    owner_client.post("/values/", {"action": "baseline", "baseline": "-10"})
    assert "baseline" in owner_client.get("/values/").content.decode()


def test_about_equal_as_the_first_answer_keeps_values_and_report_working(owner_client):
    _sort(owner_client, "learning", "autonomy")
    first, second = _question(owner_client.get("/values/").content.decode())
    owner_client.post("/values/", {"first": first, "second": second, "choice": "equal"})
    page = owner_client.get("/values/").content.decode()
    assert page.count("about level with") == 1 and "Your order is settled" in page
    assert owner_client.get("/report/").status_code == 200


def test_direct_ratings_show_words_and_intervals_that_are_never_zero_wide(owner_client, user):
    from ownpath.options.services import set_values, values_summary

    set_values(user, ratings={"learning": 5, "mentorship": 4})
    assert all(w["high"] - w["low"] > 0.005 for w in values_summary(user)["weights"])
    page = owner_client.get("/values/").content.decode()
    assert "Learning</strong> — matters a lot" in page and "From your ratings." in page
    assert "From 0 answers" not in page


def test_starting_the_values_again_is_a_second_explicit_step(owner_client, user):
    from ownpath.options.models import ValueAnswer, ValuesProfile

    _sort(owner_client, "learning", "autonomy", "impact")
    first, second = _question(owner_client.get("/values/").content.decode())
    owner_client.post("/values/", {"first": first, "second": second, "choice": first})
    page = owner_client.get("/values/").content.decode()
    assert '<details class="restart"><summary>Start again</summary>' in page
    assert "This erases your order and your 1 answer" in page
    owner_client.post("/values/", {"action": "reset"})
    assert not ValueAnswer.objects.filter(user=user).exists()
    assert ValuesProfile.objects.get(user=user).ranking == []
    assert "Pick what matters, in order" in owner_client.get("/values/").content.decode()


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


def test_the_compare_page_and_api_put_the_thin_data_caveat_beside_five_days_of_forecasts(owner_client, user,
                                                                                          episode_factory):
    from ownpath.options.services import add_option

    start = dt.date.today() - dt.timedelta(days=5)
    for day in range(5):
        episode_factory(date=start + dt.timedelta(days=day), activity="research", hours=3, energy=2)
        episode_factory(date=start + dt.timedelta(days=day), activity="managing", hours=1, energy=-2)
    add_option(user, "Analyst", mix={"research": 30}, current=True)
    add_option(user, "Lead", mix={"managing": 30})
    page = owner_client.get("/compare/").content.decode()
    assert '<p class="warning" data-kind="thin_data"><strong>Thin data:</strong> With 10 entries' in page
    assert owner_client.get("/api/compare").json()["warnings"][0]["kind"] == "thin_data"


def test_i_took_this_on_the_options_page_keeps_the_forecast_and_shows_it_on_the_forecasts_page(owner_client, user,
                                                                                              episode_factory):
    from ownpath.options.models import ForecastRecord
    from ownpath.options.services import add_option

    _journal(episode_factory)
    add_option(user, "Analyst", mix={"research": 30}, current=True)
    add_option(user, "Lead", mix={"managing": 25, "research": 5})
    page = owner_client.get("/options/").content.decode()
    assert page.count("<summary>I took this") == 1 and 'action="/options/lead/took/"' in page
    assert 'type="date"' in page and "/forecasts/" in page
    response = owner_client.post("/options/lead/took/", {"on": dt.date.today().isoformat()})
    assert response.status_code == 302 and response["Location"] == "/forecasts/"
    record = ForecastRecord.objects.get(user=user)
    page = owner_client.get("/forecasts/").content.decode()
    assert "Lead is now your current role" in page
    assert "How well calibrated for you" in page and "No forecast has been lived long enough to score yet." in page
    assert "To score it, the journal needs 8 more weeks of entries" in page
    assert f"{record.energy_low:+.2f} to {record.energy_high:+.2f}" in page
    assert " --" not in page and "`ownpath" not in page
    report = owner_client.get("/report/").content.decode()
    assert "How ownpath&#x27;s forecasts held up" in report or "How ownpath's forecasts held up" in report
    owner_client.post(f"/forecasts/{record.pk}/forget/")
    assert not ForecastRecord.objects.exists()


def test_a_bad_date_for_i_took_this_is_named_and_nothing_is_kept(owner_client, user):
    from ownpath.options.models import ForecastRecord
    from ownpath.options.services import add_option

    add_option(user, "Analyst", mix={"research": 30}, current=True)
    add_option(user, "Lead", mix={"managing": 25})
    response = owner_client.post("/options/lead/took/", {"on": "1999-01-01"}, follow=True)
    assert "must be within a year of today" in response.content.decode()
    assert not ForecastRecord.objects.exists()
