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


def test_a_refused_entry_names_each_bad_field_in_fields(api):  # noqa: F811
    response = api.post("/api/journal", {"date": YESTERDAY, "activity": "research", "hours": 30, "energy": 1,
                                         "place": "x" * 81}, content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"hours", "where"}


def test_the_journal_names_and_the_first_published_keys_are_both_read(api):  # noqa: F811
    by_name = api.post("/api/journal", {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1,
                                        "place": "office", "start_time": "09:00", "with_whom": "Sam"},
                       content_type="application/json").json()
    by_word = api.post("/api/journal", {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1,
                                        "where": "office", "start": "09:00", "with": "Sam"},
                       content_type="application/json").json()
    assert [(e["where"], e["start"], e["with"]) for e in (by_name, by_word)] == [("office", "09:00:00", "Sam")] * 2
    patched = api.patch(f"/api/journal/{by_name['id']}", {"place": "home"}, content_type="application/json").json()
    assert patched["where"] == "home" and patched["start"] == "09:00:00"
