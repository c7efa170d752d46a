"""Expert track or manager track, judged on the person's own evidence — never on output.

Promotions into management are usually decided on individual output; the best sellers are
promoted and then lower their team's sales (Benson, Li & Shue, "Promotions and the Peter
Principle", QJE 2019). This module compares the two tracks a person could take next, each a
role profile (weekly hours per activity, admin-defined), against their current week, using
only what their journal says about their energy and skill on each activity:

* P(better than now) for each track from the energy posterior (``forecast.energy_difference``:
  one linear combination of the activity effects, so shared activities cancel);
* P(the manager track feels better than the expert track), the same way, which decides the
  recommendation (fairly sure either way, otherwise "too close to call");
* the evidence on the activities that make a manager (managing, coaching, relationships,
  planning), each with its interval and number of entries, and which of it is thin;
* a reversible trial (e.g. six weeks mentoring a new hire) on the thinnest manager activity,
  with what to log so that the trial settles the question.

Output or sales volume is not evidence of managerial fit. The inputs are structurally unable
to carry it: :class:`PersonEvidence` has slots and exactly three fields (the current week in
hours per activity, the energy posterior, the skill posterior), a role profile is hours per
activity, and activity keys that name an output measure are rejected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ownpath.analytics.forecast import (
    EnergyPosterior,
    Interval,
    activity_label,
    belief,
    chance_words,
    combination,
    energy_difference,
    mix_shares,
)
from ownpath.analytics.plain_words import entries_word, signed
from ownpath.analytics.verdicts import verdict_for

TRACKS = ("expert", "manager")
# The activities that show whether someone would enjoy and be good at leading people.
MANAGER_SIGNAL_ACTIVITIES = ("managing", "coaching", "relationships", "planning")
# Fewer entries than this on an activity is thin evidence, named as such.
THIN_EVIDENCE_ENTRIES = 5
# A role activity below this share of the week is not worth a trial of its own.
TRIAL_MIN_SHARE = 0.05
# A recommendation needs the verdict ladder's "fairly sure" (or more) either way.
RECOMMEND_AT = "fairly sure"
TRIAL_WEEKS = 6
# After the trial the effect should be known to about this SD (energy points).
TRIAL_TARGET_SD = 0.3
DEFAULT_NOISE_SD = 0.9
MIN_TRIAL_ENTRIES = 6
# Keys that name output, not work: never accepted as an activity (see module doc).
_OUTPUT_WORDS = re.compile(r"revenue|quota|output|volume|bookings|commission|deals?_(closed|won)|"
                           r"sales_(amount|total|figures?)", re.IGNORECASE)

# What a reversible trial of each manager activity looks like, in the person's week.
TRIAL_TEMPLATES = {
    "coaching": ("mentoring a new hire", 2.0),
    "managing": ("leading the onboarding of one new hire", 3.0),
    "planning": ("owning the team's planning for the next quarter", 2.0),
    "relationships": ("being the team's contact for a partner team", 2.0),
}


def _check_hours(what: str, hours: Mapping[str, float]) -> None:
    for slug, h in hours.items():
        if _OUTPUT_WORDS.search(str(slug)):
            raise ValueError(f"{what}: '{slug}' is an output measure, not an activity; "
                             "output is never evidence of fit for a track")
        if h is None or not math.isfinite(h) or h < 0 or h > 168:
            raise ValueError(f"{what}: hours for '{slug}' must be between 0 and 168, got {h}")
    if sum(hours.values()) <= 0:
        raise ValueError(f"{what}: the week needs some hours")


@dataclass(frozen=True, slots=True)
class RoleProfile:
    """A role on a track: name, track ("expert" or "manager"), level and weekly hours per activity."""

    name: str
    track: str
    level: int
    weekly_hours: Mapping[str, float]

    def __post_init__(self) -> None:
        if self.track not in TRACKS:
            raise ValueError(f"track must be one of {', '.join(TRACKS)}, not {self.track!r}")
        _check_hours(f"role profile '{self.name}'", self.weekly_hours)


@dataclass(frozen=True, slots=True)
class PersonEvidence:
    """Everything track fit may use: the current week and the journal's energy and skill posteriors.

    Deliberately nothing else — no output, sales volume, ratings by others or pay.
    """

    current_week: Mapping[str, float]
    energy: EnergyPosterior
    skill: EnergyPosterior | None = None

    def __post_init__(self) -> None:
        _check_hours("current week", self.current_week)


@dataclass(frozen=True)
class SignalEvidence:
    """What the journal says about one manager activity: energy, skill, entries, in words."""

    activity: str
    label: str
    energy: Interval
    p_energizes: float
    skill: Interval | None
    entries: int
    thin: bool
    words: str


@dataclass(frozen=True)
class TrackForecast:
    """One track's role against the current week: energy change, P(better than now), skill change."""

    track: str
    role: str
    level: int
    energy_change: Interval
    p_better_than_now: float
    skill_change: Interval | None
    sentence: str


@dataclass(frozen=True)
class Trial:
    """A reversible trial: what, how many weeks, hours a week, what to log, how it is judged."""

    activity: str
    title: str
    weeks: int
    hours_per_week: float
    entries_to_log: int
    what_to_log: str
    how_judged: str


@dataclass(frozen=True)
class TrackFit:
    """Both tracks against now, which fits better (or None: too close), thin evidence, a trial."""

    expert: TrackForecast
    manager: TrackForecast
    p_manager_better_than_expert: float
    recommended: str | None
    signals: tuple[SignalEvidence, ...]
    thin_evidence: tuple[str, ...]
    trial: Trial | None
    explanation: str
    verdict: str = ""  # the recommendation sentence alone (the explanation holds everything)


def _times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


def thin_evidence_words(label: str, entries: int) -> str:
    """E.g. 'Coaching & teaching logged twice' or 'Planning & strategy never logged'."""
    return f"{label} never logged" if entries == 0 else f"{label} logged {_times(entries)}"


def _skill_change(role: Mapping[str, float], now: Mapping[str, float],
                  skill: EnergyPosterior | None) -> Interval | None:
    if skill is None:
        return None
    a, b = mix_shares(role), mix_shares(now)
    return combination({s: a.get(s, 0.0) - b.get(s, 0.0) for s in set(a) | set(b)}, skill)


def _track_forecast(role: RoleProfile, evidence: PersonEvidence) -> TrackForecast:
    diff, p_better = energy_difference(role.weekly_hours, evidence.current_week, evidence.energy)
    skill = _skill_change(role.weekly_hours, evidence.current_week, evidence.skill)
    sentence = (f"{role.name} ({role.track} track): {chance_words(p_better)} chance it feels better than "
                f"now (energy {signed(diff.estimate, 2)}, 90% interval {signed(diff.low, 2)} to {signed(diff.high, 2)}).")
    return TrackForecast(role.track, role.name, role.level, diff, p_better, skill, sentence)


def _signal(slug: str, evidence: PersonEvidence, labels: Mapping[str, str] | None) -> SignalEvidence:
    label = activity_label(slug, labels)
    bel = belief(slug, evidence.energy)
    energy = Interval.normal(bel.estimate, bel.sd)
    skill = None
    if evidence.skill is not None and bel.episodes:
        sk = belief(slug, evidence.skill)
        skill = Interval.normal(sk.estimate, sk.sd) if sk.episodes else None
    thin = bel.episodes < THIN_EVIDENCE_ENTRIES
    words = (thin_evidence_words(label, bel.episodes) if thin
             else f"{label}: {bel.feeling} ({entries_word(bel.episodes)})")
    return SignalEvidence(slug, label, energy, bel.p_positive, skill, bel.episodes, thin, words)


def entries_for_trial(energy: EnergyPosterior) -> int:
    """Entries of the trial activity that pin its effect to about TRIAL_TARGET_SD energy points."""
    noise = float(getattr(energy, "noise_sd", 0.0) or DEFAULT_NOISE_SD)
    day = float(getattr(energy, "day_sd", 0.0) or 0.0)
    return max(MIN_TRIAL_ENTRIES, math.ceil((noise**2 + day**2) / TRIAL_TARGET_SD**2))


def propose_trial(manager_role: RoleProfile, signals: tuple[SignalEvidence, ...], energy: EnergyPosterior,
                  labels: Mapping[str, str] | None = None) -> Trial | None:
    """A reversible trial of the manager activity with the thinnest evidence (None when none is thin).

    Among the thin manager activities the role spends at least TRIAL_MIN_SHARE of its week on,
    the one with the fewest entries (then the most hours in the role) is tried.
    """
    shares = mix_shares(manager_role.weekly_hours)
    thin = [s for s in signals if s.thin and shares.get(s.activity, 0.0) >= TRIAL_MIN_SHARE]
    if not thin:
        return None
    pick = min(thin, key=lambda s: (s.entries, -shares[s.activity], s.activity))
    what, hours = TRIAL_TEMPLATES.get(pick.activity, (f"{pick.label.lower()} for the team", 2.0))
    entries = entries_for_trial(energy)
    return Trial(
        activity=pick.activity,
        title=f"{TRIAL_WEEKS} weeks {what}",
        weeks=TRIAL_WEEKS,
        hours_per_week=hours,
        entries_to_log=entries,
        what_to_log=(f"Log each session as {pick.label} with how it felt (energy) and how well it went — "
                     f"at least {entries} entries over the {TRIAL_WEEKS} weeks."),
        how_judged=(f"At the end, your journal's energy on {pick.label} decides: it is reversible — "
                    "you go back to your current work unless you both choose otherwise."),
    )


def assess_tracks(evidence: PersonEvidence, expert_role: RoleProfile, manager_role: RoleProfile,
                  labels: Mapping[str, str] | None = None) -> TrackFit:
    """Compare the expert and the manager track with the person's current week on their own evidence.

    Returns both forecasts, P(manager track better than expert track), the recommendation
    (None when not fairly sure either way), the manager-activity evidence and a trial if thin.
    """
    if expert_role.track != "expert" or manager_role.track != "manager":
        raise ValueError("expert_role must be on the expert track and manager_role on the manager track")
    expert = _track_forecast(expert_role, evidence)
    manager = _track_forecast(manager_role, evidence)
    _, p_manager = energy_difference(manager_role.weekly_hours, expert_role.weekly_hours, evidence.energy)
    claim = verdict_for(p_manager)
    recommended = (("manager" if claim.direction > 0 else "expert") if claim.at_least(RECOMMEND_AT)
                   else None)
    signals = tuple(_signal(s, evidence, labels) for s in MANAGER_SIGNAL_ACTIVITIES)
    role_slugs = {s for s, h in manager_role.weekly_hours.items() if h > 0}
    thin = tuple(s.words for s in signals if s.thin and s.activity in role_slugs)
    trial = propose_trial(manager_role, signals, evidence.energy, labels)

    parts = [expert.sentence, manager.sentence]
    if recommended == "expert":
        parts.append(f"The journal points to the expert track ({claim.certainty}): the manager track has only a "
                     f"{chance_words(p_manager)} chance of feeling better than {expert_role.name}.")
    elif recommended == "manager":
        parts.append(f"The journal points to the manager track ({claim.certainty}): {chance_words(p_manager)} chance it "
                     f"feels better than {expert_role.name}.")
    else:
        parts.append(f"Too close to call between the tracks ({chance_words(p_manager)} chance the "
                     "manager track feels better).")
    logged = [s.words for s in signals if not s.thin]
    if logged:
        parts.append("Evidence on managing work: " + "; ".join(logged) + ".")
    if thin:
        parts.append("Thin evidence: " + "; ".join(thin) + ".")
    if trial:
        parts.append(f"A reversible trial would tell: {trial.title}, about {trial.hours_per_week:.0f} h/week.")
    verdict = parts[2]
    parts.append("Output and sales figures are not used: they do not show whether leading people suits you.")
    return TrackFit(expert, manager, p_manager, recommended, signals, thin, trial, " ".join(parts), verdict)


def trial_outcome(entries: int, p_energizes: float, estimate: float, label: str, needed: int) -> str:
    """Plain words on a finished trial from the journal's energy on the trial activity."""
    if entries < needed:
        return (f"{thin_evidence_words(label, entries)} during the trial; {needed} entries were agreed — "
                "not enough to tell yet.")
    claim = verdict_for(p_energizes)
    if claim.at_least(RECOMMEND_AT):
        support = "the manager track has support" if claim.direction > 0 else "the expert track fits better"
        return f"{label} {claim.short} ({signed(estimate, 2)}, {entries_word(entries)}): {support}."
    if claim.clear:
        return f"{label} {claim.short} after {entries_word(entries)}: not sure enough yet to choose a track."
    return f"{label}: effect on your energy not clear yet after {entries_word(entries)}."
