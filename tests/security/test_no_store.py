"""No browser or proxy cache keeps a page or an API answer: every response to a logged-in person,
and every API answer, says ``Cache-Control: no-store`` (a shared computer's back button or a
caching proxy must not replay someone's data after log-out or after a share is revoked).

Routes come from the authorization matrix, so new routes are covered too.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.test_authorization_matrix import _all_routes, _requests, world  # noqa: F401 (fixture)
from tests.security.test_bad_input_sweep import _who

pytestmark = pytest.mark.django_db

# Files the app serves itself carry their own caching and no one's data.
OWN_CACHING = {"web:static", "web:service_worker", "web:reminders_calendar"}


@pytest.mark.parametrize("key", [key for key in _all_routes() if key not in OWN_CACHING])
def test_every_page_and_api_answer_says_no_store(world, key):
    relation = _who(key)
    for method, url, is_api in _requests(world, key):
        if method != "GET":
            continue
        if is_api:
            response = Client(HTTP_AUTHORIZATION=f"Bearer {world.keys[relation]}").get(url)
        else:
            client = Client()
            client.force_login(world.people[relation])
            response = client.get(url)
        assert "no-store" in response.get("Cache-Control", ""), f"{relation} GET {url}: {response.status_code}"


def test_a_refusal_and_a_log_in_page_say_no_store_too(world):
    assert Client().get("/api/journal")["Cache-Control"] == "no-store"  # 401
    assert Client().get("/login/")["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching():
    response = Client().get("/static/web/app.css")
    assert response.status_code == 200 and "no-store" not in response["Cache-Control"]
