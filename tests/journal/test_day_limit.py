"""No date holds more than 24 hours: every way in (log, edit, API, web, imports) is refused with the day's total."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.errors import ImportRejected, UserInputError
from tests.imports.helpers import import_file
from ownpath.journal.models import Episode
from ownpath.journal.services import export_journal, import_journal, update_episode

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def test_logging_past_24_hours_on_a_date_is_refused_with_the_days_total(episode_factory):
    episode_factory(date=DAY, hours=20)
    with pytest.raises(UserInputError) as refused:
        episode_factory(date=DAY, hours=6)
    assert "2026-03-02 would hold 26 h" in refused.value.message
    assert "20 h already logged that day" in refused.value.message
    assert Episode.objects.count() == 1


def test_exactly_24_hours_on_a_date_is_allowed(episode_factory):
    episode_factory(date=DAY, hours=16)
    episode_factory(date=DAY, hours=8)
    assert Episode.objects.count() == 2


def test_editing_an_entry_counts_the_day_without_its_old_hours(user, episode_factory):
    episode_factory(date=DAY, hours=10)
    other = episode_factory(date=DAY, hours=10)
    assert update_episode(user, other.pk, {"hours": 14}).hours == 14
    with pytest.raises(UserInputError, match="would hold 25 h"):
        update_episode(user, other.pk, {"hours": 15})


def test_moving_an_entry_onto_a_full_date_is_refused(user, episode_factory):
    episode_factory(date=DAY, hours=20)
    moved = episode_factory(date=DAY - dt.timedelta(days=1), hours=5)
    with pytest.raises(UserInputError, match="2026-03-02 would hold 25 h"):
        update_episode(user, moved.pk, {"date": DAY})


def test_an_import_past_24_hours_on_a_date_imports_nothing_and_names_the_line(user, episode_factory):
    episode_factory(date=DAY, hours=12)
    data = ("date,activity,hours,energy\n2026-03-01,research,2,1\n2026-03-02,research,8,1\n"
            "2026-03-02,writing,8,0\n").encode()
    with pytest.raises(ImportRejected) as refused:
        import_file(user, data, "hours.csv")
    [problem] = refused.value.problems
    assert problem.line == 4 and problem.field == "hours"
    assert "2026-03-02 would hold 28 h" in problem.message
    assert Episode.objects.count() == 1


def test_a_json_import_past_24_hours_on_a_date_imports_nothing(user, other_user, episode_factory):
    episode_factory(date=DAY, hours=20)
    episode_factory(owner=other_user, date=DAY, hours=10)
    with pytest.raises(ImportRejected, match="would hold 30 h"):
        import_journal(other_user, export_journal(user, "json"))
    assert Episode.objects.filter(user=other_user).count() == 1


def test_another_persons_hours_do_not_count(user, other_user, episode_factory):
    episode_factory(owner=other_user, date=DAY, hours=20)
    episode_factory(date=DAY, hours=20)
    assert Episode.objects.filter(user=user).count() == 1


def test_the_api_refuses_a_full_day_with_a_message(user, episode_factory):
    from django.test import Client

    from ownpath.api.services import create_token

    _, key = create_token(user, "tests")
    episode_factory(date=DAY, hours=20)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(
        "/api/journal", {"date": "2026-03-02", "activity": "research", "hours": 5, "energy": 1},
        content_type="application/json")
    assert response.status_code == 422
    assert "would hold 25 h" in response.content.decode()
