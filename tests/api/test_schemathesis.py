"""Schemathesis against the API's own OpenAPI schema, in-process (WSGI), as a member with a token:
no 5xx, every answer matches its documented schema, and requests the schema forbids are refused.

Bounded for CI (a few examples per operation, generation seeded); the wider manual run is
``st run http://127.0.0.1:PORT/api/openapi.json --checks all`` against a served copy.
"""

from __future__ import annotations

import functools

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance

pytestmark = pytest.mark.django_db

EXAMPLES = 5
CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]


@functools.cache
def _api_schema():
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def _operation_labels() -> list[str]:
    from ownpath.api.api import api

    return sorted(f"{method.upper()} {path}" for path, methods in api.get_openapi_schema()["paths"].items()
                  for method in methods)


@pytest.fixture
def keep_test_connection_open():
    """Calling the WSGI app directly would close the test's database connection at the end of each
    request (Django's test Client suspends this the same way), ending the test transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def member_token(org, episode_factory, keep_test_connection_open):
    """A member of Engineering (alex, with a few entries) and their API token."""
    from ownpath.accounts.services import create_token

    for energy in (-1, 0, 1, 2):
        episode_factory(energy=energy)
    return create_token(org.owner, "schemathesis")[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", _operation_labels())
def test_the_api_keeps_its_documented_contract(label, mode, member_token):
    found = [result.ok() for result in _api_schema().get_all_operations()
             if result.ok().label == label]
    assert len(found) == 1, label
    headers = {"Authorization": f"Bearer {member_token}"}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=found[0].as_strategy(generation_mode=mode))
    def call(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        call()
    except Unsatisfiable:
        # No parameter and no body: nothing of the request can be made invalid.
        assert mode == GenerationMode.NEGATIVE, label
        pytest.skip(f"{label} takes nothing that could be made invalid")
