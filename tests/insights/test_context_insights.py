"""What else drives your energy: findings from a journal with known context effects, only the person's own."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.demo.personas import ACTIVE_CONTEXT, generate_context_journal
from ownpath.insights.context import MIN_CONTEXT_ENTRIES, build_context_insights, shareable
from ownpath.journal.services import import_episode_records
from ownpath.journal.validation import validate_episode

pytestmark = pytest.mark.django_db
END = dt.date(2026, 10, 30)


def fill(user, weeks=30, seed=3, truth=ACTIVE_CONTEXT):
    """A salesperson's journal whose places, company, tools and long days have known effects."""
    from ownpath.journal.services import activity_labels

    labels = activity_labels(user)
    records = []
    for line, raw in enumerate(generate_context_journal("top_salesperson", truth, weeks=weeks, end=END, seed=seed)):
        record, errors = validate_episode(raw, labels.keys(), labels)
        assert not errors
        records.append((line, record))
    import_episode_records(user, records)


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        person = get_user_model().objects.create_user("context-reader")
        fill(person)
        result = build_context_insights(person)
        person.delete()
    return result


def test_every_finding_has_its_interval_and_sample_size(report):
    assert report["findings"]
    for finding in report["findings"]:
        assert finding["low"] <= finding["estimate"] <= finding["high"]
        assert finding["low"] > 0 or finding["high"] < 0  # only directions the data leave no doubt about
        assert finding["entries"] >= 5 and finding["days"] >= 1
        assert f"{finding['entries']}" in finding["words"] or f"{finding['days']}" in finding["words"]


def test_travelling_and_the_manager_are_found_to_drain(report):
    draining = {f["level"] for f in report["findings"] if f["kind"] in ("place", "people") and f["estimate"] < 0}
    assert {"travelling", "my manager"} <= draining


def test_flow_names_the_activities_that_put_you_in_flow(report):
    more = {row["activity"] for row in report["flow"]["activities"] if row["more_than_usual"]}
    assert "selling" in more and "admin" not in more
    assert all(row["entries"] >= 5 for row in report["flow"]["activities"])


def test_a_finding_about_a_named_person_is_kept_out_of_shareable_output():
    report = {"findings": [{"kind": "people", "level": "Chloe", "names_person": True, "words": "Time with Chloe"},
                           {"kind": "place", "level": "home", "names_person": False, "words": "home"}]}
    assert [f["level"] for f in shareable(report)["findings"]] == ["home"]


def test_a_thin_journal_says_what_is_missing(user, episode_factory):
    for day in range(3):
        episode_factory(date=END - dt.timedelta(days=day), where="home")
    report = build_context_insights(user)
    assert report["findings"] == []
    assert f"{MIN_CONTEXT_ENTRIES - 3} more entries" in report["missing"][0]


def test_somebody_elses_journal_is_never_read(user, other_user):
    fill(other_user, weeks=8)
    report = build_context_insights(user)
    assert report["entries"] == 0 and report["findings"] == []


def test_cli_insights_shows_the_context_section(cli, local_user):
    fill(local_user, weeks=20)
    done = cli("insights")
    assert done.exit_code == 0, done.output
    assert "What else drives your energy" in done.output and "Flow" in done.output
    data = json.loads(cli("insights", "--json").output)
    assert data["context"]["entries"] == data["episodes"]


def test_a_longer_working_day_is_forecast_to_drain_by_the_persons_own_curve(user):
    from ownpath.options.services import add_option, compare_json

    fill(user, weeks=30)
    add_option(user, "Now", mix={"selling": 30, "admin": 10}, current=True)
    add_option(user, "Sales director", mix={"selling": 30, "admin": 25}, hours=60)
    add_option(user, "Same hours", mix={"selling": 25, "admin": 15})
    lengths = compare_json(user)["day_length"]
    longer, same = lengths["Sales director"], lengths["Same hours"]
    assert longer["hours_per_day"] == 12 and longer["current_hours_per_day"] == 8
    assert longer["low"] <= longer["estimate"] <= longer["high"] and longer["estimate"] < 0
    assert same["estimate"] == 0 and "no clear effect" in same["words"]


def test_a_draining_colleague_is_compared_with_time_alone_and_neutral_ones_are_not_named(user):
    from ownpath.demo.personas import DRAINING_COLLEAGUE, generate_colleague_journal
    from ownpath.journal.services import activity_labels

    labels = activity_labels(user)
    records = []
    for line, raw in enumerate(generate_colleague_journal(DRAINING_COLLEAGUE, weeks=16, end=END, seed=4)):
        record, errors = validate_episode(raw, labels.keys(), labels)
        assert not errors
        records.append((line, record))
    import_episode_records(user, records)
    report = build_context_insights(user)
    people = {f["level"]: f for f in report["findings"] if f["kind"] == "people"}
    assert set(people) & {"Riley", "Casey"} == set()
    morgan = people["Morgan"]
    assert morgan["estimate"] < 0 and morgan["certainty"] in ("fairly sure", "very sure")
    assert "drains you" in morgan["words"] and "than when you work alone or with no one named" in morgan["words"]
    assert morgan["baseline"] == "when you work alone or with no one named" and morgan["baseline_entries"] > 50
