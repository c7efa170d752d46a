"""The team-planning API: your own track fit; others' only if shared; proposals for the right people only."""

from __future__ import annotations

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from tests.team_planning.conftest import journal, sales_roles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

JSON = "application/json"


def api_for(person) -> Client:
    _, key = create_token(person, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_track_fit_is_yours_and_your_managers_only_when_shared(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    mine = api_for(org.owner).get("/api/team-planning/track-fit")
    assert mine.status_code == 200 and mine.json()["recommended"] == "expert"
    manager = api_for(org.manager)
    assert manager.get(f"/api/team-planning/track-fit/{org.owner.pk}").status_code == 404
    made = api_for(org.owner).post("/api/sharing/shares", {"item": "track_fit", "audience": "manager"},
                                   content_type=JSON)
    assert made.status_code == 201
    assert manager.get(f"/api/team-planning/track-fit/{org.owner.pk}").json()["content"]["recommended"] == "expert"
    assert api_for(org.peer).get(f"/api/team-planning/track-fit/{org.owner.pk}").status_code == 404


def test_only_admins_add_roles_and_bad_input_names_the_field(org):
    url = f"/api/team-planning/organisations/{org.acme.pk}/roles"
    role = {"name": "Lead", "track": "manager", "weekly_hours": {"managing": 10}}
    assert api_for(org.manager).post(url, role, content_type=JSON).status_code == 404
    assert api_for(org.outsider).get(url).status_code == 404
    bad = api_for(org.admin).post(url, {**role, "track": "boss"}, content_type=JSON)
    assert bad.status_code == 422 and bad.json()["detail"].startswith("track:")
    assert api_for(org.admin).post(url, role, content_type=JSON).status_code == 201
    assert [r["name"] for r in api_for(org.peer).get(url).json()] == ["Lead"]


def test_team_allocation_and_mentorship_proposals_answer_404_to_others(org):
    for person in (org.peer, org.owner, org.other_manager, org.admin, org.outsider):
        client = api_for(person)
        assert client.post(f"/api/team-planning/teams/{org.engineering.pk}/allocation").status_code == 404
        assert client.put(f"/api/team-planning/teams/{org.engineering.pk}/needs", {"activity": "selling", "hours": 3},
                          content_type=JSON).status_code == 404
    for person in (org.manager, org.people_lead, org.peer, org.outsider):
        assert api_for(person).post(
            f"/api/team-planning/organisations/{org.acme.pk}/mentorship/proposal").status_code == 404
    needs = api_for(org.manager).put(f"/api/team-planning/teams/{org.engineering.pk}/needs",
                                     {"activity": "selling", "hours": 3}, content_type=JSON)
    assert needs.status_code == 200 and needs.json() == [{"activity": "selling", "hours": 3.0, "min_skill": None}]


def test_opt_in_and_see_your_mentorship(org):
    client = api_for(org.owner)
    put = client.put(f"/api/team-planning/organisations/{org.acme.pk}/mentorship",
                     {"as_mentee": True, "learning_wishes": ["coaching"]}, content_type=JSON)
    assert put.status_code == 200 and put.json()["opt_ins"][0]["learning_wishes"] == ["coaching"]
    assert client.get("/api/team-planning/mentorship").json()["consents_to_team_planning"] is False


def test_an_admin_imports_a_career_ladder_and_corrects_it_others_cannot(org):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "fixtures" / "ladders" / "northwind_engineering.json").read_text()
    url = f"/api/team-planning/organisations/{org.acme.pk}/ladder"
    assert api_for(org.manager).post(url, {"text": text, "filename": "l.json"}, content_type=JSON).status_code == 404
    made = api_for(org.admin).post(url, {"text": text, "filename": "l.json"}, content_type=JSON)
    assert made.status_code == 201, made.content
    roles = {r["name"]: r for r in made.json()}
    manager = roles["Engineering manager"]
    assert manager["track"] == "manager" and manager["level"] == 4 and sum(manager["weekly_hours"].values()) == 45
    assert manager["expectations"][0]["text"] == "Holds weekly one-on-ones and gives feedback"
    fixed = api_for(org.admin).post(f"/api/team-planning/roles/{manager['id']}/expectations",
                                    {"activities": {"3": "meetings"}}, content_type=JSON)
    assert fixed.status_code == 200 and fixed.json()["expectations"][3]["activity"] == "meetings"
    bad = api_for(org.admin).post(url, {"text": "levels: 3", "filename": "l.yaml"}, content_type=JSON)
    assert bad.status_code == 422 and "found neither 'tracks' nor 'levels'" in bad.json()["detail"]
