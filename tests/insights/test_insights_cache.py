"""One cache of a person's insights, keyed by journal state and day, for their own page and every shared item."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.insights import cache as insights_cache
from ownpath.sharing import profile
from ownpath.sharing import services as sharing

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharing_owner(org, episode_factory):
    """The owner logged a few entries and shares their top energizers with their manager."""
    for energy in (2, 1, 2):
        episode_factory(energy=energy)
    sharing.share(org.owner, "top_energizers", "manager")
    return org.owner


def _count_builds(monkeypatch) -> list:
    """Record each fit, whoever asks for it (the cache and the stored copy both look build_insights up)."""
    from ownpath.insights import services

    builds = []
    real = services.build_insights

    def counting(user, *args, **kwargs):
        builds.append(user.pk)
        return real(user, *args, **kwargs)

    monkeypatch.setattr(services, "build_insights", counting)
    return builds


def test_the_owners_page_and_a_shared_item_read_the_same_fit(org, sharing_owner, monkeypatch):
    sharing.shared_profile(org.manager, sharing_owner)
    builds = _count_builds(monkeypatch)
    assert insights_cache.insights_for(sharing_owner) == profile.insights_of(sharing_owner)
    assert builds == []


def test_a_shared_item_is_refitted_the_next_day_not_shown_with_last_weeks_trend(org, sharing_owner, monkeypatch):
    monday = dt.date.today()
    sharing.shared_profile(org.manager, sharing_owner)
    builds = _count_builds(monkeypatch)
    monkeypatch.setattr(insights_cache, "today", lambda: monday + dt.timedelta(days=1))
    sharing.shared_profile(org.manager, sharing_owner)
    assert builds == [sharing_owner.pk]  # the fit stored yesterday (same journal) did not count today


def test_the_background_job_refits_a_sharer_whose_stored_fit_is_from_another_day(org, sharing_owner, monkeypatch):
    from ownpath.sharing.tasks import refresh_shared_insights

    assert refresh_shared_insights.call() == 1
    assert refresh_shared_insights.call() == 0
    monkeypatch.setattr(insights_cache, "today", lambda: dt.date.today() + dt.timedelta(days=1))
    assert refresh_shared_insights.call() == 1
