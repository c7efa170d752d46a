"""How would a job feel? Forecasts of options (current role, offers, promotions, targets).

An option is a weekly mix of activities (hours per activity). Its predicted energy is the
hours-weighted mix of the person's activity effects from the energy model,
``mean + sum_a w_a * beta_a`` with ``w_a`` the option's share of hours on activity ``a``.
Activities never logged fall back to the prior ``N(0, tau^2)`` (never narrower than
``MIN_PRIOR_SD``), so a forecast resting on them is honestly wide.

Two options draw on the same activity effects, so their difference is the single linear
combination ``sum_a (w_a - v_a) * beta_a``: its variance is computed from that combination,
not by adding the two options' variances (which would double-count what they share and
ignore that shared activities cancel). The activity effects are treated as independent a
posteriori unless the posterior offers a covariance (``covariance(slug_a, slug_b)``).

Values fit scores an option's 1–5 ratings against the person's value weights. Pay is a
baseline, not a goal: below it an option fails whatever else it offers; above it more pay
counts through the log of pay/baseline (diminishing), and the compensation weight is capped
so pay is never the whole score.

Nothing here imports Django: the posterior is anything with ``effects[slug].estimate/.sd``,
``activity_sd`` and ``mean`` (see ``EnergyPosterior``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Protocol, Sequence


from ownpath.analytics.plain_words import entries_word, signed
from ownpath.analytics.job_values import value_label
from ownpath.analytics.verdicts import verdict_for
from ownpath.taxonomy import BUILTIN_ACTIVITIES

Z90 = 1.6448536269514722  # the standard normal's 95th percentile (scipy.special.ndtri(0.95))


def _ndtr(x: float) -> float:
    """The standard normal CDF, accurate in the tails (erfc), without SciPy.

    options.models imports this module, so it runs on every command: SciPy here cost ~0.9 s.
    """
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


SCALE_LOW, SCALE_HIGH = -2.0, 2.0  # the journal's energy scale
MIN_PRIOR_SD = 0.5  # energy points: a never-logged activity is never assumed to be well known
MIN_EPISODES = 3  # below this an activity counts as "not logged yet" for mostly_unlogged
MOSTLY_UNLOGGED_SHARE = 0.5
# Differences smaller than this (energy points on the -2..+2 scale) are "about the same":
# likely or not, a tenth of a point is not a reason to take or refuse a job.
MATERIAL_DIFFERENCE = 0.15
COMPENSATION_WEIGHT_CAP = 0.25
PAY_HALF_SCORE_RATIO = 1.5  # pay at 1.5x the baseline scores 0.5 on compensation
LONG_HOURS_TOLERANCE = 1.1  # more than 10% over the person's target
LONG_HOURS_WITHOUT_TARGET = 50.0
WORK_LIFE_ZERO_AT_EXTRA_HOURS = 15.0
EXPECTED_BY_OTHERS = ("compensation", "advancement", "recognition", "leading_people")
SET_BY_CHOICES = ("me", "manager", "family", "expected")

_LABELS = {a.slug: a.label for a in BUILTIN_ACTIVITIES}


class ActivityEffect(Protocol):
    """One activity's posterior: effect on energy relative to the person's mean, and its SD."""

    estimate: float
    sd: float


class EnergyPosterior(Protocol):
    """What the forecast needs from the energy model (``EffectsFit`` satisfies it)."""

    effects: Mapping[str, Any]
    activity_sd: float
    mean: float


@dataclass(frozen=True)
class SimpleEffect:
    """A plain activity effect, for tests and callers without the energy model at hand."""

    estimate: float
    sd: float
    episodes: int = 10
    p_positive: float | None = None


@dataclass(frozen=True)
class SimplePosterior:
    """A plain posterior: ``effects`` by slug, prior SD ``activity_sd`` and the person's ``mean``."""

    effects: Mapping[str, SimpleEffect]
    activity_sd: float
    mean: float = 0.0
    prior_means: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class OptionSpec:
    """A job to judge: weekly hours per activity, pay, total hours, 1–5 value ratings, origin."""

    name: str
    mix: Mapping[str, float]
    pay: float | None = None
    hours: float | None = None
    ratings: Mapping[str, int] = field(default_factory=dict)
    is_current: bool = False
    set_by: str = "me"
    is_target: bool = False

    def total_hours(self) -> float:
        """Hours per week: the stated hours, else the sum of the mix."""
        return float(self.hours) if self.hours is not None else float(sum(self.mix.values()))


@dataclass(frozen=True)
class Belief:
    """What the journal says about one activity: effect, SD, evidence, and in plain words."""

    slug: str
    estimate: float
    sd: float
    episodes: int
    logged: bool
    p_positive: float
    feeling: str


@dataclass(frozen=True)
class Interval:
    """An estimate with its SD and 90% interval."""

    estimate: float
    sd: float
    low: float
    high: float

    @classmethod
    def normal(cls, estimate: float, sd: float) -> "Interval":
        """90% interval of a normal with this mean and SD."""
        return cls(estimate, sd, estimate - Z90 * sd, estimate + Z90 * sd)

    def on_scale(self, low: float, high: float) -> "Interval":
        """The same interval kept, with its estimate, to what the scale allows (a week's energy: -2..+2).

        The quantity cannot leave the scale, so the clipped interval covers it at least as often.
        """
        def inside(x: float) -> float:
            return min(max(x, low), high)
        return Interval(inside(self.estimate), self.sd, inside(self.low), inside(self.high))


@dataclass(frozen=True)
class Driver:
    """One activity's part in the difference between an option and the current role."""

    slug: str
    label: str
    hours_change: float
    share_change: float
    contribution: float
    feeling: str

    def phrase(self) -> str:
        """E.g. ``managing people: +18 h/week, drains you``."""
        return f"{self.label}: {signed(self.hours_change, 0)} h/week, {self.feeling}"


@dataclass(frozen=True)
class ValuesScore:
    """How well an option fits what the person values (0–1), and what the score rests on."""

    score: float
    coverage: float  # weight share of the values that the option was actually scored on
    pay_meets_baseline: bool | None
    unscored: tuple[str, ...]
    parts: Mapping[str, float]  # value slug -> 0..1 score used
    weights: Mapping[str, float] = field(default_factory=dict)  # normalised, compensation capped
    low: float | None = None  # 90% interval over the uncertainty in the weights, when known
    high: float | None = None


@dataclass(frozen=True)
class TargetGap:
    """For a target role: which of its activities the person already does, how they feel, what is missing."""

    already_doing: tuple[Belief, ...]
    missing: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class OptionForecast:
    """Everything the compare shows for one option."""

    name: str
    is_current: bool
    is_target: bool
    set_by: str
    energy: Interval
    difference: Interval | None
    p_better_than_current: float | None
    values: ValuesScore | None
    pay_meets_baseline: bool | None
    hours: float
    target_hours: float | None
    flags: tuple[str, ...]
    drivers: tuple[Driver, ...]
    unlogged: tuple[str, ...]
    unlogged_share: float
    target_gap: TargetGap | None
    explanation: str

    def as_json(self) -> dict[str, Any]:
        """The compare JSON contract for one option, plus a few extra fields."""
        return {
            "name": self.name,
            "energy": _interval_json(self.energy),
            "p_better_than_current": _round(self.p_better_than_current, 3),
            "values_fit": _round(self.values.score if self.values else None, 3),
            "values_fit_interval": (
                [_round(self.values.low, 3), _round(self.values.high, 3)]
                if self.values and self.values.low is not None else None),
            "values_coverage": _round(self.values.coverage if self.values else None, 3),
            "pay_meets_baseline": self.pay_meets_baseline,
            "flags": list(self.flags),
            "explanation": self.explanation,
            "difference": _interval_json(self.difference) if self.difference else None,
            "hours": round(self.hours, 1),
            "hours_over_target": (None if self.target_hours is None
                                  else round(self.hours - self.target_hours, 1)),
            "set_by": self.set_by,
            "is_target": self.is_target,
            "drivers": [
                {"activity": d.slug, "hours_change": round(d.hours_change, 1),
                 "contribution": round(d.contribution, 3), "feeling": d.feeling}
                for d in self.drivers
            ],
            "unlogged": list(self.unlogged),
            "target_gap": (
                {"already_doing": [b.slug for b in self.target_gap.already_doing],
                 "missing": list(self.target_gap.missing)} if self.target_gap else None
            ),
        }


@dataclass(frozen=True)
class Comparison:
    """The current role (if any) and every other option, forecast against it."""

    current: OptionForecast | None
    options: tuple[OptionForecast, ...]

    def as_json(self) -> dict[str, Any]:
        """``{"current", "options": [...]}`` as promised by ``ownpath compare --json``."""
        return {
            "current": self.current.as_json() if self.current else None,
            "options": [o.as_json() for o in self.options],
        }


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(float(x), digits)


def _interval_json(i: Interval) -> dict[str, float]:
    return {"estimate": round(i.estimate, 2), "low": round(i.low, 2), "high": round(i.high, 2)}


def activity_label(slug: str, labels: Mapping[str, str] | None = None) -> str:
    """Plain label of an activity, lower-cased for use inside a sentence."""
    label = (labels or {}).get(slug) or _LABELS.get(slug) or slug.replace("_", " ")
    return label[:1].lower() + label[1:]


# --- the pieces ------------------------------------------------------------------------------

def feeling_words(p_positive: float, logged: bool) -> str:
    """Plain words for how an activity feels: the verdict ladder on P(it lifts energy)."""
    if not logged:
        return "not logged yet"
    return verdict_for(p_positive).short


def belief(slug: str, posterior: EnergyPosterior) -> Belief:
    """The journal's evidence on one activity, or the wide prior if it was never logged."""
    effect = posterior.effects.get(slug)
    episodes = int(getattr(effect, "episodes", MIN_EPISODES) or 0) if effect is not None else 0
    spread = getattr(posterior, "demonstrated_spread", None)
    # An activity never (or hardly) tried could be as far from average as the person's own
    # activities are from each other, whatever the prior says of people in general.
    unknown_sd = max(float(posterior.activity_sd), MIN_PRIOR_SD, float(spread()) if callable(spread) else 0.0)
    if episodes == 0:
        # Never logged: the prior, centred on a population mean when the model has one.
        prior_mean = float((getattr(posterior, "prior_means", None) or {}).get(slug, 0.0))
        p_positive = float(_ndtr(prior_mean / unknown_sd))
        return Belief(slug, prior_mean, unknown_sd, 0, False, p_positive, feeling_words(p_positive, False))
    estimate, sd = float(effect.estimate), float(effect.sd)
    if episodes < MIN_EPISODES:
        # A stray entry or two: no surer than they say next to that spread.
        noise_sd = float(getattr(posterior, "noise_sd", 0.0) or 0.0)
        thin_sd = 1.0 / math.sqrt(1.0 / unknown_sd**2 + episodes / noise_sd**2) if noise_sd > 0 else 0.0
        if thin_sd > sd:
            sd, effect = thin_sd, None
    p_positive = getattr(effect, "p_positive", None) if effect is not None else None
    if p_positive is None:
        p_positive = float(_ndtr(estimate / sd)) if sd > 0 else float(estimate > 0)
    logged = episodes >= MIN_EPISODES
    return Belief(slug, estimate, sd, episodes, logged, float(p_positive),
                  feeling_words(float(p_positive), True))


def mix_shares(mix: Mapping[str, float]) -> dict[str, float]:
    """Share of the week per activity. Raises ValueError for negative hours or an empty mix."""
    for slug, hours in mix.items():
        if hours is None or not math.isfinite(hours) or hours < 0:
            raise ValueError(f"hours for '{slug}' must be zero or more, got {hours}")
    total = float(sum(mix.values()))
    if total <= 0:
        raise ValueError("an option's activity mix needs some hours")
    return {slug: hours / total for slug, hours in mix.items() if hours > 0}


def _covariance(posterior: EnergyPosterior, a: str, b: str, beliefs: Mapping[str, Belief]) -> float:
    cov = getattr(posterior, "covariance", None)
    if callable(cov) and a in posterior.effects and b in posterior.effects:
        return float(cov(a, b))
    return beliefs[a].sd ** 2 if a == b else 0.0


def combination(weights: Mapping[str, float], posterior: EnergyPosterior) -> Interval:
    """Posterior of ``sum_a weights[a] * beta_a`` (mean, SD, 90% interval)."""
    slugs = [s for s, w in weights.items() if w != 0]
    beliefs = {s: belief(s, posterior) for s in slugs}
    mean = sum(weights[s] * beliefs[s].estimate for s in slugs)
    var = sum(weights[a] * weights[b] * _covariance(posterior, a, b, beliefs)
              for a in slugs for b in slugs)
    return Interval.normal(mean, math.sqrt(max(var, 0.0)))


def forecast_energy(mix: Mapping[str, float], posterior: EnergyPosterior) -> Interval:
    """Predicted average energy (journal scale, -2..+2) of a week with this activity mix.

    The interval also holds the forecast the journal alone would make (see
    :func:`_journal_alone_forecast`) when the person's activities differ more than the prior expects.
    """
    shares = mix_shares(mix)
    part = combination(shares, posterior)
    mean_sd = float(getattr(posterior, "mean_sd", 0.0) or 0.0)
    sd = math.sqrt(part.sd**2 + mean_sd**2)
    forecast = Interval.normal(float(posterior.mean) + part.estimate, sd)
    alone = _journal_alone_forecast(shares, posterior)
    if alone is not None and (alone.low < forecast.low or alone.high > forecast.high):
        low, high = min(forecast.low, alone.low), max(forecast.high, alone.high)
        forecast = Interval(forecast.estimate, max(sd, (high - low) / (2.0 * Z90)), low, high)
    return forecast.on_scale(SCALE_LOW, SCALE_HIGH)


def _journal_alone_forecast(shares: Mapping[str, float], posterior: EnergyPosterior) -> Interval | None:
    """The same forecast with each activity shrunk only as far as the person's own spread says.

    The population prior shrinks a short journal's activities toward the person's average, which
    predicts best on real journals; for a person whose activities differ far more than people's
    usually do (``demonstrated_spread`` above the model's tau) it also makes the interval too
    sure.  Here each logged activity's effect is the normal posterior with that spread as its
    prior SD (day and noise as fitted), so the forecast's interval can hold both readings while
    its estimate stays the model's.  None when the journal shows no more spread than the prior.
    """
    spread_of = getattr(posterior, "demonstrated_spread", None)
    noise_sd = float(getattr(posterior, "noise_sd", 0.0) or 0.0)
    if not callable(spread_of) or noise_sd <= 0:
        return None
    spread = float(spread_of())
    if spread <= float(posterior.activity_sd):
        return None
    noise_var = noise_sd**2 + float(getattr(posterior, "day_sd", 0.0) or 0.0) ** 2
    logged = {slug: e for slug, e in posterior.effects.items()
              if getattr(e, "observed_mean", None) is not None and e.episodes > 0}
    total = sum(e.episodes for e in logged.values())
    if total == 0:
        return None
    overall = sum(e.episodes * float(e.observed_mean) for e in logged.values()) / total
    alone: dict[str, tuple[float, float]] = {}
    for slug, e in logged.items():
        precision = e.episodes / noise_var + 1.0 / spread**2
        alone[slug] = ((float(e.observed_mean) - overall) * (e.episodes / noise_var) / precision,
                       1.0 / math.sqrt(precision))
    # The person's average with these effects taken out, as energy_model defines it.
    mean = overall - sum(e.episodes * alone[slug][0] for slug, e in logged.items()) / total
    estimate = mean + sum(share * (alone[slug][0] if slug in alone else 0.0) for slug, share in shares.items())
    var = sum(share**2 * (alone[slug][1] ** 2 if slug in alone else spread**2) for slug, share in shares.items())
    return Interval.normal(estimate, math.sqrt(var + noise_var / total))


def energy_difference(mix: Mapping[str, float], reference: Mapping[str, float],
                      posterior: EnergyPosterior) -> tuple[Interval, float]:
    """Energy of ``mix`` minus that of ``reference``, and P(mix feels better).

    The person's mean cancels; shared activities enter once, through their change in share.
    """
    a, b = mix_shares(mix), mix_shares(reference)
    delta = {s: a.get(s, 0.0) - b.get(s, 0.0) for s in set(a) | set(b)}
    # Two weeks on the -2..+2 scale differ by at most 4 points either way.
    diff = combination(delta, posterior).on_scale(SCALE_LOW - SCALE_HIGH, SCALE_HIGH - SCALE_LOW)
    if diff.sd == 0:
        p_better = 0.5 if diff.estimate == 0 else float(diff.estimate > 0)
    else:
        p_better = float(_ndtr(diff.estimate / diff.sd))
    return diff, p_better


def drivers(option: OptionSpec, reference: OptionSpec, posterior: EnergyPosterior,
            labels: Mapping[str, str] | None = None, limit: int = 3) -> tuple[Driver, ...]:
    """The activities that move the forecast most, largest effect first."""
    a, b = mix_shares(option.mix), mix_shares(reference.mix)
    result = []
    for slug in sorted(set(a) | set(b)):
        share_change = a.get(slug, 0.0) - b.get(slug, 0.0)
        bel = belief(slug, posterior)
        hours_change = option.mix.get(slug, 0.0) - reference.mix.get(slug, 0.0)
        contribution = share_change * bel.estimate
        if abs(hours_change) < 0.5 and abs(contribution) < 0.01:
            continue
        result.append(Driver(slug, activity_label(slug, labels), hours_change, share_change,
                             contribution, bel.feeling))
    result.sort(key=lambda d: (-abs(d.contribution), -abs(d.hours_change), d.slug))
    return tuple(result[:limit])


def pay_score(pay: float, baseline: float) -> float:
    """0 at the baseline, 0.5 at 1.5x it, approaching 1 slowly: log of pay/baseline, saturating."""
    ratio = math.log(pay / baseline)
    if ratio <= 0:
        return 0.0
    return ratio / (ratio + math.log(PAY_HALF_SCORE_RATIO))


def score_values(
    ratings: Mapping[str, int],
    weights: Mapping[str, float],
    *,
    pay: float | None = None,
    pay_baseline: float | None = None,
    hours: float | None = None,
    target_hours: float | None = None,
) -> ValuesScore:
    """Weighted fit (0–1) of an option's 1–5 ratings to the person's value weights.

    Compensation comes from pay against the baseline when both are known; work-life balance
    from hours against the target when not rated. Unscored values count as neutral (0.5).
    Below the pay baseline the option fails: score 0.
    """
    for slug, rating in ratings.items():
        if isinstance(rating, bool) or int(rating) != rating or not 1 <= rating <= 5:
            raise ValueError(f"rating for '{slug}' must be a whole number from 1 to 5, got {rating}")
    parts: dict[str, float] = {slug: (int(r) - 1) / 4.0 for slug, r in ratings.items()}
    meets: bool | None = None
    if pay is not None and pay_baseline is not None and pay_baseline > 0:
        meets = pay >= pay_baseline
        parts["compensation"] = pay_score(pay, pay_baseline) if pay > 0 else 0.0
    if "work_life_balance" not in parts and hours is not None and target_hours:
        extra = max(hours - target_hours, 0.0)
        parts["work_life_balance"] = max(0.0, 1.0 - extra / WORK_LIFE_ZERO_AT_EXTRA_HOURS)

    total = sum(max(w, 0.0) for w in weights.values())
    if total <= 0:
        norm_w = {s: 1.0 / len(weights) for s in weights} if weights else {}
    else:
        norm_w = {s: max(w, 0.0) / total for s, w in weights.items()}
    comp = norm_w.get("compensation", 0.0)
    if comp > COMPENSATION_WEIGHT_CAP:
        rest = 1.0 - comp
        scale = (1.0 - COMPENSATION_WEIGHT_CAP) / rest if rest > 0 else 0.0
        norm_w = {s: (COMPENSATION_WEIGHT_CAP if s == "compensation" else w * scale)
                  for s, w in norm_w.items()}
    score = sum(w * parts.get(s, 0.5) for s, w in norm_w.items())
    coverage = sum(w for s, w in norm_w.items() if s in parts)
    unscored = tuple(sorted((s for s in norm_w if s not in parts), key=lambda s: -norm_w[s]))
    if meets is False:
        score = 0.0
    return ValuesScore(score, coverage, meets, unscored, parts, norm_w)


def values_sentence(values: ValuesScore) -> str:
    """Plain words on the values fit: the score, and the weightiest values it does well or badly on."""
    if values.pay_meets_baseline is False:
        return ""
    ranked = sorted((s for s in values.parts if values.weights.get(s, 0.0) > 0),
                    key=lambda s: -values.weights[s])
    strong = [value_label(s) for s in ranked if values.parts[s] >= 0.75][:2]
    weak = [value_label(s) for s in ranked if values.parts[s] <= 0.25][:2]
    sentence = f"Fits what you value {values.score:.0%}"
    if strong:
        sentence += "; strong on " + " and ".join(strong)
    if weak:
        sentence += "; weak on " + " and ".join(weak)
    if values.coverage < 0.5:
        sentence += (f" (its ratings cover values carrying only {values.coverage:.0%} of your weight: "
                     "rate it on more of them)")
    return sentence + "."


def target_gap(option: OptionSpec, posterior: EnergyPosterior,
               labels: Mapping[str, str] | None = None) -> TargetGap:
    """Which of a target role's activities the person already does (and how they feel), and what is missing."""
    slugs = sorted((s for s, h in option.mix.items() if h > 0), key=lambda s: -option.mix[s])
    beliefs = [belief(s, posterior) for s in slugs]
    doing = tuple(b for b in beliefs if b.episodes > 0)
    missing = tuple(b.slug for b in beliefs if b.episodes == 0)
    parts = []
    if doing:
        parts.append("You already do " + "; ".join(
            f"{activity_label(b.slug, labels)} ({b.feeling}, {entries_word(b.episodes)})" for b in doing) + ".")
    if missing:
        parts.append("Experience missing: " + ", ".join(
            f"{activity_label(s, labels)} ({option.mix[s]:.0f} h/week in this role)" for s in missing)
            + " — try these first.")
    return TargetGap(doing, missing, " ".join(parts) or "This role has no activities to compare.")


# --- the whole comparison --------------------------------------------------------------------

def _appeal_to_others(option: OptionSpec, current: OptionSpec | None,
                      pay_baseline: float | None) -> list[str]:
    """Why an option looks good by what others expect: pay, advancement, title, someone else's goal."""
    reasons = []
    if option.set_by != "me":
        reasons.append({"manager": "your manager wants it", "family": "your family wants it",
                        "expected": "it is what is expected of you"}.get(option.set_by, option.set_by))
    reference_pay = current.pay if current and current.pay else pay_baseline
    if option.pay and reference_pay and option.pay > 1.05 * reference_pay:
        reasons.append(f"pay {option.pay / reference_pay - 1:+.0%}")
    for slug in ("advancement", "recognition", "leading_people"):
        rating = option.ratings.get(slug)
        now = current.ratings.get(slug) if current else None
        if rating is not None and rating >= 4 and (now is None or rating > now):
            reasons.append({"advancement": "advancement", "recognition": "recognition",
                            "leading_people": "a bigger title"}[slug])
    return reasons


def chance_words(p: float) -> str:
    """A probability as a percentage that never claims certainty."""
    if p < 0.01:
        return "<1%"
    if p > 0.99:
        return ">99%"
    return f"{p:.0%}"


def likely_worse(p_better: float, diff: Interval) -> bool:
    """Worse than now on the verdict ladder (at least "probably"), and by enough to matter."""
    claim = verdict_for(p_better)
    return claim.direction < 0 and diff.estimate <= -MATERIAL_DIFFERENCE


def _verdict_sentence(p_better: float, diff: Interval) -> str:
    chance = f"{chance_words(p_better).replace('<', 'less than ').replace('>', 'more than ')} chance it feels better"
    claim = verdict_for(p_better, "Likely to feel better than your current role",
                        "Likely to feel worse than your current role")
    if claim.direction < 0 and diff.estimate <= -MATERIAL_DIFFERENCE:
        return f"{claim.short} ({chance})."
    if claim.direction > 0 and diff.estimate >= MATERIAL_DIFFERENCE:
        return f"{claim.short} ({chance})."
    if abs(diff.estimate) < MATERIAL_DIFFERENCE and diff.high - diff.low < 4 * MATERIAL_DIFFERENCE:
        return (f"About the same as your current role (difference {signed(diff.estimate, 2)} points; "
                f"{chance}).")
    return f"Too close to call against your current role ({chance})."


def level_words(estimate: float) -> str:
    """How a predicted average energy feels, in plain words."""
    if estimate >= 0.5:
        return "energizing"
    if estimate >= 0.15:
        return "mildly energizing"
    if estimate > -0.15:
        return "neutral"
    if estimate > -0.5:
        return "mildly draining"
    return "draining"


def forecast_option(
    option: OptionSpec,
    posterior: EnergyPosterior,
    *,
    current: OptionSpec | None = None,
    weights: Mapping[str, float] | None = None,
    pay_baseline: float | None = None,
    target_hours: float | None = None,
    labels: Mapping[str, str] | None = None,
    weight_draws: Sequence[Mapping[str, float]] = (),
) -> OptionForecast:
    """Forecast one option: energy, against the current role, values fit, pay, hours, flags, words.

    ``weight_draws`` (posterior draws of the value weights) give the values fit its interval.
    """
    energy = forecast_energy(option.mix, posterior)
    hours = option.total_hours()
    shares = mix_shares(option.mix)
    unlogged = sorted((s for s in shares if not belief(s, posterior).logged), key=lambda s: -shares[s])
    unlogged_share = sum(shares[s] for s in unlogged)

    diff = p_better = None
    found: tuple[Driver, ...] = ()
    compared = current is not None and not option.is_current
    if compared:
        diff, p_better = energy_difference(option.mix, current.mix, posterior)
        found = drivers(option, current, posterior, labels)

    values = None
    if weights:
        kwargs = dict(pay=option.pay, pay_baseline=pay_baseline, hours=hours, target_hours=target_hours)
        values = score_values(option.ratings, weights, **kwargs)
        if weight_draws:
            scores = sorted(score_values(option.ratings, w, **kwargs).score for w in weight_draws)
            low, high = scores[int(0.05 * (len(scores) - 1))], scores[int(0.95 * (len(scores) - 1))]
            values = ValuesScore(values.score, values.coverage, values.pay_meets_baseline, values.unscored,
                                 values.parts, values.weights, low, high)
    meets = None
    if option.pay is not None and pay_baseline is not None:
        meets = option.pay >= pay_baseline

    flags: list[str] = []
    sentences: list[str] = []
    if compared:
        sentences.append(_verdict_sentence(p_better, diff))
        if found:
            sentences.append("What drives it: " + "; ".join(d.phrase() for d in found) + ".")
    sentences.append(f"A typical week would be {level_words(energy.estimate)} "
                     f"({signed(energy.estimate, 2)} on the -2..+2 scale, 90% interval "
                     f"{signed(energy.low, 2)} to {signed(energy.high, 2)}).")
    if meets is False:
        flags.append("below_pay_baseline")
        sentences.append(f"Pay {option.pay:,.0f} is below your baseline of {pay_baseline:,.0f}: "
                         "this fails whatever else it offers.")
    limit = target_hours * LONG_HOURS_TOLERANCE if target_hours else LONG_HOURS_WITHOUT_TARGET
    if hours > limit:
        flags.append("long_hours")
        against = f"your target of {target_hours:.0f}" if target_hours else "a 50-hour week"
        sentences.append(f"{hours:.0f} h/week is well over {against}.")
    if unlogged_share >= MOSTLY_UNLOGGED_SHARE:
        flags.append("mostly_unlogged")
        sentences.append(f"{unlogged_share:.0%} of this role's week is on activities you have "
                         "logged too little to forecast; try these first: "
                         + ", ".join(activity_label(s, labels) for s in unlogged[:3]) + ".")
    if compared and likely_worse(p_better, diff):
        reasons = _appeal_to_others(option, current, pay_baseline)
        if reasons:
            flags.insert(0, "somebody_elses_dream")
            sentences.append("Somebody else's dream? It scores on what others expect ("
                             + ", ".join(reasons) + "), but your own journal says it will "
                             "feel worse than now.")
    if values is not None and values_sentence(values):
        sentences.append(values_sentence(values))
    gap = target_gap(option, posterior, labels) if option.is_target else None
    if gap:
        sentences.append(gap.sentence)

    return OptionForecast(
        name=option.name, is_current=option.is_current, is_target=option.is_target,
        set_by=option.set_by, energy=energy, difference=diff, p_better_than_current=p_better,
        values=values, pay_meets_baseline=meets, hours=hours, target_hours=target_hours,
        flags=tuple(flags), drivers=found, unlogged=tuple(unlogged), unlogged_share=unlogged_share,
        target_gap=gap, explanation=" ".join(sentences),
    )


def compare_options(
    options: Sequence[OptionSpec],
    posterior: EnergyPosterior,
    *,
    weights: Mapping[str, float] | None = None,
    pay_baseline: float | None = None,
    target_hours: float | None = None,
    labels: Mapping[str, str] | None = None,
    weight_draws: Sequence[Mapping[str, float]] = (),
) -> Comparison:
    """Forecast every option against the current role (the one with ``is_current``)."""
    currents = [o for o in options if o.is_current]
    if len(currents) > 1:
        raise ValueError("only one option can be the current role: "
                         + ", ".join(o.name for o in currents))
    current = currents[0] if currents else None
    kwargs = dict(weights=weights, pay_baseline=pay_baseline, target_hours=target_hours, labels=labels,
                  weight_draws=weight_draws)
    current_fc = forecast_option(current, posterior, **kwargs) if current else None
    others = tuple(forecast_option(o, posterior, current=current, **kwargs)
                   for o in options if not o.is_current)
    return Comparison(current_fc, others)

