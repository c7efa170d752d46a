"""ownpath keeps score of its own forecasts: kept when a person takes an option or an agreement
changes their week, scored once the journal covers the new reality, private to the person."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.options.forecasts import forecasts_for, forget_forecast, took_option
from ownpath.options.models import ForecastRecord, Option
from ownpath.options.services import add_option, compare

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _weeks(episode_factory, start: dt.date, weeks: int, research: int, managing: int):
    for week in range(weeks):
        for weekday in range(5):
            date = start + dt.timedelta(weeks=week, days=weekday)
            if date > TODAY:
                return
            episode_factory(date=date, activity="research", hours=2, energy=research)
            episode_factory(date=date, activity="managing", hours=2, energy=managing)


def _roles(user):
    add_option(user, "Analyst", mix={"research": 30, "managing": 5}, current=True)
    add_option(user, "Lead", mix={"managing": 25, "research": 10}, pay=120000)


def test_taking_an_option_keeps_the_forecast_compare_shows_and_makes_it_the_current_role(user, episode_factory):
    _weeks(episode_factory, TODAY - dt.timedelta(weeks=6), 6, research=2, managing=-1)
    _roles(user)
    shown = next(o for o in compare(user).options if o.name == "Lead")
    record = took_option(user, "lead", TODAY.isoformat())
    assert (record.energy, record.energy_low, record.energy_high) == (
        shown.energy.estimate, shown.energy.low, shown.energy.high)
    assert record.p_better == shown.p_better_than_current and record.flags == list(shown.flags)
    assert record.journal_entries == 60 and record.started_on == TODAY and record.mix == {"managing": 25,
                                                                                          "research": 10}
    assert Option.objects.get(user=user, is_current=True).name == "Lead"


def test_taking_is_refused_clearly_and_nothing_is_kept(user, other_user):
    _roles(user)
    add_option(other_user, "Theirs", mix={"research": 10})
    with pytest.raises(UserInputError, match="already your current role"):
        took_option(user, "Analyst")
    with pytest.raises(UserInputError, match="on: expected a date YYYY-MM-DD, got 'soon'"):
        took_option(user, "Lead", "soon")
    with pytest.raises(UserInputError, match="on: must be within a year of today"):
        took_option(user, "Lead", "2001-01-01")
    with pytest.raises(NotFound):
        took_option(user, "Theirs")
    assert not ForecastRecord.objects.exists()
    assert Option.objects.get(user=user, is_current=True).name == "Analyst"


def test_the_same_change_on_the_same_day_is_kept_once(user):
    _roles(user)
    took_option(user, "Lead")
    add_option(user, "Lead again", mix={"managing": 30})
    with pytest.raises(UserInputError, match="already your current role"):
        took_option(user, "Lead")
    assert ForecastRecord.objects.count() == 1


def test_before_eight_weeks_the_forecast_says_what_is_missing(user, episode_factory):
    start = TODAY - dt.timedelta(days=TODAY.weekday(), weeks=3)
    _weeks(episode_factory, start - dt.timedelta(weeks=8), 8, research=2, managing=-1)
    _roles(user)
    took_option(user, "Lead", start.isoformat(), today=start)
    _weeks(episode_factory, start, 3, research=2, managing=-1)
    data = forecasts_for(user)
    item = data["forecasts"][0]
    assert not item["ready"] and item["lived"] is None and item["score"] is None
    assert item["missing"].startswith("To score it, the journal needs 5 more weeks of entries")
    assert data["calibration"]["scored"] == 0


def test_after_eight_weeks_the_forecast_is_set_against_what_was_lived(user, episode_factory):
    start = TODAY - dt.timedelta(days=TODAY.weekday(), weeks=9)
    _weeks(episode_factory, start - dt.timedelta(weeks=8), 8, research=2, managing=-1)
    _roles(user)
    took_option(user, "Lead", start.isoformat(), today=start)
    # Managing turned out better than the journal said (0 instead of -1).
    _weeks(episode_factory, start, 9, research=2, managing=0)
    item = forecasts_for(user)["forecasts"][0]
    assert item["ready"] and item["lived"]["basis"] == "mix"
    lived = item["lived"]
    assert lived["low"] <= lived["estimate"] <= lived["high"]
    assert lived["estimate"] == pytest.approx((25 * 0 + 10 * 2) / 35, abs=0.01)
    assert item["score"]["error"] > 0 and "you lived" in item["score"]["sentence"]
    assert item["score"]["better"] is True  # +0.57 at the Lead's mix against +0.5 in the 8 weeks before
    calibration = forecasts_for(user)["calibration"]
    assert calibration["scored"] == 1 and "Too few to say yet" in calibration["sentence"]


def test_entries_seen_by_the_forecast_never_score_it(user, episode_factory):
    start = TODAY - dt.timedelta(days=TODAY.weekday(), weeks=9)
    _weeks(episode_factory, start - dt.timedelta(weeks=8), 17, research=2, managing=-1)
    _roles(user)
    took_option(user, "Lead", start.isoformat())  # recorded today, nine weeks after the change
    item = forecasts_for(user)["forecasts"][0]
    assert item["scored_from"] == TODAY.isoformat() and not item["ready"]


def test_an_agreement_that_changes_the_week_keeps_a_forecast_for_the_person_only(org, episode_factory):
    from ownpath.conversations import services as conversations

    person = org.owner
    _weeks(episode_factory, TODAY - dt.timedelta(weeks=4), 4, research=2, managing=-1)
    add_option(person, "Analyst", mix={"research": 30, "admin": 5}, current=True)
    conversation = conversations.open_conversation(org.manager, person, TODAY.isoformat())
    conversations.agree(org.manager, conversation.pk, "Two more hours of research", hour_changes={"admin": -2,
                                                                                                  "research": 2})
    kept = forecasts_for(person)["forecasts"]
    assert [(f["kind"], f["name"], f["mix"]) for f in kept] == [
        ("agreement", "Two more hours of research", {"research": 32.0, "admin": 3.0})]
    assert forecasts_for(org.manager)["forecasts"] == []


def test_forgetting_a_forecast_is_the_persons_alone(user, other_user):
    _roles(user)
    record = took_option(user, "Lead")
    with pytest.raises(NotFound):
        forget_forecast(other_user, record.pk)
    forget_forecast(user, record.pk)
    assert not ForecastRecord.objects.exists()


def test_cli_option_took_then_forecasts(cli, local_user):
    _roles(local_user)
    result = cli("option", "took", "Lead", "--on", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "'Lead' is now your current role" in result.output and "Kept ownpath's forecast" in result.output
    shown = cli("forecasts")
    assert "Lead" in shown.output and "To score it, the journal needs 8 more weeks" in shown.output
    data = json.loads(cli("forecasts", "--json").output)
    assert data["forecasts"][0]["name"] == "Lead"
    bad = cli("options", "took", "Analyst", "--on", "tomorrowish")
    assert bad.exit_code == 2 and "on: expected a date" in bad.stderr


def test_api_took_list_and_forget(client, user, other_user):
    from ownpath.accounts.services import create_token

    _roles(user)
    add_option(other_user, "Theirs", mix={"research": 10}, current=False)
    _, key = create_token(user, "test")
    _, other_key = create_token(other_user, "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    made = client.post("/api/options/lead/took", {"on": TODAY.isoformat()}, content_type="application/json", **auth)
    assert made.status_code == 201 and made.json()["forecasts"][0]["name"] == "Lead"
    record_id = made.json()["forecasts"][0]["id"]
    assert client.get("/api/forecasts", HTTP_AUTHORIZATION=f"Bearer {other_key}").json()["forecasts"] == []
    assert client.delete(f"/api/forecasts/{record_id}", HTTP_AUTHORIZATION=f"Bearer {other_key}").status_code == 404
    assert client.post("/api/options/theirs/took", {}, content_type="application/json", **auth).status_code == 404
    assert client.delete(f"/api/forecasts/{record_id}", **auth).status_code == 204
    assert client.get("/api/forecasts", **auth).json()["forecasts"] == []
