"""A path to a target role: set from an option, a code or a title; the gap, steps and progress."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.analytics import career_path as cp
from ownpath.demo.personas import generate_path_journal
from ownpath.errors import NotFound, UserInputError
from ownpath.paths import services

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo_analyst(user):
    """The demo research analyst with the options `ownpath demo` gives them."""
    from ownpath.demo.services import fill_demo_journal
    from ownpath.demo.options import add_demo_options

    fill_demo_journal(user, "research_analyst", end=TODAY)
    add_demo_options(user, "research_analyst")
    return user


def test_the_path_to_the_demo_target_names_the_missing_experience_compare_names(demo_analyst):
    from ownpath.options.services import compare_json

    target = next(o for o in compare_json(demo_analyst)["options"] if o.get("target_gap"))
    named_by_compare = set(target["target_gap"]["missing"])
    assert named_by_compare  # advising: the demo analyst has never logged it
    services.set_path(demo_analyst, "Principal researcher", today=TODAY)
    summary = services.path_summary(demo_analyst, today=TODAY)
    new_in_path = {g["activity"] for g in summary["gaps"] if g["new"]}
    assert named_by_compare <= new_in_path
    stretch = summary["steps"][0]
    assert stretch["kind"] == "stretch" and named_by_compare & {e["activity"] for e in stretch["experience"]}


def test_a_job_title_sets_a_path_to_an_occupation_with_steps_milestones_and_credit(demo_analyst):
    with pytest.raises(services.AmbiguousTarget) as ambiguous:
        services.set_path(demo_analyst, "product manager", horizon_years=4, today=TODAY)
    choice = ambiguous.value.candidates[0]["code"]
    path = services.set_path(demo_analyst, "product manager", horizon_years=4, today=TODAY, choice=choice)
    assert path.occupation_code == choice
    assert path.target_kind == "occupation" and path.occupation_code
    summary = services.path_summary(demo_analyst, today=TODAY)
    assert summary["steps"][-1]["kind"] == "target" and summary["steps"][-1]["ends"] == "2030-11-30"
    assert len(summary["milestones"]) == 16 and summary["gaps"]
    roles = [s for s in summary["steps"] if s["kind"] == "role"]
    assert all(r["energy"] >= cp.ACCEPTABLE_ENERGY and r["experience"] for r in roles)
    assert all(e["seek"] and e["mentors"] == [] for s in summary["steps"] for e in s["experience"])
    assert "CC BY 4.0" in summary["credit"]


def test_an_occupation_code_sets_a_path_and_its_skill_gaps_say_what_is_not_rated(user, episode_factory):
    episode_factory(activity="research", hours=2, energy=1, skill=4)
    services.set_path(user, "15-1252.00", today=TODAY)
    summary = services.path_summary(user, today=TODAY)
    assert summary["target"]["title"] == "Software Developers"
    assert any(s["level"] is None and "not rated yet" in s["words"] for s in summary["skill_gaps"])


def test_bad_targets_and_years_are_refused_with_a_message(user):
    with pytest.raises(UserInputError, match="target"):
        services.set_path(user, "  ")
    with pytest.raises(UserInputError, match="years: must be 1–15"):
        services.set_path(user, "nurse", horizon_years=40)
    with pytest.raises(NotFound):
        services.set_path(user, "99-9999.00")


def test_a_path_is_private_and_can_be_cleared(user, other_user):
    services.set_path(user, "registered nurse", today=TODAY)
    assert services.path_summary(other_user) is None
    assert services.clear_path(user) and services.path_summary(user) is None and not services.clear_path(user)


def test_progress_recovers_the_true_trend_of_someone_following_the_plan(user):
    from ownpath.journal.services import activity_labels, import_episode_records
    from ownpath.journal.validation import validate_episode

    drift, growth = 0.1, 0.06
    journal = generate_path_journal("research_analyst", target_hours={"advising": 6, "planning": 6}, ramp_weeks=13,
                                    energy_drift={"advising": drift, "planning": drift},
                                    skill_growth={"advising": growth, "planning": growth}, weeks=26, end=TODAY, seed=11)
    labels = activity_labels(user)
    records = []
    for index, raw in enumerate(journal):
        record, errors = validate_episode(raw, labels.keys(), labels, today=TODAY)
        assert not errors
        records.append((index, record))
    import_episode_records(user, records)
    start = dt.date.fromisoformat(journal[0]["date"])
    services.set_path(user, "management analyst", today=start)
    path = services.get_path(user)
    path.target_mix = {"advising": 6, "planning": 6}
    path.save()
    progress = services.path_summary(user, today=TODAY)["progress"]
    assert progress["energy"]["low"] <= drift <= progress["energy"]["high"]
    assert progress["skill"]["low"] <= growth <= progress["skill"]["high"]
    assert progress["energy"]["per_month"] > 0 and progress["months"][-1]["hours_per_week"] > progress["months"][0]["hours_per_week"]


def test_the_honest_reforecast_when_the_target_drains_you(user, episode_factory):
    for day in range(1, 25):
        date = TODAY - dt.timedelta(days=day)
        episode_factory(date=date, activity="managing", hours=2, energy=-2, skill=2)
        episode_factory(date=date, activity="research", hours=2, energy=2, skill=4)
    services.set_path(user, "general and operations manager", today=TODAY - dt.timedelta(days=30))
    path = services.get_path(user)
    path.expected_energy = 0.5
    path.save()
    words = services.path_summary(user, today=TODAY)["forecast"]["words"]
    assert words.startswith("This target drains you more than you expected")


ENGINEER = {"building": 24, "meetings": 5, "writing": 4, "analysis": 4, "planning": 2, "learning": 2}


@pytest.fixture
def engineer(user):
    """A software engineer's journal: 12 weeks, building most of the week, enjoying it."""
    from ownpath.journal.models import Activity, Episode

    activities = {a.slug: a for a in Activity.objects.filter(owner__isnull=True, slug__in=list(ENGINEER))}
    Episode.objects.bulk_create([
        Episode(user=user, date=TODAY - dt.timedelta(days=7 * week + day), activity=activities[slug],
                hours=hours / 2, energy=1 if slug in ("building", "analysis") else 0, skill=4)
        for week in range(12) for slug, hours in ENGINEER.items() for day in (1, 3)])
    from ownpath.options.services import add_option

    add_option(user, "Software engineer", mix=ENGINEER, current=True)
    return user


def test_product_manager_for_a_software_engineer_offers_technical_product_occupations_to_choose(engineer):
    assert services.person_occupation(engineer, TODAY)["code"].startswith("15-12")  # from their current role
    with pytest.raises(services.AmbiguousTarget) as ambiguous:
        services.set_path(engineer, "product manager", today=TODAY)
    codes = [c["code"] for c in ambiguous.value.candidates]
    assert "11-3021.00" in codes and "11-2021.00" in codes  # Computer and Information Systems Managers too
    assert "Computer and Information Systems Managers" in ambiguous.value.message
    assert services.get_path(engineer) is None  # nothing set until the person chooses
    services.set_path(engineer, "product manager", today=TODAY, choice="11-3021.00")
    summary = services.path_summary(engineer, today=TODAY)
    assert summary["target"]["code"] == "11-3021.00"  # the choice is honoured
    assert "11-2021.00" in {a["code"] for a in summary["alternatives"]}
    with pytest.raises(UserInputError, match="choice: 99-0000.00 is not one of"):
        services.set_path(engineer, "product manager", today=TODAY, choice="99-0000.00")


def test_steps_go_through_related_occupations_reachable_from_the_persons_own(engineer):
    services.set_path(engineer, "product manager", today=TODAY, choice="11-3021.00", current="15-1252.00")
    summary = services.path_summary(engineer, today=TODAY)
    assert summary["from"] == {"code": "15-1252.00", "title": "Software Developers", "chosen": True}
    chains = services.route("15-1252.00", "11-3021.00")
    assert chains and all(c[0] == "15-1252.00" and c[-1] == "11-3021.00" for c in chains)
    on_the_way = {code for chain in chains for code in chain[1:-1]}
    for step in summary["steps"]:
        if step["kind"] == "role":
            assert step["code"] in on_the_way


def test_a_target_can_be_a_custom_weekly_mix(engineer):
    path = services.set_path(engineer, "Technical product lead", today=TODAY, mix="planning=12,meetings=10,building=8,"
                                                                                  "presenting=4,relationships=6")
    assert path.target_kind == "custom" and path.target_mix["planning"] == 12
    summary = services.path_summary(engineer, today=TODAY)
    assert summary["target"]["title"] == "Technical product lead"
    assert {g["activity"] for g in summary["gaps"]} >= {"planning", "presenting"}
