"""Journal services: logging, scoping to the acting person, settings."""

from __future__ import annotations

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.journal.models import Activity, Episode
from ownpath.journal.services import (
    activities_for, add_activity, delete_episode, episodes_for, get_episode, log_episode, update_episode,
    update_settings,
)
from ownpath.taxonomy import BUILTIN_SLUGS

pytestmark = pytest.mark.django_db


def test_builtin_taxonomy_is_in_the_database_after_migrate():
    assert set(BUILTIN_SLUGS) <= set(Activity.objects.filter(owner=None).values_list("slug", flat=True))
    assert len(BUILTIN_SLUGS) == 21


def test_log_saves_an_episode_for_the_acting_person(user, episode_factory):
    episode = episode_factory(activity="writing", hours="2.5", energy="-1", skill="4", growth="growth")
    assert (episode.user, episode.activity.slug, episode.hours, episode.energy, episode.skill, episode.growth) == (
        user, "writing", 2.5, -1, 4, True)


def test_log_refuses_bad_input_and_saves_nothing(user):
    with pytest.raises(UserInputError, match="energy"):
        log_episode(user, {"date": "2026-01-05", "activity": "research", "hours": 1, "energy": 3})
    assert Episode.objects.count() == 0


def test_nobody_sees_another_persons_episodes(user, other_user, episode_factory):
    mine = episode_factory(note="mine")
    episode_factory(owner=other_user, note="theirs")
    assert [e.note for e in episodes_for(user)] == ["mine"]
    with pytest.raises(NotFound):
        get_episode(other_user, mine.pk)
    with pytest.raises(NotFound):
        update_episode(other_user, mine.pk, {"energy": -2})
    with pytest.raises(NotFound):
        delete_episode(other_user, mine.pk)
    assert Episode.objects.get(pk=mine.pk).energy == 1


def test_own_activities_are_private_to_their_owner(user, other_user, episode_factory):
    add_activity(user, "podcasting", "Recording podcasts")
    assert "podcasting" in activities_for(user).values_list("slug", flat=True)
    assert "podcasting" not in activities_for(other_user).values_list("slug", flat=True)
    with pytest.raises(UserInputError, match="unknown activity"):
        episode_factory(owner=other_user, activity="podcasting")


def test_adding_an_activity_that_exists_is_refused(user):
    with pytest.raises(UserInputError, match="already have"):
        add_activity(user, "research", "Research again")


def test_update_validates_like_a_new_entry(user, episode_factory):
    episode = episode_factory()
    assert update_episode(user, episode.pk, {"energy": "-2", "note": "rough"}).energy == -2
    with pytest.raises(UserInputError, match="hours"):
        update_episode(user, episode.pk, {"hours": 30})
    assert Episode.objects.get(pk=episode.pk).hours == 1.0


def test_target_hours_must_be_plausible(user):
    assert update_settings(user, target_hours_per_week=35).target_hours_per_week == 35
    with pytest.raises(UserInputError, match="target-hours"):
        update_settings(user, target_hours_per_week=0)


def test_an_entry_sent_twice_with_its_uuid_is_saved_once(user):
    import uuid

    from ownpath.journal.models import Episode
    from ownpath.journal.services import log_episode

    raw = {"date": "2026-01-05", "activity": "research", "hours": "1,5", "energy": "1", "uuid": str(uuid.uuid4())}
    first = log_episode(user, raw)
    again = log_episode(user, raw)
    assert first.pk == again.pk and Episode.objects.filter(user=user).count() == 1
    assert first.hours == 1.5
