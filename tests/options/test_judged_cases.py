"""The cases the product exists for, on realistic generated journals (seeded demo personas)."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.demo.options import REGIONAL_SALES_MANAGER, add_demo_options
from ownpath.demo.services import fill_demo_journal
from ownpath.options.services import add_option, compare_json

pytestmark = pytest.mark.django_db

END = dt.date(2026, 11, 20)


def _compare_persona(user, persona: str, seed: int) -> dict:
    fill_demo_journal(user, persona, seed=seed, end=END)
    add_demo_options(user, persona)
    return compare_json(user)


def _option(data: dict, name: str) -> dict:
    return next(o for o in data["options"] if o["name"] == name)


@pytest.mark.parametrize("seed", [7, 23])
@pytest.mark.parametrize("persona, offer", [("research_analyst", "Director of research group"),
                                            ("top_salesperson", "Regional sales manager")])
def test_a_promotion_into_managing_people_is_somebody_elses_dream_for_who_it_drains(user, persona, offer, seed):
    data = _compare_persona(user, persona, seed)
    promotion = _option(data, offer)
    assert promotion["energy"]["estimate"] < data["current"]["energy"]["estimate"]
    assert promotion["energy"]["high"] < data["current"]["energy"]["low"]
    assert promotion["p_better_than_current"] < 0.05
    assert "somebody_elses_dream" in promotion["flags"]
    assert "managing people: +" in promotion["explanation"]
    assert "drains you" in promotion["explanation"]
    # The pay is far above the baseline, and still it is not what this person would enjoy.
    assert promotion["pay_meets_baseline"] is True
    assert promotion["values_fit"] < data["current"]["values_fit"]


@pytest.mark.parametrize("seed", [7, 23])
def test_the_same_directorship_comes_out_well_for_someone_who_enjoys_coaching_and_coordinating(user, seed):
    data = _compare_persona(user, "coaching_analyst", seed)
    promotion = _option(data, "Director of research group")
    assert promotion["p_better_than_current"] > 0.9
    assert promotion["energy"]["estimate"] > data["current"]["energy"]["estimate"]
    assert "somebody_elses_dream" not in promotion["flags"]
    assert "Likely to feel better" in promotion["explanation"]
    assert "managing people: +" in promotion["explanation"] and "energizes you" in promotion["explanation"]


def test_the_regional_sales_manager_role_comes_out_well_for_the_coaching_analyst_too(user):
    fill_demo_journal(user, "coaching_analyst", seed=7, end=END)
    add_demo_options(user, "coaching_analyst")
    add_option(user, "Regional sales manager", mix=REGIONAL_SALES_MANAGER["mix"], pay=165_000, hours=50,
               set_by="expected", ratings=REGIONAL_SALES_MANAGER["ratings"])
    promotion = _option(compare_json(user), "Regional sales manager")
    assert promotion["p_better_than_current"] > 0.8
    assert "somebody_elses_dream" not in promotion["flags"]


def test_a_team_lead_who_loves_coaching_sees_a_bigger_management_role_as_energizing(user):
    data = _compare_persona(user, "people_coach", 7)
    promotion = _option(data, "Head of department")
    assert "somebody_elses_dream" not in promotion["flags"]
    assert promotion["energy"]["low"] > 0
    assert promotion["p_better_than_current"] > 0.4


def test_the_analysts_target_role_shows_what_they_already_do_and_what_is_missing(user):
    data = _compare_persona(user, "research_analyst", 7)
    target = _option(data, "Principal researcher")
    assert set(target["target_gap"]["already_doing"]) >= {"research", "writing", "presenting"}
    assert target["target_gap"]["missing"] == ["advising"]
    assert "Experience missing: advising & consulting" in target["explanation"]
