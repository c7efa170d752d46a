"""The context of an entry on the quick log, and what else drives energy on the insights page (never the report)."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.journal.models import Episode
from tests.insights.test_context_insights import fill

pytestmark = pytest.mark.django_db


def test_quick_log_saves_where_tools_start_and_flow(owner_client, user):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    response = owner_client.post("/journal/log/", {"date": yesterday, "activity": "research", "hours": "1", "energy": "1",
                                           "where": "home", "with": "Sam, team", "tools": "vim",
                                           "start": "09:30", "flow": "on"})
    assert response.status_code in (200, 302)
    episode = Episode.objects.get(user=user)
    assert (episode.place, episode.with_whom, episode.tools, episode.start_time, episode.flow) == (
        "home", "Sam, my team", "vim", dt.time(9, 30), True)


def test_quick_log_names_a_bad_context_field(owner_client, user):
    response = owner_client.post("/journal/log/", {"date": dt.date.today().isoformat(), "activity": "research", "hours": "1",
                                           "energy": "1", "where": "x" * 81})
    assert "at most 80 characters" in response.content.decode() and not Episode.objects.exists()


def test_quick_log_offers_the_persons_own_places(owner_client, episode_factory, other_user):
    episode_factory(where="client site")
    episode_factory(owner=other_user, where="secret lab")
    html = owner_client.get("/journal/").content.decode()
    assert '<option value="client site">' in html and "secret lab" not in html


def test_insights_page_shows_context_and_flow_but_the_report_names_nobody(owner_client, user):
    fill(user, weeks=20)
    Episode.objects.filter(user=user, activity__slug="admin").update(with_whom="Zelda")
    html = owner_client.get("/insights/").content.decode()
    assert "What else drives your energy" in html and "Flow: where you lose track of time" in html
    assert "90% interval" in html
    report = owner_client.get("/report/").content.decode()
    assert "What else drives your energy" not in report and "Zelda" not in report
