"""The insights service on the database: contract, scoping to the acting user, since, balance."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ownpath.insights.services import build_insights, energy_effects_for, skill_effects_for

pytestmark = pytest.mark.django_db

START = dt.date(2026, 8, 3)  # a Monday


def fill_journal(episode_factory, owner=None, weeks=6, seed=0):
    """A person who loves research and is drained by managing, though good at it."""
    rng = np.random.default_rng(seed)
    plan = {"research": (1.3, 4), "managing": (-1.3, 5), "admin": (-0.4, 3), "writing": (0.3, 3)}
    for day in range(weeks * 7):
        date = START + dt.timedelta(days=day)
        if date.weekday() >= 5:
            continue
        for activity, (energy, skill) in plan.items():
            episode_factory(owner=owner, date=date, activity=activity, hours=2.0,
                            energy=int(np.clip(round(energy + rng.normal(0, 0.6)), -2, 2)),
                            skill=int(np.clip(round(skill + rng.normal(0, 0.5)), 1, 5)),
                            growth=activity in ("research", "writing"), off_clock=False)


def test_insights_follow_the_json_contract(user, episode_factory):
    fill_journal(episode_factory, weeks=3)
    report = build_insights(user)
    assert {"episodes", "hours", "days", "activities", "balance", "warnings"} <= set(report)
    assert report["episodes"] == 60 and report["hours"] == 120.0 and report["days"] == 15
    row = report["activities"][0]
    assert {"activity", "label", "episodes", "hours", "energy", "skill", "quadrant"} <= set(row)
    assert {"estimate", "low", "high", "p_positive"} <= set(row["energy"])
    assert {"estimate", "low", "high", "p_positive"} <= set(row["skill"])
    assert row["activity"] == "research" and row["label"] == "Research & investigating"
    assert row["energy"]["low"] < row["energy"]["estimate"] < row["energy"]["high"]


def test_the_promoted_manager_sees_a_trap_strength_and_a_compensable_strength(user, episode_factory):
    fill_journal(episode_factory, weeks=4)
    by_slug = {row["activity"]: row for row in build_insights(user)["activities"]}
    assert by_slug["research"]["quadrant"] == "compensable_strength"
    assert by_slug["managing"]["quadrant"] == "trap_strength"
    assert by_slug["managing"]["energy"]["words"].startswith("drains you")


def test_one_persons_insights_never_include_another_persons_episodes(user, other_user, episode_factory):
    fill_journal(episode_factory, owner=user, weeks=2)
    for day in range(10):
        episode_factory(owner=other_user, date=START + dt.timedelta(days=day), activity="selling",
                        hours=5.0, energy=2)
    mine = build_insights(user)
    theirs = build_insights(other_user)
    assert mine["episodes"] == 40 and "selling" not in {r["activity"] for r in mine["activities"]}
    assert theirs["episodes"] == 10 and {r["activity"] for r in theirs["activities"]} == {"selling"}
    assert "selling" not in energy_effects_for(user).effects
    assert set(energy_effects_for(other_user).effects) == {"selling"}


def test_since_keeps_only_later_entries(user, episode_factory):
    fill_journal(episode_factory, weeks=2)
    report = build_insights(user, since=START + dt.timedelta(days=7))
    assert report["episodes"] == 20 and report["since"] == "2026-08-10"


def test_an_empty_journal_says_what_is_missing(user):
    report = build_insights(user)
    assert report["episodes"] == 0 and report["activities"] == []
    assert report["missing"][0].startswith("log some work")


def test_a_thin_journal_warns_and_names_what_to_log(user, episode_factory):
    for day, energy in enumerate([1, -1, 0]):
        episode_factory(date=START + dt.timedelta(days=day), activity="managing", energy=energy)
    episode_factory(date=START, activity="research", energy=1)
    report = build_insights(user)
    assert "thin_data" in {w["kind"] for w in report["warnings"]}
    assert any(m.startswith("log managing people") and "more times to tell" in m for m in report["missing"])


def test_balance_uses_the_persons_target_hours(user, episode_factory):
    from ownpath.journal.services import update_settings

    update_settings(user, target_hours_per_week=30)
    fill_journal(episode_factory, weeks=2)
    balance = build_insights(user)["balance"]
    assert balance["target_hours"] == 30
    assert balance["hours_per_week"]["mean"] == pytest.approx(40.0)
    assert balance["hours_per_week"]["weeks_over_target"] == 2
    assert balance["growth"]["share"] == pytest.approx(0.5)


def test_energy_falling_while_hours_rise_is_warned(user, episode_factory):
    for week in range(8):
        for weekday in range(5):
            date = START + dt.timedelta(weeks=week, days=weekday)
            late = week >= 4
            episode_factory(date=date, activity="analysis", hours=10.0 if late else 8.0,
                            energy=-1 if late else 1)
    kinds = {w["kind"] for w in build_insights(user)["warnings"]}
    assert "energy_falling_hours_rising" in kinds


def test_skill_effects_cover_only_rated_episodes(user, episode_factory):
    episode_factory(date=START, activity="research", energy=1, skill=4)
    episode_factory(date=START, activity="admin", energy=-1)
    assert set(skill_effects_for(user).effects) == {"research"}
