"""The insights page shows the same findings as `ownpath insights --json`, as charts and tables."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.insights.cache import insights_for

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
    before = insights_for(user)
    episode_factory(activity="selling", energy=1)
    after = insights_for(user)
    assert after["episodes"] == before["episodes"] + 1
    assert "selling" in {a["activity"] for a in after["activities"]}


def test_insights_open_with_your_story_of_linked_sentences(owner_client, episode_factory):
    _log_week(episode_factory)
    html = owner_client.get("/insights/").content.decode()
    assert html.index("Your story") < html.index("What energizes and drains you")
    story = html.split('<ul class="story-lines">')[1].split("</ul>")[0]
    lines = story.count("<li>")
    assert 3 <= lines <= 5 and story.count("<a href=") == lines
    assert "What energizes you most — Research &amp; investigating: energizes you — " in story
    assert "What drains you most — Managing people: drains you" in story
    assert 'href="#activity-research"' in story and 'id="activity-research"' in html


def test_the_story_and_the_tables_use_the_same_verdict_for_each_activity(user, episode_factory):
    from ownpath.web import present

    _log_week(episode_factory)
    insights = insights_for(user)
    for activity in insights["activities"]:
        assert activity["verdict"]["words"] in activity["energy"]["words"]
        assert activity["verdict"]["words"] in activity["quadrant_words"] or activity["quadrant"] != "unclear"
    urls = {"journal": "/j/", "log": "/j/?log=%s", "activity": "#a-%s", "roles": "/r/", "compare": "/c/", "options": "/o/"}
    text = " ".join(s["text"] for s in present.story(insights, urls=urls))
    managing = next(a for a in insights["activities"] if a["activity"] == "managing")
    assert f"Managing people: {managing['verdict']['words']}" in text


def test_a_week_one_hour_over_the_target_is_over_but_not_more_than_ten_percent_over():
    from ownpath.web import present

    weeks = [{"week": "2026-W10", "start": "2026-03-02", "hours": 41.0, "off_clock_hours": 0, "episodes": 5,
              "mean_energy": 0.5},
             {"week": "2026-W11", "start": "2026-03-09", "hours": 45.0, "off_clock_hours": 0, "episodes": 5,
              "mean_energy": 0.1}]
    insights = {"balance": {"target_hours": 40, "hours_per_week": {"by_week": weeks, "mean": 43.0},
                            "growth": {"growth_hours": 0, "required_hours": 0, "unmarked_hours": 1, "share": None},
                            "off_clock": {"per_week": 0, "share": 0}, "draining": {}, "trend": {}}}
    view = present.balance_view(insights, today=dt.date(2026, 3, 20))
    assert view["weeks_over_target"] == 2 and view["weeks_far_over_target"] == 1
    # The week of 16 March is still under way on the 20th: left out; both others are finished.
    view = present.balance_view(insights, today=dt.date(2026, 3, 12))
    assert [w["week"] for w in view["weeks"]] == ["2026-W10"] and view["current_week"]["hours"] == 45.0


def test_weeks_are_labelled_by_the_date_of_their_monday(owner_client, episode_factory):
    _log_week(episode_factory)
    html = owner_client.get("/insights/").content.decode()
    monday = dt.date.today() - dt.timedelta(days=20)
    monday -= dt.timedelta(days=monday.weekday())
    assert f"<th scope=\"row\">{monday.day} {monday:%b}</th>" in html
    assert "W" + monday.strftime("%V") + "<" not in html


def test_the_trend_names_its_weeks_by_dates():
    from ownpath.web.present import weeks_span

    assert weeks_span("2026-W45..2026-W48") == "2 Nov – 29 Nov 2026"
    assert weeks_span("") == ""
