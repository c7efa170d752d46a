"""No input makes a 500: arbitrary JSON at every API route and arbitrary query strings and forms at
every page, as the owner of real data. Routes come from the OpenAPI schema and the URL resolver,
so routes added later are fuzzed too. Examples per route are bounded to keep the run short."""

from __future__ import annotations

import inspect
import json
import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownpath.api.api import api as ninja_api
from ownpath.accounts.services import create_token
from tests.web.test_privacy import PARAMETERS, all_routes, concrete_url, owners_data  # noqa: F401

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=12, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Words the pages and the API read, so fuzzing reaches past "unknown field" into real parsing.
KNOWN_FIELDS = ["week", "next", "since", "until", "activity", "q", "min_pay", "job_zone", "download", "limit",
                "offset", "key", "energy", "skill", "hours", "date", "note", "with", "name", "mix", "pay",
                "current", "target", "set_by", "action", "target_hours", "format", "map", "choice", "first",
                "second", "baseline", "username", "password", "growth", "start", "engagement", "title"]
NASTY = ["", "0", "-1", "1e308", "9999-12-31", "9999-W52", "0001-01-01", "0001-W01", "nan", "inf", "abc", "\x00",
         "2025-W53", "1" * 30, "/", "../x", "all", "web:home", "true", "2026-02-30", "-0.5", "25", "1..5"]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=8)


def _fields_read_by(url: str) -> list[str]:
    """The request fields the view's module reads (``request.GET.get("week")`` …), so fuzzing reaches
    each view's own parsing, including views added later."""
    from django.urls import resolve

    source = inspect.getsource(inspect.getmodule(inspect.unwrap(resolve(url).func)))
    return sorted(set(re.findall(r"(?:GET|POST)(?:\.get\(|\[)[\"'](\w+)[\"']", source)))


def _query(fields: list[str]):
    return st.dictionaries(st.sampled_from(fields or KNOWN_FIELDS) | st.sampled_from(KNOWN_FIELDS), TEXT,
                           max_size=4)


def _api_operations() -> list[tuple[str, str, list[str]]]:
    """(method, path, body field names) of every operation in the OpenAPI schema."""
    schema = ninja_api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = body.get("$ref", "").rsplit("/", 1)[-1]
            fields = sorted(components.get(ref, {}).get("properties", {}))
            operations.append((method, path, fields))
    return operations


def _page_routes() -> list[tuple[str, str, list[str]]]:
    return [r for r in all_routes() if not r[0].startswith(("api/", "static/"))]


def _fill(path: str, data: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(PARAMETERS[m.group(1)](data)), path)


@pytest.mark.parametrize("method, path, fields", _api_operations(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_api_never_answers_500_to_any_json(method, path, fields, user, owners_data):  # noqa: F811
    _, key = create_token(user, "fuzz")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = _fill(path, owners_data)
    bodies = JSON | st.fixed_dictionaries({}, optional={name: JSON for name in fields})

    @FUZZ
    @given(body=bodies, query=_query(["since", "until", "activity", "q", "limit", "offset", "min_pay", "job_zone"]))
    def send(body, query):
        response = client.generic(method.upper(), url + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
                                  json.dumps(body), content_type="application/json")
        assert response.status_code < 500, (method, url, body, query)

    send()


@pytest.mark.parametrize("route, name, params", _page_routes(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_page_answers_500_to_any_query_string_or_form(route, name, params, owner_client, owners_data):  # noqa: F811
    url = concrete_url(route, params, owners_data)
    fields = _fields_read_by(url)

    @settings(FUZZ, max_examples=25)
    @given(query=_query(fields), form=_query(fields), htmx=st.booleans())
    def visit(query, form, htmx):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = owner_client.get(url, query, **headers)
        assert response.status_code < 500, (url, query)
        if name not in {"web:logout"}:  # logging out ends the fuzzing session, nothing to find there
            response = owner_client.post(url, form, **headers)
            assert response.status_code < 500, (url, form)

    visit()
