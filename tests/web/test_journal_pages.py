"""Quick log, journal list with filters, edit and delete, as a person uses them in the browser."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.journal.models import Episode

pytestmark = pytest.mark.django_db

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def _entry(**fields) -> dict:
    return {"activity": "research", "hours": "2", "energy": "2", "date": YESTERDAY} | fields


def test_quick_log_with_htmx_returns_a_fresh_form_and_the_new_row(owner_client, user):
    response = owner_client.post("/journal/log/", _entry(skill="4", note="survey sources", growth="growth"),
                                 HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="quick-log"' in html and 'hx-swap-oob="afterbegin:#entries"' in html
    assert "Saved: Research &amp; investigating, 2 h, energy +2." in html
    episode = Episode.objects.get(user=user)
    assert (episode.activity.slug, episode.hours, episode.energy, episode.skill, episode.growth, episode.note) == (
        "research", 2.0, 2, 4, True, "survey sources")


def test_quick_log_accepts_the_activity_label_from_the_type_ahead(owner_client, user):
    owner_client.post("/journal/log/", _entry(activity="Analysing data"), HTTP_HX_REQUEST="true")
    assert user.episodes.get().activity.slug == "analysis"


def test_quick_log_without_javascript_redirects_to_the_journal(owner_client, user):
    response = owner_client.post("/journal/log/", _entry())
    assert response.status_code == 302 and response["Location"] == "/journal/"
    assert user.episodes.count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("hours", "25", "greater than 0 and at most 24"),
    ("energy", "3", "-2 drained"),
    ("activity", "reserch", "did you mean research"),
    ("skill", "9", "1 poorly"),
    ("date", "2999-01-01", "to today"),
])
def test_bad_input_shows_the_fields_message_and_saves_nothing(owner_client, user, field, value, message):
    response = owner_client.post("/journal/log/", _entry(**{field: value}), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert f'id="e-{field}"' in html
    assert message in html.replace("&#x27;", "'")
    assert not user.episodes.exists()


def test_bad_input_without_javascript_is_a_400_with_the_message(owner_client, user):
    response = owner_client.post("/journal/log/", _entry(hours="-1"))
    assert response.status_code == 400
    assert b"greater than 0" in response.content
    assert not user.episodes.exists()


def test_journal_lists_entries_newest_first_with_filters(owner_client, episode_factory):
    episode_factory(date=dt.date(2026, 1, 5), activity="research", note="old research")
    episode_factory(date=dt.date(2026, 2, 5), activity="managing", note="newer managing")
    html = owner_client.get("/journal/").content.decode()
    assert html.index("newer managing") < html.index("old research")
    html = owner_client.get("/journal/?activity=research").content.decode()
    assert "old research" in html and "newer managing" not in html
    html = owner_client.get("/journal/?since=2026-02-01&until=2026-02-28").content.decode()
    assert "newer managing" in html and "old research" not in html


def test_a_bad_filter_date_is_named(owner_client):
    response = owner_client.get("/journal/?since=yesterday")
    assert response.status_code == 400
    assert b"since" in response.content or b"YYYY-MM-DD" in response.content


def test_edit_an_entry(owner_client, episode_factory):
    episode = episode_factory(hours=1, energy=0)
    page = owner_client.get(f"/journal/{episode.id}/edit/")
    assert page.status_code == 200
    response = owner_client.post(f"/journal/{episode.id}/edit/", _entry(hours="3.5", energy="-1",
                                                                        date=episode.date.isoformat()))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.hours, episode.energy) == (3.5, -1)


def test_a_bad_edit_changes_nothing(owner_client, episode_factory):
    episode = episode_factory(hours=1, energy=0)
    response = owner_client.post(f"/journal/{episode.id}/edit/", _entry(hours="0"))
    assert response.status_code == 400
    episode.refresh_from_db()
    assert episode.hours == 1


def test_delete_an_entry_with_htmx_removes_the_row(owner_client, episode_factory, user):
    episode = episode_factory()
    response = owner_client.post(f"/journal/{episode.id}/delete/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.content == b""
    assert not user.episodes.exists()


def test_delete_needs_a_post(owner_client, episode_factory):
    episode = episode_factory()
    assert owner_client.get(f"/journal/{episode.id}/delete/").status_code == 405


def test_pages_load_only_our_own_assets(owner_client):
    html = owner_client.get("/journal/").content.decode()
    assert "/static/web/htmx.min.js" in html and "/static/web/app.css" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_the_vendored_htmx_is_served_with_its_licence(client):
    response = client.get("/static/web/htmx.min.js")
    assert response.status_code == 200
    assert b"Zero-Clause BSD" in b"".join(response.streaming_content)[:600]


def test_log_again_chips_offer_the_last_and_most_frequent_activities_with_their_usual_hours(
        owner_client, episode_factory):
    for day in range(1, 6):
        episode_factory(date=dt.date.today() - dt.timedelta(days=day), activity="research", hours=2)
    episode_factory(date=dt.date.today() - dt.timedelta(days=1), activity="writing", hours=0.5)
    episode_factory(date=dt.date.today(), activity="managing", hours=1)
    html = owner_client.get("/journal/").content.decode()
    chips = html.split('class="chips"')[1].split("</div>")[0]
    assert chips.index("Managing people") < chips.index("Research &amp; investigating")  # the last one first
    assert 'data-activity="Research &amp; investigating" data-hours="2"' in chips
    assert 'data-activity="Writing &amp; documenting" data-hours="0.5"' in chips


def test_a_log_link_opens_the_form_with_that_activity_and_its_usual_hours(owner_client, episode_factory):
    episode_factory(activity="research", hours=1.5)
    html = owner_client.get("/journal/?log=research").content.decode()
    assert 'value="Research &amp; investigating"' in html.split('id="f-activity"')[1].split(">")[0]
    assert 'value="1.5"' in html.split('id="f-hours"')[1].split(">")[0]


def test_the_journal_pages_past_the_first_hundred_entries(owner_client, user):
    from ownpath.journal.services import import_episode_records
    from ownpath.journal.validation import validate_episode

    start = dt.date.today() - dt.timedelta(days=130)
    records = []
    for day in range(130):
        record, _ = validate_episode({"date": (start + dt.timedelta(days=day)).isoformat(), "activity": "research",
                                      "hours": "1", "energy": "1"}, ["research"])
        records.append((day, record))
    import_episode_records(user, records)
    first = owner_client.get("/journal/").content.decode()
    assert "Entries 1–100 of 130" in first and "page=2" in first and first.count('<tr id="entry-') == 100
    second = owner_client.get("/journal/?page=2").content.decode()
    assert second.count('<tr id="entry-') == 30 and "Entries 101–130 of 130" in second
    assert start.isoformat() in second and "page=1" in second
    assert owner_client.get("/journal/?page=9").content.decode().count('<tr id="entry-') == 30


def test_every_page_has_an_h1(owner_client):
    for url in ("/journal/", "/insights/", "/values/", "/options/", "/compare/", "/reminders/"):
        assert "<h1" in owner_client.get(url).content.decode(), url


def test_the_page_names_the_field_the_service_refused_without_validating_again(owner_client, user, monkeypatch):
    from ownpath.journal import services
    from ownpath.journal.validation import EpisodeInvalid, FieldError

    def refuse(person, raw):  # a refusal only the service knows of: the form itself is valid
        raise EpisodeInvalid([FieldError("where", "the service's own word for it")])

    monkeypatch.setattr(services, "log_episode", refuse)
    html = owner_client.post("/journal/log/", _entry(), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="e-where"' in html and "the service&#x27;s own word for it" in html


def test_a_day_over_24_hours_is_said_for_the_whole_form(owner_client, user, episode_factory):
    episode_factory(date=dt.date.today() - dt.timedelta(days=1), hours=23)
    response = owner_client.post("/journal/log/", _entry(hours="2", date=(dt.date.today() - dt.timedelta(days=1))
                                                          .isoformat()), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "more than the 24 h a day has" in html and 'id="e-hours"' not in html
