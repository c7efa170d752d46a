"""The API's JSON is strict at every operation: JSON types as declared, text that can be stored,
ids and limits in ASCII digits and in range; every refusal is a 4xx naming what was wrong."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.api.strict import StrictSchema

pytestmark = pytest.mark.django_db

JSON = "application/json"


def api_for(person) -> Client:
    _, key = create_token(person, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _body_models():
    """(operation, body schema class) of every API operation that reads a JSON body."""
    from ownpath.api.api import api

    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ == "body":
                        for field in model.model_fields.values():
                            found.append((f"{operation.methods} {path}", field.annotation))
    return found


def test_every_request_body_is_a_strict_schema():
    bodies = _body_models()
    assert len(bodies) > 20
    loose = [(where, model) for where, model in bodies if not issubclass(model, StrictSchema)]
    assert not loose, f"these bodies are not StrictSchema (ownpath.api.strict): {loose}"


@pytest.mark.parametrize("url, body", [
    ("/api/journal", {"activity": "research", "hours": "2", "energy": 1}),
    ("/api/journal", {"activity": "research", "hours": 2, "energy": "1"}),
    ("/api/journal", {"activity": "research", "hours": True, "energy": 1}),
    ("/api/journal", {"activity": "research", "hours": 2, "energy": True}),
    ("/api/path", {"target": "Data scientist", "years": "2"}),
])
def test_a_string_or_a_boolean_is_not_a_number(user, url, body):
    client = api_for(user)
    response = client.generic("PUT" if url == "/api/path" else "POST", url, json.dumps(body), content_type=JSON)
    assert response.status_code == 422, response.content


def test_team_planning_numbers_are_numbers_and_bodies_are_objects(org):
    admin, manager = api_for(org.admin), api_for(org.manager)
    role = admin.post(f"/api/team-planning/organisations/{org.acme.pk}/roles",
                      {"name": "Lead", "track": "expert", "weekly_hours": {"research": True}}, content_type=JSON)
    need = manager.put(f"/api/team-planning/teams/{org.engineering.pk}/needs",
                       {"activity": "research", "hours": True}, content_type=JSON)
    capacity = api_for(org.owner).put(f"/api/team-planning/organisations/{org.acme.pk}/mentorship",
                                      {"as_mentor": True, "capacity": True}, content_type=JSON)
    listed = api_for(org.owner).put(f"/api/team-planning/organisations/{org.acme.pk}/mentorship", [],
                                    content_type=JSON)
    assert [r.status_code for r in (role, need, capacity, listed)] == [422, 422, 422, 422]
    assert "JSON object" in listed.content.decode()


@pytest.mark.parametrize("method, url, body", [
    ("PUT", "/api/sharing/words", {"want_from_role": "a\x00b"}),
    ("POST", "/api/sharing/shares", {"item": "want\x00_from_role", "audience": "manager"}),
    ("PUT", "/api/path", {"target": "Data\x00 scientist"}),
    ("PUT", "/api/team-planning/organisations/{org}/mentorship", {"learning_wishes": ["a\x00"]}),
    ("POST", "/api/conversations", {"person": "alex\x00", "date": "2026-12-01"}),
    ("POST", "/api/journal", {"activity": "research", "hours": 1, "energy": 1, "note": "a\x00b"}),
])
def test_a_nul_inside_any_json_body_is_refused_with_422_and_nothing_is_stored(org, method, url, body):
    from ownpath.sharing.models import CareerWish

    client = api_for(org.manager if "conversations" in url else org.owner)
    response = client.generic(method, url.format(org=org.acme.pk), json.dumps(body), content_type=JSON)
    assert response.status_code == 422, response.content
    assert "NUL" in response.content.decode()
    assert not CareerWish.objects.exclude(want_from_role="").exists()  # (PostgreSQL cannot even search for a NUL)


def test_the_access_log_limit_must_be_in_range(user):
    client = api_for(user)
    for bad in ("-1", "0", "1001", "³", "true"):
        response = client.get(f"/api/sharing/log?limit={bad}")
        assert response.status_code == 422, (bad, response.content)
    assert client.get("/api/sharing/log?limit=5").status_code == 200


@pytest.mark.parametrize("method, url, body", [
    ("DELETE", "/api/options/%C2%B3", None),
    ("GET", "/api/options/%D9%A3", None),
    ("POST", "/api/conversations", {"person": "³", "date": "2026-12-01"}),
    ("POST", "/api/conversations", {"person": "٣", "date": "2026-12-01"}),
])
def test_digits_of_other_scripts_are_names_not_ids(org, method, url, body):
    client = api_for(org.manager)
    response = client.generic(method, url, json.dumps(body) if body else "", content_type=JSON)
    assert response.status_code == 404, response.content
