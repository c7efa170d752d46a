"""Shared items open from stored insights: every server process reads them, none refits a journal it need not."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from ownpath.sharing import profile
from ownpath.sharing import services as sharing
from ownpath.sharing.models import StoredInsights

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharing_owner(org, episode_factory):
    """The owner logged a few entries and shares their top energizers with their manager."""
    for energy in (2, 1, 2):
        episode_factory(energy=energy)
    sharing.share(org.owner, "top_energizers", "manager")
    return org.owner


def _count_fits(monkeypatch) -> list:
    fits = []
    real = profile._fit_and_store

    def counting(owner, state):
        fits.append(owner.pk)
        return real(owner, state)

    monkeypatch.setattr(profile, "_fit_and_store", counting)
    return fits


def test_a_fit_is_stored_and_another_process_reads_it_without_refitting(org, sharing_owner, monkeypatch):
    first = sharing.shared_profile(org.manager, sharing_owner)
    assert StoredInsights.objects.get(person=sharing_owner).journal_state == profile.fit_version(sharing_owner)
    cache.clear()  # what a second server process (or a restart) starts with
    fits = _count_fits(monkeypatch)
    assert sharing.shared_profile(org.manager, sharing_owner)[0]["content"] == first[0]["content"]
    assert fits == []


def test_a_new_entry_makes_the_stored_fit_stale_and_it_is_refitted(org, sharing_owner, episode_factory, monkeypatch):
    sharing.shared_profile(org.manager, sharing_owner)
    episode_factory(energy=-2)
    fits = _count_fits(monkeypatch)
    sharing.shared_profile(org.manager, sharing_owner)
    assert fits == [sharing_owner.pk]
    assert StoredInsights.objects.get(person=sharing_owner).journal_state == profile.fit_version(sharing_owner)


def test_the_background_job_refits_only_sharers_whose_journal_changed(org, sharing_owner, episode_factory,
                                                                       other_user, monkeypatch):
    from ownpath.sharing.tasks import refresh_shared_insights

    episode_factory(owner=other_user)  # shares nothing: never fitted for sharing
    assert refresh_shared_insights.call() == 1
    assert refresh_shared_insights.call() == 0
    episode_factory(energy=-1)
    fits = _count_fits(monkeypatch)
    assert refresh_shared_insights.call() == 1 and fits == [sharing_owner.pk]
    assert not StoredInsights.objects.filter(person=other_user).exists()


def test_a_new_entry_of_a_sharer_queues_one_refit_and_the_worker_stores_it(org, sharing_owner, episode_factory,
                                                                            run_jobs,
                                                                            django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    sharing.shared_profile(org.manager, sharing_owner)
    with django_capture_on_commit_callbacks(execute=True):
        episode_factory(energy=-2)
        episode_factory(energy=-1)
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_person_shared_insights").count() == 1
    assert run_jobs() == 1
    stored = StoredInsights.objects.get(person=sharing_owner)
    assert stored.journal_state == profile.fit_version(sharing_owner)


def test_an_entry_of_someone_who_shares_nothing_queues_nothing(other_user, episode_factory,
                                                               django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        episode_factory(owner=other_user)
    assert not DBTaskResult.objects.exists()


def test_a_stored_fit_of_another_prior_version_is_fitted_again(sharing_owner, monkeypatch):
    from ownpath.analytics import pooled_prior
    from ownpath.sharing import profile
    from ownpath.sharing.models import StoredInsights

    profile.insights_of(sharing_owner)
    before = StoredInsights.objects.get(person=sharing_owner).journal_state
    monkeypatch.setattr(pooled_prior, "population_version", lambda: "population:changed")
    profile.refresh_stored_insights([sharing_owner])
    after = StoredInsights.objects.get(person=sharing_owner).journal_state
    assert after != before and after.endswith("population:changed")
