"""The weekly AEIOU reflection: pre-filled from the week's own entries, the person's answers kept."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.errors import UserInputError
from ownpath.reflection.models import WeeklyReflection
from ownpath.reflection.services import reflection_for, save_reflection, week_start

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 16)


def test_week_start_reads_iso_weeks_and_dates_and_refuses_nonsense():
    assert week_start("2026-W47") == MONDAY
    assert week_start("2026-11-19") == MONDAY
    with pytest.raises(UserInputError, match="week: expected YYYY-Www"):
        week_start("soon")


def test_prompts_are_prefilled_from_the_weeks_entries_only(user, other_user, episode_factory):
    episode_factory(date=MONDAY, activity="research", hours=2, energy=2, where="home", tools="figma",
                    **{"with": "Sam, customers"}, flow=True)
    episode_factory(date=MONDAY + dt.timedelta(days=1), activity="admin", hours=1, energy=-1, where="office")
    episode_factory(date=MONDAY - dt.timedelta(days=1), activity="writing", where="cafe")  # the week before
    episode_factory(owner=other_user, date=MONDAY, activity="selling", where="secret lab")
    prompts = {p["key"]: p for p in reflection_for(user, MONDAY)["prompts"]}
    assert [r["name"] for r in prompts["environments"]["from_entries"]] == ["home", "office"]
    research = prompts["activities"]["from_entries"][0]
    assert (research["hours"], research["entries"], research["mean_energy"], research["flow"]) == (2, 1, 2, 1)
    assert [r["name"] for r in prompts["objects"]["from_entries"]] == ["figma"]
    assert {r["name"] for r in prompts["interactions"]["from_entries"]} == {"Sam", "customers"}
    assert {r["name"] for r in prompts["users"]["from_entries"]} == {"Sam", "customers"}


def test_answers_are_kept_and_replaced_for_the_same_week(user, other_user):
    save_reflection(user, MONDAY, {"activities": "Research all morning", "objects": "Figma helped"})
    save_reflection(user, MONDAY, {"activities": "Research, then admin", "objects": "Figma helped"})
    prompts = {p["key"]: p["answer"] for p in reflection_for(user, MONDAY)["prompts"]}
    assert prompts["activities"] == "Research, then admin" and prompts["objects"] == "Figma helped"
    assert WeeklyReflection.objects.filter(user=user).count() == 1
    assert all(p["answer"] == "" for p in reflection_for(other_user, MONDAY)["prompts"])


def test_a_bad_answer_names_its_prompt_and_saves_nothing(user):
    with pytest.raises(UserInputError, match="users: must be at most 5000 characters"):
        save_reflection(user, MONDAY, {"activities": "fine", "users": "x" * 5001})
    assert not WeeklyReflection.objects.exists()
