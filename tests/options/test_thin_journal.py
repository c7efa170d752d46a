"""Compare says when the journal is thin, with the same rule and words as the Insights banner."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.analytics.journal_size import THIN_JOURNAL_ENTRIES, thin_data_warning
from ownpath.options.services import add_option, compare_json

pytestmark = pytest.mark.django_db


def _five_days(episode_factory, per_day=2):
    start = dt.date.today() - dt.timedelta(days=5)
    for day in range(5):
        for _ in range(per_day):
            episode_factory(date=start + dt.timedelta(days=day), activity="research", hours=2, energy=2)
            episode_factory(date=start + dt.timedelta(days=day), activity="managing", hours=1, energy=-2)


def _options(user):
    add_option(user, "Analyst", mix={"research": 30}, current=True)
    add_option(user, "Lead", mix={"managing": 30})


def test_five_days_of_entries_put_the_thin_data_caveat_beside_the_forecast(user, episode_factory):
    _five_days(episode_factory)
    _options(user)
    data = compare_json(user)
    assert data["episodes"] == 20
    assert data["warnings"] == [thin_data_warning(20)]
    assert "still tentative" in data["warnings"][0]["message"]


def test_compare_and_insights_say_the_same_thing_about_the_same_journal(user, episode_factory):
    from ownpath.insights.services import build_insights

    _five_days(episode_factory)
    _options(user)
    insights_thin = [w for w in build_insights(user)["warnings"] if w["kind"] == "thin_data"]
    assert compare_json(user)["warnings"] == insights_thin


def test_a_journal_past_the_threshold_has_no_caveat(user, episode_factory):
    start = dt.date.today() - dt.timedelta(days=40)
    for day in range(THIN_JOURNAL_ENTRIES // 2):
        episode_factory(date=start + dt.timedelta(days=day), activity="research", hours=2, energy=1)
        episode_factory(date=start + dt.timedelta(days=day), activity="managing", hours=1, energy=-1)
    _options(user)
    assert compare_json(user)["warnings"] == []


def test_the_cli_compare_prints_the_caveat_first(cli, local_user):
    from ownpath.journal.services import log_episode

    for day in range(3):
        date = (dt.date.today() - dt.timedelta(days=day)).isoformat()
        log_episode(local_user, {"date": date, "activity": "research", "hours": 2, "energy": 2})
    _options(local_user)
    output = cli("compare").output
    assert output.index("Thin data: With 3 entries") < output.index("Your options")
    assert json.loads(cli("compare", "--json").output)["warnings"][0]["kind"] == "thin_data"
