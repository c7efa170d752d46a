"""The sharing API: your shares, log and preview; what others share with you, through the read gate."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.accounts.services import create_token

pytestmark = pytest.mark.django_db

JSON = "application/json"


def api_for(person) -> Client:
    _, key = create_token(person, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_share_read_log_and_revoke_through_the_api(org):
    owner, manager = api_for(org.owner), api_for(org.manager)
    owner.put("/api/sharing/words", {"want_from_role": "mentor juniors"}, content_type=JSON)
    made = owner.post("/api/sharing/shares", {"item": "want_from_role", "audience": "manager"}, content_type=JSON)
    assert made.status_code == 201, made.content
    seen = manager.get(f"/api/sharing/people/{org.owner.pk}/want_from_role")
    assert seen.status_code == 200 and seen.json()["content"] == {"text": "mentor juniors"}
    assert owner.get("/api/sharing/log").json()[0]["viewer"] == "mia"
    assert api_for(org.peer).get(f"/api/sharing/people/{org.owner.pk}/want_from_role").status_code == 404
    owner.post(f"/api/sharing/shares/{made.json()['id']}/revoke")
    assert manager.get(f"/api/sharing/people/{org.owner.pk}/want_from_role").status_code == 404
    assert manager.get(f"/api/sharing/people/{org.owner.pk}").status_code == 404


def test_a_bad_share_is_refused_with_the_field_named(org):
    response = api_for(org.owner).post("/api/sharing/shares", {"item": "pay_baseline", "audience": "aggregate"},
                                       content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"].startswith("audience:")


def test_nobody_revokes_another_persons_share_through_the_api(org):
    made = api_for(org.owner).post("/api/sharing/shares", {"item": "want_from_role", "audience": "team"},
                                   content_type=JSON).json()
    assert api_for(org.peer).post(f"/api/sharing/shares/{made['id']}/revoke").status_code == 404


def test_team_figures_are_for_the_teams_manager_only(org):
    assert api_for(org.manager).get(f"/api/sharing/teams/{org.engineering.pk}/figures").status_code == 200
    assert api_for(org.other_manager).get(f"/api/sharing/teams/{org.engineering.pk}/figures").status_code == 404
