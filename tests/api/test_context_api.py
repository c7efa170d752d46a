"""The JSON API takes and returns an entry's context: where, with whom, tools, start, flow."""

from __future__ import annotations

import pytest

from tests.api.test_journal_api import YESTERDAY, api  # noqa: F401  (the token client fixture)

pytestmark = pytest.mark.django_db


def test_create_and_patch_an_entry_with_context(api):  # noqa: F811
    created = api.post("/api/journal", {"date": YESTERDAY, "activity": "customers", "hours": 1, "energy": -1,
                                        "where": "client site", "with_whom": "Sam, clients", "tools": "crm",
                                        "start": "14:00", "flow": True}, content_type="application/json")
    assert created.status_code == 201, created.content
    entry = created.json()
    assert (entry["where"], entry["with"], entry["tools"], entry["start"], entry["flow"]) == (
        "client site", "Sam, customers", "crm", "14:00:00", True)
    patched = api.patch(f"/api/journal/{entry['id']}", {"where": "home", "flow": False},
                        content_type="application/json").json()
    assert (patched["where"], patched["flow"], patched["tools"]) == ("home", False, "crm")


def test_a_bad_context_field_is_a_422_naming_it(api):  # noqa: F811
    response = api.post("/api/journal", {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1,
                                         "with_whom": "alone, Sam"}, content_type="application/json")
    assert response.status_code == 422 and "with:" in response.json()["detail"]
