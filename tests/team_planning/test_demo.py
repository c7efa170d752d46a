"""The motivating case end to end: the journal, not the sales figures, decides the track."""

from __future__ import annotations

import pytest

from ownpath.demo.team_decisions import build_team_decisions_demo

pytestmark = pytest.mark.django_db


def test_top_salesperson_gets_expert_track_and_a_trial_the_coach_minded_analyst_the_manager_track(user):
    fits = build_team_decisions_demo(user)
    dana, ines = fits["dana"], fits["ines"]
    assert dana["recommended"] == "expert"
    assert dana["manager"]["role"] == "Sales manager"
    assert any("managing people" in s["words"] and "drains" in s["words"] for s in dana["signals"])
    assert dana["trial"]["title"] == "6 weeks mentoring a new hire"
    assert ines["recommended"] == "manager"
    assert ines["manager"]["role"] == "Research team lead"
    assert ines["manager"]["p_better_than_now"] > 0.9


def test_the_demo_can_be_built_again(user):
    build_team_decisions_demo(user)
    assert build_team_decisions_demo(user)["dana"]["recommended"] == "expert"


def test_cli_demo_prints_both_cases(cli):
    shown = cli("tracks", "demo")
    assert shown.exit_code == 0, shown.output
    assert "dana: the expert track" in shown.output and "trial: 6 weeks mentoring a new hire" in shown.output
    assert "ines: the manager track" in shown.output
