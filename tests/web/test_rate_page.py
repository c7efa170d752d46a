"""'Rate last week' on the web: each recurring event rated once, saved as episodes, remembered."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.imports.models import PendingEvent, RememberedChoice
from ownpath.imports.planning import ImportOptions
from tests.imports.helpers import import_file
from ownpath.journal.models import Episode
from tests.imports.ics_factory import BERLIN, calendar, event

pytestmark = pytest.mark.django_db

WEEK = "2025-W10"  # 3–9 March 2025


def _weekly_calendar() -> bytes:
    start = dt.datetime(2025, 3, 3, 10, tzinfo=BERLIN)
    one_to_one = event("weekly@x", "Weekly 1:1 with Sam", start, start + dt.timedelta(minutes=30),
                       rrule={"freq": "weekly"}, attendees=["me@x", "sam@x"])
    standup = event("standup@x", "Standup", start - dt.timedelta(hours=1), start - dt.timedelta(minutes=45),
                    rrule={"freq": "daily", "count": 3})
    return calendar(one_to_one, standup)


def _import(user, until: dt.date) -> None:
    import_file(user, _weekly_calendar(), "cal.ics",
                ImportOptions(since=dt.date(2025, 3, 1), until=until, time_zone="Europe/Berlin"))


def test_rate_page_groups_the_weeks_pending_events_by_recurring_event(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    body = owner_client.get(f"/rate/?week={WEEK}").content.decode()
    assert "Weekly 1:1 with Sam" in body and "Standup" in body
    assert body.count('class="card rate-card"') == 2
    assert "3 × (repeats)" in body  # the daily standup is one question, not three


def test_rating_a_series_saves_episodes_and_prefills_next_week(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    response = owner_client.post("/rate/save/", {"key": "ics:weekly@x", "week": WEEK, "energy": "-1",
                                                 "skill": "4", "activity": "managing"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Rated 1 × Weekly 1:1 with Sam: tired (-1)" in response.content.decode()
    episode = Episode.objects.get(user=user)
    assert (episode.energy, episode.skill, episode.activity.slug, episode.source) == (-1, 4, "managing", "ics")
    assert not PendingEvent.objects.filter(user=user, series_id="ics:weekly@x").exists()
    assert (RememberedChoice.objects.get(user=user, key="ics:weekly@x").energy) == -1
    # The next week's occurrence arrives with a later import and comes pre-filled.
    _import(user, dt.date(2025, 3, 16))
    body = owner_client.get("/rate/?week=2025-W11").content.decode()
    assert "Pre-filled with your rating from before: tired" in body
    assert 'value="-1" checked' in body and '<option value="4" selected>' in body
    # Rated occurrences do not come back on re-import.
    assert Episode.objects.filter(user=user).count() == 1


def test_rating_without_htmx_goes_back_to_the_week(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    response = owner_client.post("/rate/save/", {"key": "ics:standup@x", "week": WEEK, "energy": "1",
                                                 "activity": "meetings"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/rate/?week={WEEK}"
    assert "Rated 3 ×" in response.content.decode()
    assert Episode.objects.filter(user=user, activity__slug="meetings").count() == 3


def test_a_missing_face_saves_nothing_and_says_so(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    response = owner_client.post("/rate/save/", {"key": "ics:standup@x", "week": WEEK, "activity": "meetings"},
                                 HTTP_HX_REQUEST="true")
    assert "choose one of the five faces" in response.content.decode()
    assert owner_client.post("/rate/save/", {"key": "ics:standup@x", "week": WEEK}).status_code == 400
    assert Episode.objects.count() == 0 and PendingEvent.objects.filter(user=user).count() == 4


def test_not_work_leaves_the_event_out(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    owner_client.post("/rate/dismiss/", {"key": "ics:standup@x", "week": WEEK})
    assert not PendingEvent.objects.filter(user=user, series_id="ics:standup@x").exists()
    assert RememberedChoice.objects.get(user=user, key="ics:standup@x").not_work
    assert Episode.objects.count() == 0


def test_somebody_elses_event_is_not_found(owner_client, other_client, user):
    _import(user, dt.date(2025, 3, 9))
    assert "Weekly 1:1" not in other_client.get("/rate/?week=all").content.decode()
    for url in ("/rate/save/", "/rate/dismiss/"):
        response = other_client.post(url, {"key": "ics:weekly@x", "week": WEEK, "energy": "1", "activity": "managing"})
        assert response.status_code == 404
    assert PendingEvent.objects.filter(user=user).count() == 4 and Episode.objects.count() == 0


def test_a_bad_week_is_explained(owner_client):
    response = owner_client.get("/rate/?week=soon")
    assert response.status_code == 400 and "expected YYYY-Www" in response.content.decode()


def test_the_default_week_is_last_week(owner_client, user):
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    PendingEvent.objects.create(user=user, date=monday + dt.timedelta(days=2), hours=1, title="Planning poker",
                                source="ics", external_id="pp@x")
    body = owner_client.get("/rate/").content.decode()
    assert "Planning poker" in body and monday.strftime("%-d %b") in body


def test_every_prefilled_rating_can_be_saved_at_once(owner_client, user):
    _import(user, dt.date(2025, 3, 9))
    owner_client.post("/rate/save/", {"key": "ics:weekly@x", "week": WEEK, "energy": "2", "activity": "managing"})
    _import(user, dt.date(2025, 3, 16))
    body = owner_client.get("/rate/?week=2025-W11").content.decode()
    assert "1 recurring event you rated before is pre-filled" in body
    response = owner_client.post("/rate/remembered/", {"week": "2025-W11"}, follow=True)
    assert "Saved 1 entry with the ratings you gave before" in response.content.decode()
    assert list(Episode.objects.filter(user=user).values_list("energy", flat=True)) == [2, 2]


def test_an_event_without_activity_asks_for_one_and_saves_nothing(owner_client, user):
    PendingEvent.objects.create(user=user, date=dt.date(2025, 3, 5), hours=1, title="Zqx flurb",
                                source="ics", external_id="zq@x")
    body = owner_client.get(f"/rate/?week={WEEK}").content.decode()
    assert "choose an activity" in body
    response = owner_client.post("/rate/save/", {"key": "title:zqx flurb", "week": WEEK, "energy": "1",
                                                 "activity": ""}, HTTP_HX_REQUEST="true")
    assert "has no activity yet" in response.content.decode() and 'class="card rate-card"' in response.content.decode()
    assert Episode.objects.count() == 0
    owner_client.post("/rate/save/", {"key": "title:zqx flurb", "week": WEEK, "energy": "1", "activity": "research"})
    assert Episode.objects.get(user=user).activity.slug == "research"


@pytest.mark.parametrize("week", ["9999-12-31", "9999-W52", "0001-01-01", "0001-W01", "1969-W52"])
def test_a_week_outside_the_calendar_is_refused_with_a_message(owner_client, week):
    response = owner_client.get(f"/rate/?week={week}")
    assert response.status_code == 400 and "week: must be between 1970-01-01" in response.content.decode()
    for action in ("remembered", "save", "dismiss"):
        response = owner_client.post(f"/rate/{action}/", {"week": week, "key": "ics:x", "energy": "1"})
        assert response.status_code == 400 and b"week: must be between" in response.content
    # The weekly reflection reads weeks with the same parser.
    assert "week: must be between 1970-01-01" in owner_client.get(f"/reflection/?week={week}").content.decode()
