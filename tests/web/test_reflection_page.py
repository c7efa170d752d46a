"""The weekly reflection page: pre-filled from the week, keeping the person's answers."""

from __future__ import annotations

import pytest

from tests.reflection.test_weekly_reflection import MONDAY

pytestmark = pytest.mark.django_db


def test_reflection_page_prefills_and_keeps_answers(owner_client, episode_factory):
    episode_factory(date=MONDAY, activity="research", where="home")
    html = owner_client.get("/reflection/?week=2026-W47").content.decode()
    assert "Environments" in html and "<th scope=\"row\">home</th>" in html
    response = owner_client.post("/reflection/", {"week": MONDAY.isoformat(), "environments": "Home was quiet"})
    assert response.status_code == 302
    assert "Home was quiet" in owner_client.get(response["Location"]).content.decode()


def test_reflection_page_names_a_bad_week(owner_client):
    html = owner_client.get("/reflection/?week=someday").content.decode()
    assert "week: expected YYYY-Www" in html
