"""The API's occupation routes: search, one occupation, and the person's fit (same JSON as the CLI)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.occupations.services import load_onet_release

pytestmark = pytest.mark.django_db

FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def api(user):
    _, key = create_token(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def onet():
    return load_onet_release([FIXTURE_RELEASE], with_pay=False)


def test_search_ranks_occupations_and_credits_onet(api, onet):
    body = api.get("/api/occupations", {"q": "regional sales director"}).json()
    assert body["matches"][0]["code"] == "11-2022.00" and body["matches"][0]["score"] > 0
    assert "CC BY 4.0" in body["credit"]


def test_search_without_a_title_has_no_matches(api, onet):
    assert api.get("/api/occupations").json()["matches"] == []


def test_search_without_onet_loaded_says_how_to_load_it(api, no_bundled_data):
    response = api.get("/api/occupations", {"q": "sales"})
    assert response.status_code == 422 and "data onet PATH" in response.json()["detail"]


def test_one_occupation_has_its_profile_and_why_pay_is_missing(api, onet):
    body = api.get("/api/occupations/11-2022.00").json()
    assert body["title"] == "Sales Managers" and body["pay"]["annual_median"] is None
    assert body["pay"]["note"] and {a["activity"] for a in body["activities"]} >= {"selling", "customers"}
    assert api.get("/api/occupations/99-9999.00").status_code == 404


def test_fit_uses_the_callers_journal(api, onet, episode_factory, other_user):
    for day in range(5):
        episode_factory(activity="selling", hours=2, energy=2, date=dt.date(2026, 1, 5 + day))
    body = api.get("/api/occupations/fit", {"min_pay": 0}).json()
    assert body["n_episodes"] == 5 and body["results"][0]["low"] <= body["results"][0]["energy"]
    _, other_key = create_token(other_user, "tests")
    other = Client(HTTP_AUTHORIZATION=f"Bearer {other_key}")
    response = other.get("/api/occupations/fit")
    assert response.status_code == 422 and "no journal entries yet" in response.json()["detail"]


def test_occupation_routes_need_a_token(onet):
    for url in ("/api/occupations?q=sales", "/api/occupations/11-2022.00", "/api/occupations/fit"):
        assert Client().get(url).status_code == 401


def test_an_option_added_from_an_occupation_gets_its_mix(api, onet):
    response = api.post("/api/options", {"name": "Sales", "occupation": "11-2022.00", "hours": 40},
                        content_type="application/json")
    assert response.status_code == 201, response.content
    assert sum(response.json()["mix"].values()) == pytest.approx(40, abs=0.5)
