"""The insights page shows the same findings as `ownpath insights --json`, as charts and tables."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.web import sources

pytestmark = pytest.mark.django_db


def _log_week(episode_factory):
    start = dt.date.today() - dt.timedelta(days=20)
    for day in range(14):
        date = start + dt.timedelta(days=day)
        episode_factory(date=date, activity="research", hours=3, energy=2, skill=4, growth=True)
        episode_factory(date=date, activity="managing", hours=2, energy=-2, skill=2, growth=False)


def test_insights_page_shows_energizers_and_drains_with_intervals_and_text_equivalents(owner_client, episode_factory):
    _log_week(episode_factory)
    html = owner_client.get("/insights/").content.decode()
    assert "What energizes and drains you" in html
    assert html.count('role="img"') >= 4
    assert "Research &amp; investigating" in html and "Managing people" in html
    assert "90% interval" in html and "<figcaption>" in html
    assert "energizes you" in html and "drains you" in html
    assert "your target 40 h" in html


def test_insights_page_on_an_empty_journal_says_what_is_missing(owner_client):
    response = owner_client.get("/insights/")
    assert response.status_code == 200
    assert "0 entries" in response.content.decode()
    assert "Log some work" in response.content.decode()


def test_insights_follow_the_journal_after_a_new_entry(user, episode_factory):
    _log_week(episode_factory)
    before = sources.insights_for(user)
    episode_factory(activity="selling", energy=1)
    after = sources.insights_for(user)
    assert after["episodes"] == before["episodes"] + 1
    assert "selling" in {a["activity"] for a in after["activities"]}
