"""The JSON API: token auth, the OpenAPI schema, journal list/create/update/delete, privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ownpath.accounts.services import create_token

pytestmark = pytest.mark.django_db

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


@pytest.fixture
def api(user):
    """A client sending `user`'s Bearer token."""
    _, key = create_token(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_openapi_schema_lists_the_journal_routes(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/journal", "/api/journal/{episode_id}", "/api/activities"} <= set(schema["paths"])


def test_the_api_refuses_requests_without_a_valid_token(client):
    assert client.get("/api/journal").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer op_not-a-token").get("/api/journal").status_code == 401


def test_create_list_update_delete_an_entry(api, user):
    created = api.post("/api/journal", {"activity": "research", "hours": 2, "energy": 2, "skill": 4,
                                        "date": YESTERDAY, "note": "sources"}, content_type="application/json")
    assert created.status_code == 201, created.content
    entry = created.json()
    assert (entry["activity"], entry["hours"], entry["energy"], entry["skill"]) == ("research", 2.0, 2, 4)
    assert [e["id"] for e in api.get("/api/journal").json()["items"]] == [entry["id"]]
    assert api.get("/api/journal?activity=managing").json() == {"items": [], "count": 0}
    changed = api.patch(f"/api/journal/{entry['id']}", {"energy": -1}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["energy"] == -1 and changed.json()["note"] == "sources"
    assert api.delete(f"/api/journal/{entry['id']}").status_code == 204
    assert not user.episodes.exists()


def test_bad_input_is_a_422_naming_the_field_and_saves_nothing(api, user):
    response = api.post("/api/journal", {"activity": "research", "hours": 30, "energy": 1},
                        content_type="application/json")
    assert response.status_code == 422
    assert "hours" in response.json()["detail"]
    assert not user.episodes.exists()


def test_another_persons_entry_is_not_found(api, other_user, episode_factory):
    theirs = episode_factory(owner=other_user)
    assert api.get(f"/api/journal/{theirs.id}").status_code == 404
    assert api.patch(f"/api/journal/{theirs.id}", {"energy": -2}, content_type="application/json").status_code == 404
    assert api.delete(f"/api/journal/{theirs.id}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.energy == 1
    assert api.get("/api/journal").json() == {"items": [], "count": 0}


def test_session_auth_needs_the_csrf_token_for_changes(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/api/journal").status_code == 200
    response = browser.post("/api/journal", {"activity": "research", "hours": 1, "energy": 1},
                            content_type="application/json")
    assert response.status_code == 403
    assert not user.episodes.exists()


def test_a_revoked_token_stops_working(user):
    from ownpath.accounts.services import revoke_token

    token, key = create_token(user, "short-lived")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/journal").status_code == 200
    revoke_token(user, token.id)
    assert client.get("/api/journal").status_code == 401


def test_the_api_docs_load_nothing_from_the_internet(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_insights_route_returns_the_insights_contract(api, episode_factory):
    episode_factory(activity="research", energy=2)
    episode_factory(activity="managing", energy=-2)
    data = api.get("/api/insights").json()
    assert {"episodes", "hours", "days", "activities", "balance", "warnings"} <= set(data)
    activity = data["activities"][0]
    assert {"activity", "label", "episodes", "hours", "energy", "skill", "quadrant"} <= set(activity)
    assert {"estimate", "low", "high", "p_positive"} <= set(activity["energy"])


def test_the_journal_comes_a_page_at_a_time_with_the_total(api, episode_factory):
    for day in range(1, 8):
        episode_factory(date=dt.date.today() - dt.timedelta(days=day))
    everything = api.get("/api/journal").json()
    assert everything["count"] == 7 and len(everything["items"]) == 7
    page = api.get("/api/journal?limit=3&offset=3").json()
    assert page["count"] == 7
    assert [e["id"] for e in page["items"]] == [e["id"] for e in everything["items"][3:6]]
    assert api.get("/api/journal?limit=100000").status_code == 422  # at most 1000 a page


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_a_write_with_a_bad_token_is_401_not_a_csrf_failure(method, episode_factory):
    episode = episode_factory()
    path = {"post": "/api/journal", "put": "/api/values"}.get(method, f"/api/journal/{episode.id}")
    response = getattr(Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION="Bearer op_not-a-token"), method)(
        path, {"energy": -2}, content_type="application/json")
    assert response.status_code == 401, response.content
    assert b"CSRF" not in response.content


@pytest.mark.parametrize("field, value", [("note", ["x"]), ("note", {"a": 1}), ("with_whom", 3), ("energy", True),
                                          ("hours", [1]), ("growth", "yes"), ("activity", ["research"])])
def test_a_field_of_the_wrong_json_type_is_refused_not_converted(api, user, field, value):
    body = {"activity": "research", "hours": 1, "energy": 1, "date": YESTERDAY} | {field: value}
    response = api.post("/api/journal", body, content_type="application/json")
    assert response.status_code == 422 and field in response.content.decode()
    assert not user.episodes.exists()


@pytest.mark.parametrize("body", ['{"activity": "research", "hours": 1, "energy": 1, "note": "a\\ud800b"}',
                                  '{"activity": "research", "hours": 1, "energy": 1, "with_whom": "\\udfff"}',
                                  '{"activity": "research", "hours": 1, "energy": 1, "note": "a\\u0000b"}'])
def test_a_lone_surrogate_or_nul_in_text_is_refused_with_the_field(api, user, body):
    response = api.post("/api/journal", body, content_type="application/json")
    assert response.status_code == 422 and "not text that can be stored" in response.content.decode()
    assert not user.episodes.exists()
