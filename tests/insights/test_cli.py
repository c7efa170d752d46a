"""`ownpath insights` as a person uses it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

pytestmark = pytest.mark.django_db


def log_week(cli, start=dt.date(2026, 10, 5)):
    for day in range(5):
        date = (start + dt.timedelta(days=day)).isoformat()
        assert cli("log", "research", "--hours", "3", "--energy", "+2", "--skill", "4", "--date", date,
                   "--growth").exit_code == 0
        assert cli("log", "managing", "--hours", "2", "--energy", "-1", "--skill", "4", "--date", date,
                   "--required").exit_code == 0


def test_insights_json_lists_activities_with_energy_and_skill(cli):
    log_week(cli)
    result = cli("insights", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["episodes"] == 10 and report["hours"] == 25.0
    assert [r["activity"] for r in report["activities"]] == ["research", "managing"]
    assert report["activities"][0]["energy"]["p_positive"] > 0.5


def test_insights_prints_plain_words(cli):
    log_week(cli)
    result = cli("insights")
    assert result.exit_code == 0, result.output
    assert "Research" in result.output and "energizes you" in result.output
    assert "Balance" in result.output


def test_insights_since_filters(cli):
    log_week(cli)
    report = json.loads(cli("insights", "--json", "--since", "2026-10-08").output)
    assert report["episodes"] == 4


def test_insights_rejects_a_bad_date_with_a_message_and_status_2(cli):
    result = cli("insights", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "since" in result.output and "Traceback" not in result.output


def test_insights_on_an_empty_journal_says_what_is_missing(cli):
    result = cli("insights")
    assert result.exit_code == 0, result.output
    assert "log some work" in result.output


def test_settings_target_hours_feeds_the_balance(cli):
    assert cli("settings", "--target-hours", "20").exit_code == 0
    log_week(cli)
    report = json.loads(cli("insights", "--json").output)
    assert report["balance"]["target_hours"] == 20
