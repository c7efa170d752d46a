"""Day one: welcome, the weekly target asked (never assumed), yesterday reconstructed, the first insight."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ownpath.journal.models import Episode
from ownpath.journal.services import settings_for, target_is_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(django_user_model):
    return django_user_model.objects.create_user("newcomer", password="a long unusual phrase 42")


@pytest.fixture
def client(newcomer) -> Client:
    browser = Client()
    browser.force_login(newcomer)
    return browser


def _day(rows: list[dict], day: str | None = None) -> dict:
    data = {"date": day or (dt.date.today() - dt.timedelta(days=1)).isoformat()}
    for i, row in enumerate(rows):
        data |= {f"{name}-{i}": value for name, value in row.items()}
    return data


def test_signing_up_opens_the_welcome_which_says_the_journal_is_private(db):
    response = Client().post(reverse("web:signup"), {"username": "robin", "password1": "a long unusual phrase 42",
                                                     "password2": "a long unusual phrase 42"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:welcome")
    body = response.content.decode()
    assert "Your journal is yours" in body and "Nobody else sees your entries" in body
    assert "Reconstruct" in body and reverse("web:yesterday") in body and reverse("web:import") in body


def test_the_weekly_target_is_asked_not_assumed(client, newcomer):
    body = client.get(reverse("web:welcome")).content.decode()
    assert 'placeholder="e.g. 40"' in body and 'value=""' in body  # asked, with nothing filled in
    assert not target_is_set(newcomer)
    client.post(reverse("web:welcome"), {"target_hours": "35"})
    assert target_is_set(newcomer) and settings_for(newcomer).target_hours_per_week == 35


def test_a_bad_target_is_refused_with_its_field_named(client, newcomer):
    response = client.post(reverse("web:welcome"), {"target_hours": "lots"})
    assert response.status_code == 400 and "target hours" in response.content.decode()
    assert not target_is_set(newcomer)


def test_a_person_logging_in_goes_to_the_quick_log_whose_empty_state_leads_to_the_welcome(client, newcomer):
    assert client.get(reverse("web:home")).url == reverse("web:journal")
    body = client.get(reverse("web:journal")).content.decode()
    assert 'id="journal-empty"' in body and reverse("web:welcome") in body and reverse("web:yesterday") in body


def test_the_local_journal_opens_on_the_welcome_on_day_one_only(client, newcomer, rf):
    from ownpath.web.views.pages import home

    request = rf.get("/")
    request.user, request.ownpath_local = newcomer, True
    assert home(request).url == reverse("web:welcome")
    client.post(reverse("web:welcome"), {"target_hours": "40"})
    assert home(request).url == reverse("web:journal")


def test_reconstructing_yesterday_saves_every_episode_together_and_shows_the_first_insight(client, newcomer):
    rows = [{"activity": "Analysing data", "start": "09:00", "hours": "2", "energy": "2", "engagement": "8"},
            {"activity": "meetings", "start": "11:00", "hours": "90 min", "energy": "-1", "with": "my team"},
            {"activity": "writing", "hours": "1h30", "energy": "1"},
            {"activity": "", "hours": "", "energy": ""}]  # a spare row
    response = client.post(reverse("web:yesterday"), _day(rows), follow=True)
    assert response.status_code == 200
    saved = list(Episode.objects.filter(user=newcomer).order_by("start_time", "id"))
    assert [e.hours for e in saved] == [2, 1.5, 1.5] or sorted(e.hours for e in saved) == [1.5, 1.5, 2]
    assert {e.date for e in saved} == {dt.date.today() - dt.timedelta(days=1)}
    assert next(e for e in saved if e.engagement is not None).engagement == 8
    body = response.content.decode()
    assert "Saved 3 episodes" in body and "What it still needs" in body


def test_a_bad_episode_saves_none_of_the_day_and_names_the_episode(client, newcomer):
    rows = [{"activity": "research", "hours": "2", "energy": "1"},
            {"activity": "research", "hours": "two", "energy": "1"}]
    response = client.post(reverse("web:yesterday"), _day(rows))
    assert response.status_code == 400
    assert "episode 2, hours" in response.content.decode()
    assert not Episode.objects.filter(user=newcomer).exists()


def test_a_day_of_more_than_24_hours_is_refused_whole(client, newcomer):
    rows = [{"activity": "research", "hours": "20", "energy": "1"}, {"activity": "writing", "hours": "5", "energy": "1"}]
    response = client.post(reverse("web:yesterday"), _day(rows))
    assert response.status_code == 400 and not Episode.objects.filter(user=newcomer).exists()


def test_an_empty_reconstruction_asks_for_one_episode(client, newcomer):
    response = client.post(reverse("web:yesterday"), _day([]))
    assert response.status_code == 400 and "at least one episode" in response.content.decode()


def test_the_menu_is_grouped_with_the_days_job_first(client):
    body = client.get(reverse("web:journal")).content.decode()
    groups = [body.index(f'aria-label="{name}"') for name in ("Today", "Understand", "Decide")]
    assert groups == sorted(groups)
    assert body.index("Log &amp; journal") < body.index("Insights") < body.index("Compare")
