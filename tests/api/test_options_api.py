"""The API's values, options and compare routes: same services as `ownpath option`/`compare`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ownpath.accounts.services import create_token

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def api(user):
    _, key = create_token(user, "tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_options_crud_and_compare(api, episode_factory):
    for day in range(1, 15):
        date = dt.date.today() - dt.timedelta(days=day)
        episode_factory(date=date, activity="research", hours=3, energy=2)
        episode_factory(date=date, activity="managing", hours=1, energy=-2)
    created = api.post("/api/options", {"name": "Analyst", "mix": {"research": 30, "managing": 2}, "pay": 60000,
                                        "current": True}, content_type=JSON)
    assert created.status_code == 201, created.content
    assert created.json()["current"] is True
    api.post("/api/options", {"name": "Manager", "mix": {"managing": 25, "research": 5}, "pay": 90000,
                              "set_by": "expected"}, content_type=JSON)
    assert [o["name"] for o in api.get("/api/options").json()] == ["Analyst", "Manager"]
    changed = api.patch("/api/options/Manager", {"mix": {"managing": 20, "meetings": 10}}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["mix"] == {"managing": 20, "meetings": 10}
    comparison = api.get("/api/compare").json()
    assert comparison["current"]["name"] == "Analyst"
    manager = comparison["options"][0]
    assert {"name", "energy", "p_better_than_current", "values_fit", "pay_meets_baseline", "flags",
            "explanation"} <= set(manager)
    assert manager["energy"]["estimate"] < comparison["current"]["energy"]["estimate"]
    assert api.delete("/api/options/Manager").status_code == 204
    assert api.get("/api/options/Manager").status_code == 404


def test_a_bad_option_is_a_422_naming_the_field(api, user):
    response = api.post("/api/options", {"name": "X", "mix": {"reserch": 10}}, content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"].startswith("mix")
    assert api.get("/api/options").json() == []


def test_values_ratings_baseline_and_questions(api):
    summary = api.put("/api/values", {"ratings": {"learning": 5, "compensation": 2}, "baseline": 50000},
                      content_type=JSON).json()
    assert summary["pay_baseline"] == 50000 and summary["ratings"] == {"learning": 5, "compensation": 2}
    question = api.get("/api/values/question").json()
    answered = api.post("/api/values/answers", {"first": question["first"], "second": question["second"],
                                                "choice": question["first"]}, content_type=JSON)
    assert answered.status_code == 201 and answered.json()["answers"] == 1
    assert api.put("/api/values", {"ratings": {"learning": 9}}, content_type=JSON).status_code == 422


def test_values_order_then_questions_until_settled_with_a_true_count(api):
    order = ["mentorship", "learning", "hands_on"]
    assert api.put("/api/values", {"order": order}, content_type=JSON).json()["ranking"] == order
    for number in range(1, 9):
        question = api.get("/api/values/question").json()
        if question["settled"]:
            break
        assert question["number"] == number and question["expected"] >= number
        first, second = question["first"], question["second"]
        api.post("/api/values/answers", {"first": first, "second": second,
                                         "choice": min((first, second), key=order.index)}, content_type=JSON)
    assert question == {"first": None, "second": None, "settled": True, "number": None, "expected": number - 1}
    bad = api.put("/api/values", {"order": ["learning", "learning"], "baseline": 1}, content_type=JSON)
    assert bad.status_code == 422 and api.get("/api/values").json()["pay_baseline"] is None


def test_another_persons_option_is_not_found(api, other_user):
    from ownpath.options.services import add_option

    add_option(other_user, "Theirs", mix={"research": 10}, pay=77777)
    assert api.get("/api/options/Theirs").status_code == 404
    assert api.patch("/api/options/Theirs", {"pay": 1}, content_type=JSON).status_code == 404
    assert api.delete("/api/options/Theirs").status_code == 404
    assert "77777" not in api.get("/api/options").content.decode()
