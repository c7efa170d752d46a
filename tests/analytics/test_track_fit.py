"""Track fit: expert vs manager track on the person's own energy evidence, never on output."""

import dataclasses
import datetime as dt
import inspect

import pytest

from ownpath.analytics.energy_model import estimate_activity_effects
from ownpath.analytics.forecast import SimpleEffect, SimplePosterior
from ownpath.analytics.strengths import estimate_skill_effects
from ownpath.analytics.track_fit import (
    MIN_TRIAL_ENTRIES,
    PersonEvidence,
    RoleProfile,
    assess_tracks,
    entries_for_trial,
    thin_evidence_words,
    trial_outcome,
)
from ownpath.demo.personas import PERSONAS, generate_journal

EXPERT = RoleProfile("Senior account executive", "expert", 3,
                     {"selling": 14, "customers": 12, "negotiating": 5, "relationships": 4, "admin": 3, "meetings": 2})
MANAGER = RoleProfile("Sales manager", "manager", 3,
                      {"managing": 12, "coaching": 6, "meetings": 8, "planning": 5, "admin": 5, "selling": 4})
NOW = {"selling": 12, "customers": 10, "relationships": 4, "admin": 4, "meetings": 3, "managing": 2}


def posterior(**effects):
    return SimplePosterior({k: SimpleEffect(*v) for k, v in effects.items()}, activity_sd=0.8)


SALESPERSON = posterior(selling=(1.4, 0.15, 60), customers=(1.1, 0.15, 50), relationships=(0.9, 0.3, 20),
                        admin=(-1.0, 0.2, 20), meetings=(-0.5, 0.25, 15), managing=(-1.4, 0.3, 12))
COACH = posterior(selling=(-0.3, 0.2, 40), customers=(0.0, 0.2, 40), relationships=(0.8, 0.3, 20),
                  admin=(-0.8, 0.2, 20), meetings=(0.7, 0.2, 20), managing=(0.9, 0.3, 15),
                  coaching=(1.4, 0.3, 12), planning=(0.6, 0.3, 10))


def test_salesperson_drained_by_managing_gets_the_expert_track():
    fit = assess_tracks(PersonEvidence(NOW, SALESPERSON), EXPERT, MANAGER)
    assert fit.recommended == "expert"
    assert fit.manager.p_better_than_now < 0.05
    assert fit.expert.p_better_than_now > fit.manager.p_better_than_now
    assert fit.p_manager_better_than_expert < 0.2
    assert fit.verdict.startswith("The journal points to the expert track") and fit.verdict in fit.explanation


def test_coach_minded_person_gets_the_manager_track():
    fit = assess_tracks(PersonEvidence(NOW, COACH), EXPERT, MANAGER)
    assert fit.recommended == "manager"
    assert fit.manager.p_better_than_now > 0.9
    assert fit.trial is None and fit.thin_evidence == ()


def test_each_track_has_an_interval_around_its_change():
    fit = assess_tracks(PersonEvidence(NOW, SALESPERSON), EXPERT, MANAGER)
    for track in (fit.expert, fit.manager):
        assert track.energy_change.low < track.energy_change.estimate < track.energy_change.high
        assert "90% interval" in track.sentence


def test_thin_coaching_evidence_is_named_and_a_reversible_trial_proposed():
    thin = posterior(**{**{k: (e.estimate, e.sd, e.episodes) for k, e in SALESPERSON.effects.items()},
                        "coaching": (0.5, 0.6, 2)})
    fit = assess_tracks(PersonEvidence(NOW, thin), EXPERT, MANAGER)
    assert "coaching & teaching logged twice" in fit.thin_evidence
    assert "planning & strategy never logged" in fit.thin_evidence
    assert thin_evidence_words("Coaching & teaching", 1) == "Coaching & teaching logged once"
    assert fit.trial is not None
    assert fit.trial.activity == "planning"  # never logged beats twice
    assert fit.trial.weeks == 6 and "reversible" in fit.trial.how_judged


def test_trial_is_coaching_a_new_hire_when_coaching_is_the_thinnest():
    coach_thin = posterior(**{**{k: (e.estimate, e.sd, e.episodes) for k, e in SALESPERSON.effects.items()},
                              "planning": (0.2, 0.3, 12)})
    fit = assess_tracks(PersonEvidence(NOW, coach_thin), EXPERT, MANAGER)
    assert fit.trial.title == "6 weeks mentoring a new hire"
    assert fit.trial.entries_to_log >= MIN_TRIAL_ENTRIES
    assert "coaching & teaching" in fit.trial.what_to_log


def test_trial_length_of_logging_follows_the_journal_noise():
    noisy = type("P", (), {"noise_sd": 1.2, "day_sd": 0.4})()
    quiet = type("P", (), {"noise_sd": 0.5, "day_sd": 0.0})()
    assert entries_for_trial(noisy) > entries_for_trial(quiet) >= MIN_TRIAL_ENTRIES


def test_inputs_cannot_carry_output_or_sales_volume():
    fields = {f.name for f in dataclasses.fields(PersonEvidence)}
    assert fields == {"current_week", "energy", "skill"}
    with pytest.raises(TypeError):
        PersonEvidence(NOW, SALESPERSON, sales_volume=1_000_000)  # type: ignore[call-arg]
    evidence = PersonEvidence(NOW, SALESPERSON)
    with pytest.raises((AttributeError, TypeError)):
        evidence.sales_volume = 1_000_000  # type: ignore[attr-defined]
    assert set(inspect.signature(assess_tracks).parameters) == {"evidence", "expert_role", "manager_role", "labels"}


@pytest.mark.parametrize("key", ["sales_volume", "revenue", "quota_attainment", "deals_closed", "output"])
def test_an_output_measure_smuggled_in_as_an_activity_is_rejected(key):
    with pytest.raises(ValueError, match="output measure"):
        PersonEvidence({**NOW, key: 5}, SALESPERSON)
    with pytest.raises(ValueError, match="output measure"):
        RoleProfile("Sales manager", "manager", 3, {**MANAGER.weekly_hours, key: 1})


def test_selling_is_an_activity_not_an_output_measure():
    PersonEvidence({"selling": 10, "sales_calls": 3}, SALESPERSON)


def test_role_profile_rejects_unknown_track_and_bad_hours():
    with pytest.raises(ValueError, match="track must be one of"):
        RoleProfile("Boss", "boss", 1, {"managing": 10})
    with pytest.raises(ValueError, match="between 0 and 168"):
        RoleProfile("Boss", "manager", 1, {"managing": -1})


def test_trial_outcome_needs_the_agreed_entries_before_it_speaks():
    assert "not enough to tell" in trial_outcome(3, 0.95, 0.8, "Coaching & teaching", 9)
    assert "manager track has support" in trial_outcome(10, 0.95, 0.8, "Coaching & teaching", 9)
    assert "expert track fits better" in trial_outcome(10, 0.05, -0.8, "Coaching & teaching", 9)


def _fitted_evidence(persona_key, seed):
    journal = generate_journal(persona_key, weeks=12, end=dt.date(2026, 11, 27), seed=seed)
    acts = [e["activity"] for e in journal]
    days = [e["date"] for e in journal]
    energy = estimate_activity_effects(acts, days, [e["energy"] for e in journal],
                                       hours=[e["hours"] for e in journal])
    rated = [e for e in journal if e["skill"] is not None]
    skill = estimate_skill_effects([e["activity"] for e in rated], [e["date"] for e in rated],
                                   [e["skill"] for e in rated])
    return PersonEvidence(PERSONAS[persona_key].weekly_hours, energy, skill)


def test_generated_journals_reproduce_the_motivating_case():
    sales = assess_tracks(_fitted_evidence("top_salesperson", 3), EXPERT, MANAGER)
    assert sales.recommended == "expert"
    assert sales.trial is not None and sales.trial.activity == "coaching"  # never logged
    analyst_expert = RoleProfile("Senior research analyst", "expert", 3,
                                 {"research": 14, "analysis": 12, "writing": 8, "presenting": 3, "meetings": 3})
    analyst_manager = RoleProfile("Research team lead", "manager", 3,
                                  {"managing": 10, "coaching": 8, "meetings": 8, "planning": 5, "research": 4,
                                   "admin": 3})
    coach = assess_tracks(_fitted_evidence("coaching_analyst", 3), analyst_expert, analyst_manager)
    assert coach.recommended == "manager"
    assert coach.manager.skill_change is not None
