"""`/api/path`: the same path as `ownpath path show --json`, for the token's owner only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from ownpath.accounts.services import create_token

pytestmark = pytest.mark.django_db
FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def api(user):
    from ownpath.occupations.services import load_onet_release

    load_onet_release([FIXTURE_RELEASE])
    _, key = create_token(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_put_sets_the_path_get_reads_it_delete_clears_it(api, episode_factory):
    episode_factory(activity="analysis", hours=2, energy=1)
    assert api.get("/api/path").json() is None
    body = api.put("/api/path", {"target": "sales manager", "years": 3}, content_type="application/json").json()
    assert body["target"]["code"] == "11-2022.00" and body["horizon_years"] == 3 and body["steps"]
    assert api.get("/api/path").json()["target"]["title"] == "Sales Managers"
    assert api.delete("/api/path").status_code == 204 and api.get("/api/path").json() is None


def test_a_bad_target_answers_422_naming_the_field(api):
    response = api.put("/api/path", {"target": " "}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"].startswith("target:")


def test_an_ambiguous_title_answers_409_with_its_candidates_and_a_choice_sets_it(user, episode_factory):
    _, key = create_token(user, "tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    episode_factory(activity="building", hours=4, energy=1)
    asked = api.put("/api/path", {"target": "product manager"}, content_type="application/json")
    assert asked.status_code == 409 and "11-3021.00" in {c["code"] for c in asked.json()["candidates"]}
    assert "11-3021.00" in {c["code"] for c in api.get("/api/path/candidates?title=product+manager").json()}
    chosen = api.put("/api/path", {"target": "product manager", "choice": "11-3021.00"},
                     content_type="application/json")
    assert chosen.status_code == 200 and chosen.json()["target"]["code"] == "11-3021.00"
    mixed = api.put("/api/path", {"target": "Technical product lead", "mix": {"planning": 12, "meetings": 10}},
                    content_type="application/json")
    assert mixed.status_code == 200 and mixed.json()["target"]["kind"] == "custom"
