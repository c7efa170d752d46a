"""`ownpath path set|show|clear`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def loaded(local_user):
    from ownpath.occupations.services import load_onet_release

    load_onet_release([FIXTURE_RELEASE])


def test_path_set_prints_the_gap_steps_and_milestones(cli, loaded):
    cli("log", "analysis", "--hours", "3", "--energy", "1")
    result = cli("path", "set", "vp sales", "--years", "2")
    assert result.exit_code == 0, result.output
    assert "Your path to Sales Managers" in result.output and "Stretch work in your current role" in result.output
    assert "Milestones" in result.output
    shown = json.loads(cli("path", "show", "--json").output)
    assert shown["horizon_years"] == 2 and len(shown["milestones"]) == 8


def test_path_show_without_a_path_says_how_to_set_one_and_clear_says_what_it_did(cli, loaded):
    assert 'ownpath path set "product manager"' in cli("path", "show").output
    cli("path", "set", "sales manager")
    assert cli("path", "clear").output.strip() == "path cleared"
    assert cli("path", "clear").output.strip() == "no path to clear"


def test_path_set_refuses_bad_years_in_one_line(cli, loaded):
    result = cli("path", "set", "sales manager", "--years", "0")
    assert result.exit_code == 2 and "years: must be 1–15" in result.output


def test_an_ambiguous_title_lists_its_occupations_and_the_choice_or_a_mix_sets_the_path(cli):
    cli("log", "building", "--hours", "6", "--energy", "1")
    ambiguous = cli("path", "set", "product manager")
    assert ambiguous.exit_code == 2 and "'product manager' may mean:" in ambiguous.output
    assert "11-3021.00  Computer and Information Systems Managers" in ambiguous.output
    assert "--choose CODE" in ambiguous.output
    assert "11-3021.00" in cli("path", "candidates", "product manager").output
    chosen = cli("path", "set", "product manager", "--choose", "11-3021.00")
    assert chosen.exit_code == 0 and "Your path to Computer and Information Systems Managers" in chosen.output
    custom = cli("path", "set", "Technical product lead", "--mix", "planning=12,meetings=10,building=8")
    assert custom.exit_code == 0 and "Your path to Technical product lead" in custom.output
