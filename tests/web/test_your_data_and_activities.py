"""What people expect on the web: export their journal, delete their account (export offered first),
add their own activity, engagement and minutes in the quick log, and the current role from the journal."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model

from ownpath.journal.models import Activity, Episode
from ownpath.options.models import Option
from ownpath.options.services import add_option, current_role_from_journal, recent_weeks_mix

pytestmark = pytest.mark.django_db


def test_the_journal_downloads_as_json_that_holds_every_entry_and_as_csv(owner_client, user, episode_factory):
    episode_factory(note="first survey", hours=2)
    episode_factory(activity="writing", note="draft", energy=-1)
    response = owner_client.get("/account/export/?format=json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert sorted(e["note"] for e in data["episodes"]) == ["draft", "first survey"]
    csv = owner_client.get("/account/export/?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and b"first survey" in csv.content


def test_the_export_holds_only_the_persons_own_entries(owner_client, user, other_user, episode_factory):
    episode_factory(owner=other_user, note="SOMEONE ELSE")
    assert b"SOMEONE ELSE" not in owner_client.get("/account/export/?format=json").content


def test_account_deletion_offers_the_export_first_and_needs_the_typed_username(owner_client, user, episode_factory):
    episode_factory()
    page = owner_client.get("/account/delete/").content.decode()
    assert page.index("/account/export/") < page.index('name="username"')
    refused = owner_client.post("/account/delete/", {"username": "not-me"})
    assert refused.status_code == 400 and Episode.objects.filter(user=user).exists()


def test_deleting_the_account_removes_every_row_of_the_person_and_nobody_elses(
        owner_client, user, other_user, episode_factory):
    from ownpath.journal.services import add_activity, update_settings

    add_activity(user, "grant_writing", "Grant writing")
    episode_factory(activity="grant_writing")
    episode_factory(owner=other_user)
    update_settings(user, target_hours_per_week=35)
    add_option(user, "Analyst", mix={"research": 20, "grant_writing": 5}, current=True)
    response = owner_client.post("/account/delete/", {"username": user.username}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Episode.objects.filter(user_id=user.pk).exists() and not Option.objects.filter(user_id=user.pk).exists()
    assert not Activity.objects.filter(owner_id=user.pk).exists()
    assert Episode.objects.filter(user=other_user).count() == 1


def test_a_person_adds_their_own_activity_and_logs_it_in_the_quick_log(owner_client, user):
    owner_client.post("/account/activities/add/", {"label": "Grant writing", "description": "funding proposals"})
    activity = Activity.objects.get(owner=user)
    assert activity.label == "Grant writing"
    assert "Grant writing" in owner_client.get("/journal/").content.decode()  # in the type-ahead list
    owner_client.post("/journal/log/", {"activity": "Grant writing", "hours": "90 min", "energy": "1",
                                        "engagement": "8", "date": dt.date.today().isoformat()})
    episode = Episode.objects.get(user=user)
    assert (episode.activity_id, episode.hours, episode.engagement) == (activity.id, 1.5, 8)


def test_adding_an_activity_twice_is_refused_with_a_message(owner_client, user):
    owner_client.post("/account/activities/add/", {"label": "Grant writing"})
    response = owner_client.post("/account/activities/add/", {"label": "Grant writing"}, follow=True)
    assert "already have an activity" in response.content.decode()
    assert Activity.objects.filter(owner=user).count() == 1


def test_the_quick_log_offers_engagement_from_0_to_10(owner_client):
    body = owner_client.get("/journal/").content.decode()
    assert 'name="engagement"' in body and "completely absorbed" in body


def _week_of_entries(episode_factory, monday: dt.date, mix: dict[str, float]) -> None:
    for i, (activity, hours) in enumerate(mix.items()):
        episode_factory(activity=activity, hours=hours, date=monday + dt.timedelta(days=i))


def test_the_recent_weeks_mix_is_the_average_over_weeks_with_entries(user, episode_factory):
    today = dt.date(2026, 12, 9)  # a Wednesday: the week of 7 December is not finished
    _week_of_entries(episode_factory, dt.date(2026, 11, 23), {"research": 10, "meetings": 6})
    _week_of_entries(episode_factory, dt.date(2026, 11, 30), {"research": 14, "writing": 4})
    episode_factory(activity="admin", hours=3, date=dt.date(2026, 12, 7))  # this week: left out
    mix, weeks = recent_weeks_mix(user, today=today)
    assert weeks == 2 and mix == {"research": 12.0, "meetings": 3.0, "writing": 2.0}


def test_use_my_recent_weeks_replaces_the_current_roles_mix_and_keeps_its_pay(owner_client, user, episode_factory):
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    _week_of_entries(episode_factory, monday, {"research": 12, "managing": 3})
    add_option(user, "Analyst", mix={"writing": 30}, pay=70000, current=True)
    page = owner_client.get("/options/").content.decode()
    assert "Use my recent weeks as my current role" in page and "Research" in page
    owner_client.post("/options/from-journal/")
    option = Option.objects.get(user=user, is_current=True)
    from ownpath.options.services import option_mix

    assert option_mix(option) == {"research": 12.0, "managing": 3.0} and option.pay == 70000


def test_use_my_recent_weeks_without_entries_says_what_is_missing(user):
    with pytest.raises(Exception) as refused:
        current_role_from_journal(user)
    assert "no entries" in str(refused.value) and not Option.objects.filter(user=user).exists()
