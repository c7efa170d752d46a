"""A bad-input sweep: every web route and API operation, called by whoever may use it, with values
nobody should send (digits from other scripts, negative and huge numbers, NUL, very long text,
wrong JSON types) in every path parameter, query field and body field. None may answer 5xx.

Routes come from the authorization matrix (so routes added later are swept too) and each route is
called as a relation that reaches past the permission check (its admin, manager or owner).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.test_authorization_matrix import (  # noqa: F401  (the world fixture)
    CONVERSATION, MANAGER, ORG_ADMIN, ORG_PEOPLE_LEAD, REPORT_MANAGER, ROUTES, SHARED, TEAM_MANAGER, _api_operations,
    _kwargs, _web_routes, world)
from tests.web.test_fuzz_no_server_errors import _fields_read_by

pytestmark = pytest.mark.django_db

# Text that looks like a number to str.isdigit() but is not one to int(), or is one in another script.
BAD_TEXT = ["³", "٣", "１", "-1", "0", "99999999999999999999999", "1e309", "nan", "-inf", "x" * 5000, "\u202e1",
            "0001-01-01", "9999-12-31", " "]
BAD_JSON = BAD_TEXT + ["a\x00b", True, False, None, [], {}, [1], {"a": 1}, -1, 2**70, 1.5, -1e300]
BAD_PATH = ["³", "٣", "-1", "99999999999999999999999", "x" * 300, "%00", "..", "a b"]

# Pages: fewer values (each is sent once per field), and the fields forms name that views read
# through a local variable (``post.get("person")``), which _fields_read_by cannot see.
BAD_PAGE_TEXT = ["³", "٣", "-1", "99999999999999999999999", "1e309", "nan", "x" * 5000, "0001-01-01"]
PAGE_FIELDS = {"person", "team", "parent", "back", "page", "change", "due_date", "date"}

RELATION_FOR = {ORG_ADMIN: "admin", TEAM_MANAGER: "manager", MANAGER: "manager", CONVERSATION: "manager",
                REPORT_MANAGER: "manager", ORG_PEOPLE_LEAD: "people_lead", SHARED: "manager"}


def _who(key: str) -> str:
    return RELATION_FOR.get(ROUTES[key], "owner")


def _body_fields(method: str, path: str) -> list[str]:
    from ownpath.api.api import api

    schema = api.get_openapi_schema()
    operation = schema["paths"][path][method.lower()]
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref = body.get("$ref", "").rsplit("/", 1)[-1]
    return sorted(schema.get("components", {}).get("schemas", {}).get(ref, {}).get("properties", {}))


def _query_fields(method: str, path: str) -> list[str]:
    from ownpath.api.api import api

    operation = api.get_openapi_schema()["paths"][path][method.lower()]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


def _server_errors(responses) -> list[str]:
    return [where for where, response in responses if response.status_code >= 500]


@pytest.mark.parametrize("key", sorted(_api_operations()))
def test_no_api_operation_answers_5xx_to_bad_input(world, key):
    method, path = key.split(" ", 1)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {world.keys[_who(key)]}")
    names = re.findall(r"\{(\w+)\}", path)
    good = _kwargs(world, names)
    fields = _body_fields(method, path)
    call = lambda url, body=None: client.generic(method, url, json.dumps(body) if body is not None else "",
                                                 content_type="application/json")
    sent = []
    for name in names:  # each path parameter in turn
        for bad in BAD_PATH:
            url = path.format(**(good | {name: quote(bad, safe="%")}))
            sent.append((f"{key} {name}={bad[:20]!r}", call(url, {})))
    url = path.format(**good)
    for name in _query_fields(method, path):
        for bad in BAD_TEXT:
            sent.append((f"{key} ?{name}={bad[:20]!r}", call(f"{url}?{name}={quote(bad)}", {})))
    if method in ("POST", "PUT", "PATCH"):
        for bad in BAD_JSON:
            sent.append((f"{key} body {bad!r:.20}", call(url, bad)))
            for name in fields:
                sent.append((f"{key} body {name}={bad!r:.20}", call(url, {name: bad})))
            if fields:
                sent.append((f"{key} body all={bad!r:.20}", call(url, {name: bad for name in fields})))
    assert not _server_errors(sent), _server_errors(sent)


def _web_keys() -> list[str]:
    return sorted(key for key in _web_routes() if key.startswith("web:") and key != "web:logout")


@pytest.mark.parametrize("key", _web_keys())
def test_no_page_answers_5xx_to_bad_input(world, key):
    found = _web_routes()[key]
    converters = found.pattern.pattern.converters
    good = _kwargs(world, list(converters))
    person = world.people[_who(key)]
    client = Client(raise_request_exception=False)
    client.force_login(person)
    url = reverse(key, kwargs=good) if good else reverse(key)
    sent = []
    for name, converter in converters.items():  # text path parameters (int ones only match 0-9)
        if type(converter).__name__ in ("StringConverter", "PathConverter"):
            for bad in BAD_PATH:
                bad_url = reverse(key, kwargs=good | {name: bad.replace("/", "")}) if bad.strip(".") else url
                sent.append((f"GET {key} {name}={bad[:20]!r}", client.get(bad_url)))
    fields = sorted(set(_fields_read_by(url)) | PAGE_FIELDS)
    # A Latin square: in round k field i gets value (i + k) mod n, so every field meets every value
    # in n requests per method, not n × fields.
    for k in range(len(BAD_PAGE_TEXT)):
        form = {name: BAD_PAGE_TEXT[(i + k) % len(BAD_PAGE_TEXT)] for i, name in enumerate(fields)}
        bad = BAD_PAGE_TEXT[k]
        form |= {f"mix_activity_{bad[:5]}": "admin", f"mix_hours_{bad[:5]}": bad}
        sent.append((f"GET {key} round {k}", client.get(url, form)))
        sent.append((f"POST {key} round {k} {form!r:.200}", client.post(url, form)))
    assert not _server_errors(sent), _server_errors(sent)
