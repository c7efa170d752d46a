"""Authorization matrix of the conversation routes: every route × every relation to the conversation.

Routes come from the URL configuration (web) and the API router, so a new conversation route
without a row in ROUTES fails `test_every_conversation_route_is_classified`. Only the person and
their current manager reach a conversation; everybody else gets 404 (anonymous: the log-in page,
or 401 from the API), and nothing an outsider sends is written.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.conversations import services as conversations
from ownpath.conversations.models import AgendaItem, Agreement, Note

pytestmark = pytest.mark.django_db

# route → kind: "conversation" (one conversation's data, the two sides only), "own-list" (each
# person's own list or the form to open one; holds nothing of others), "local-demo" (local mode only).
ROUTES = {
    "web conversations/": "own-list",
    "web conversations/new/": "own-list",
    "web conversations/<int:conversation_id>/": "conversation",
    "web conversations/<int:conversation_id>/status/": "conversation",
    "web conversations/<int:conversation_id>/cadence/": "conversation",
    "web conversations/<int:conversation_id>/agenda/": "conversation",
    "web conversations/<int:conversation_id>/answers/<int:item_id>/": "conversation",
    "web conversations/<int:conversation_id>/notes/": "conversation",
    "web conversations/<int:conversation_id>/agreements/": "conversation",
    "web conversations/<int:conversation_id>/export/<str:file_format>/": "conversation",
    "web agreements/<int:agreement_id>/status/": "conversation",
    "web agreements/<int:agreement_id>/review-share/": "conversation",
    "web demo/act-as/": "local-demo",
    "api GET ": "own-list",
    "api POST ": "own-list",
    "api GET /{conversation_id}": "conversation",
    "api POST /{conversation_id}/status": "conversation",
    "api POST /{conversation_id}/agenda": "conversation",
    "api PUT /{conversation_id}/agenda/{item_id}/answer": "conversation",
    "api POST /{conversation_id}/agenda/{item_id}/share": "conversation",
    "api POST /{conversation_id}/agreements": "conversation",
    "api POST /agreements/{agreement_id}/status": "conversation",
    "api POST /agreements/{agreement_id}/review-share": "conversation",
    "api POST /{conversation_id}/notes": "conversation",
    "api GET /{conversation_id}/export": "conversation",
}
OUTSIDERS = ["peer", "other_manager", "sub_manager", "people_lead", "admin", "outsider"]
SECRET = "matrix-private-answer"
PROBE = "matrix probe"


def _web_routes() -> list[str]:
    from ownpath.web.urls import urlpatterns

    prefixes = ("conversations/", "agreements/", "demo/")
    return [f"web {p.pattern}" for p in urlpatterns if str(p.pattern).startswith(prefixes)]


def _api_routes() -> list[tuple[str, str]]:
    from ownpath.api.conversations import router

    return [(method, path) for path, view in router.path_operations.items()
            for operation in view.operations for method in operation.methods]


def test_every_conversation_route_is_classified():
    found = set(_web_routes()) | {f"api {m} {p}" for m, p in _api_routes()}
    assert found == set(ROUTES)


@pytest.fixture
def world(org, conversation):
    item = conversation.agenda.first()
    conversations.answer(org.owner, conversation.pk, item.pk, SECRET)
    agreement = conversations.agree(org.manager, conversation.pk, "Less admin", hour_changes={"admin": -2})
    values = {"conversation_id": conversation.pk, "item_id": item.pk, "agreement_id": agreement.pk,
              "file_format": "markdown"}
    return org, conversation, values


def _fill(path: str, values: dict) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", lambda m: str(values[m.group(1) or m.group(2)]), path)


def _web_requests(values):
    for route, kind in ROUTES.items():
        if route.startswith("web ") and kind == "conversation":
            path = "/" + _fill(route[4:], values)
            reads = route.endswith(("<int:conversation_id>/", "<str:file_format>/"))
            yield ("GET" if reads else "POST"), path


def _data() -> dict:
    return {"text": PROBE, "status": "done", "shared": "on", "owner": "", "hours": ""}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_outside_the_conversation_reaches_any_web_route(world, who):
    org, conversation, values = world
    client = Client()
    client.force_login(getattr(org, who))
    for method, path in _web_requests(values):
        response = client.get(path) if method == "GET" else client.post(path, _data())
        assert response.status_code == 404, (who, method, path, response.status_code)
    for path in ("/conversations/",):
        assert SECRET not in client.get(path).content.decode()
    assert not Note.objects.filter(text=PROBE).exists() and not AgendaItem.objects.filter(text=PROBE).exists()
    assert Agreement.objects.get(pk=values["agreement_id"]).status == "open"


def test_anonymous_visitors_are_sent_to_log_in_on_every_web_route(world):
    _, _, values = world
    for method, path in _web_requests(values):
        response = Client().get(path) if method == "GET" else Client().post(path, _data())
        assert response.status_code == 302 and "/login/" in response["Location"], (method, path)


@pytest.mark.parametrize("who", ["owner", "manager"])
def test_both_sides_reach_every_web_route(world, who):
    org, conversation, values = world
    client = Client()
    client.force_login(getattr(org, who))
    for method, path in _web_requests(values):
        response = client.get(path) if method == "GET" else client.post(path, _data())
        if "/answers/" in path and who == "manager":
            assert response.status_code == 404  # the manager never writes the person's answers
        elif "/review-share/" in path and who == "manager":
            assert response.status_code == 404  # nor decides what of the person's journal is shown
        else:
            # Reached: a page, a redirect, or a validation message (400) — never a 404 or a 500.
            assert response.status_code in (200, 302, 400), (who, method, path, response.status_code)


def _api_calls(values):
    for method, path in _api_routes():
        if ROUTES[f"api {method} {path}"] == "conversation":
            yield method, "/api/conversations" + _fill(path, values)


def _api_client(person) -> Client:
    _, key = create_token(person, "matrix")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize("who", OUTSIDERS + ["anonymous"])
def test_nobody_outside_the_conversation_reaches_any_api_route(world, who):
    org, _, values = world
    client = Client() if who == "anonymous" else _api_client(getattr(org, who))
    body = json.dumps({"text": PROBE, "status": "done", "shared": True})
    for method, path in _api_calls(values):
        response = client.generic(method, path, body, content_type="application/json")
        assert response.status_code == (401 if who == "anonymous" else 404), (who, method, path, response.status_code)
    if who != "anonymous":
        assert SECRET not in client.get("/api/conversations").content.decode()
    assert not Note.objects.filter(text=PROBE).exists()


def test_a_revoked_answer_share_is_gone_for_the_manager_on_every_route(world):
    org, conversation, values = world
    conversations.share_answer(org.owner, conversation.pk, values["item_id"], True)
    conversations.share_answer(org.owner, conversation.pk, values["item_id"], False)
    web, api = Client(), _api_client(org.manager)
    web.force_login(org.manager)
    for response in (web.get(f"/conversations/{conversation.pk}/"),
                     web.get(f"/conversations/{conversation.pk}/export/markdown/"),
                     api.get(f"/api/conversations/{conversation.pk}"),
                     api.get(f"/api/conversations/{conversation.pk}/export")):
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("who", ["peer", "outsider"])
def test_an_outsider_gets_404_from_the_api_before_any_body_is_read(world, who):
    org, _, values = world
    client = _api_client(getattr(org, who))
    for method, path in _api_calls(values):
        response = client.generic(method, path, "not json at all", content_type="text/plain")
        assert response.status_code == 404, (method, path, response.status_code)


def test_the_openapi_schema_still_lists_the_conversation_routes(db):
    schema = Client().get("/api/openapi.json").json()
    assert "/api/conversations/{conversation_id}" in schema["paths"]
