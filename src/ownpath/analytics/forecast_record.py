"""Keeping score of ownpath's own forecasts: what it said before a change, against what was lived.

When a person takes an option (a new role, a promotion, an offer) or an agreement changes their
week, the forecast ownpath showed is stored as it was (``StoredForecast``). Only entries made
after the forecast was stored can score it (``scoring_window_start``): entries the forecast
already saw would flatter it. Once the journal covers ``COVER_WEEKS`` weeks of the new reality
(``readiness`` says what is missing until then), the lived average energy is estimated with its
own 90% interval (``lived_energy``): a bootstrap over days, since entries of one day share its
mood. Where the lived entries cover most of the forecast's activity mix, the lived figure is
re-weighted to that mix ("at the forecast's mix"), so a forecast is judged on the week it
described, not on a week the person happened to live differently.

A forecast *covers* what was lived when the lived average lies within the forecast's 90%
interval widened by the lived figure's own uncertainty: ``|lived - forecast| <= z90 *
sqrt(sd_forecast^2 + sd_lived^2)``, the interval a calibrated forecast of the *measured* average
would give. Over all of a person's scored forecasts, ``calibration`` reports how often that
happened against the 90% promised (with a Jeffreys interval for the rate) and the Brier score of
P(better than before), where "better" is the lived average after the change above the lived
average of the ``COVER_WEEKS`` before it.

Pure functions on plain arrays and dates; nothing here imports Django.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from scipy import special

LEVEL = 0.9
Z90 = float(special.ndtri(0.95))
COVER_WEEKS = 8  # the new reality must be lived this long before a forecast is scored
MIN_LIVED_ENTRIES = 20  # ... with at least this many entries
MIN_WEEKS_WITH_ENTRIES = 6  # ... spread over at least this many of its weeks
MIN_BEFORE_ENTRIES = 10  # entries before the change needed to say whether it felt better
MIX_COVERED = 0.7  # the lived entries must cover this share of the forecast's hours to re-weight
MIN_ACTIVITY_ENTRIES = 2  # an activity counts as lived with at least this many entries
BOOTSTRAP_DRAWS = 1000
MIN_JUDGED = 3  # fewer scored forecasts than this: too few to say how calibrated ownpath is


@dataclass(frozen=True)
class StoredForecast:
    """What ownpath said before the change: predicted average energy, its SD and 90% interval, P(better)."""

    estimate: float
    sd: float
    low: float
    high: float
    p_better: float | None
    started_on: dt.date
    recorded_on: dt.date
    mix: Mapping[str, float]


@dataclass(frozen=True)
class Readiness:
    """Whether the journal covers the new reality yet, and if not, what is missing in words."""

    ready: bool
    window_start: dt.date
    entries: int
    weeks_covered: int
    weeks_with_entries: int
    ready_on: dt.date
    missing: str | None


@dataclass(frozen=True)
class Lived:
    """The average energy lived after the change, with its 90% interval (bootstrap over days)."""

    estimate: float
    sd: float
    low: float
    high: float
    entries: int
    days: int
    basis: str  # "mix": re-weighted to the forecast's activity mix; "all": every entry, by hours
    mix_covered: float  # share of the forecast's hours on activities lived enough to re-weight


@dataclass(frozen=True)
class Score:
    """One forecast against what was lived: covered or not, the error, and P(better) against the outcome."""

    covered: bool
    low: float  # the forecast's interval widened by the lived figure's uncertainty
    high: float
    error: float  # lived minus forecast, energy points
    better: bool | None  # lived after above lived before; None without enough entries before
    brier: float | None
    sentence: str


@dataclass(frozen=True)
class Calibration:
    """How well ownpath's forecasts have held up for one person, over every scored forecast."""

    scored: int
    covered: int
    coverage: float | None
    coverage_low: float | None
    coverage_high: float | None
    brier_count: int
    brier: float | None
    sentence: str


def _date(day: dt.date | int) -> dt.date:
    return day if isinstance(day, dt.date) else dt.date.fromordinal(int(day))


def scoring_window_start(started_on: dt.date, recorded_on: dt.date) -> dt.date:
    """The first day whose entries may score a forecast: the later of the change and the forecast."""
    return max(started_on, recorded_on)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def readiness(days: Sequence[int], window_start: dt.date, today: dt.date,
              window_end: dt.date | None = None) -> Readiness:
    """Does the journal cover ``COVER_WEEKS`` weeks of the new reality? If not, say what is missing.

    ``days`` are the ordinal dates of the person's entries; only those from ``window_start`` (and
    before ``window_end``, the next change, if any) count.
    """
    start = window_start.toordinal()
    end = window_end.toordinal() if window_end else None
    inside = [d for d in days if d >= start and (end is None or d < end)]
    last = min(today.toordinal(), end - 1 if end else today.toordinal())
    weeks_covered = max(0, (last - start + 1) // 7)
    weeks_with_entries = len({(d - start) // 7 for d in inside if d <= last})
    ready_on = window_start + dt.timedelta(weeks=COVER_WEEKS)
    missing = []
    if weeks_covered < COVER_WEEKS:
        more = COVER_WEEKS - weeks_covered
        missing.append(f"{_plural(more, 'more week')} of entries (until {ready_on.isoformat()})")
    elif weeks_with_entries < MIN_WEEKS_WITH_ENTRIES:
        missing.append(f"entries in {_plural(MIN_WEEKS_WITH_ENTRIES - weeks_with_entries, 'more week')}")
    if len(inside) < MIN_LIVED_ENTRIES:
        missing.append(f"at least {MIN_LIVED_ENTRIES} entries in all ({MIN_LIVED_ENTRIES - len(inside)} to go)")
    ready = not missing and (end is None or weeks_covered >= COVER_WEEKS)
    sentence = None
    if not ready:
        if end is not None and weeks_covered < COVER_WEEKS:
            sentence = (f"Not scored: the next change came after {_plural(weeks_covered, 'week')}, "
                        f"before {COVER_WEEKS} weeks of this one were lived.")
        else:
            sentence = "To score it, the journal needs " + ", ".join(missing) + " after the change."
    return Readiness(ready, window_start, len(inside), weeks_covered, weeks_with_entries, ready_on, sentence)


def _day_groups(days: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(days, kind="stable")
    _, starts = np.unique(days[order], return_index=True)
    return np.split(order, starts[1:])


def _weighted_mean(energy: np.ndarray, hours: np.ndarray) -> float:
    return float(np.sum(energy * hours) / np.sum(hours))


def _mix_mean(energy, hours, activities, shares: Mapping[str, float]) -> float | None:
    """Per-activity lived means, weighted by the forecast's shares (renormalised over those present)."""
    total = value = 0.0
    for slug, share in shares.items():
        mask = activities == slug
        if mask.any():
            value += share * _weighted_mean(energy[mask], hours[mask])
            total += share
    return value / total if total > 0 else None


def lived_energy(days: Sequence[int], energy: Sequence[float], hours: Sequence[float],
                 activities: Sequence[str], window_start: dt.date, *, window_end: dt.date | None = None,
                 mix: Mapping[str, float] | None = None, seed: int = 0) -> Lived | None:
    """The average energy lived from ``window_start`` (to ``window_end``), with a 90% interval.

    Re-weighted to ``mix`` when its activities with at least ``MIN_ACTIVITY_ENTRIES`` lived
    entries cover ``MIX_COVERED`` of its hours; otherwise every entry weighted by its hours.
    None when there is no entry in the window.
    """
    days = np.asarray(days, dtype=np.int64)
    keep = days >= window_start.toordinal()
    if window_end is not None:
        keep &= days < window_end.toordinal()
    if not keep.any():
        return None
    days = days[keep]
    energy = np.asarray(energy, dtype=float)[keep]
    hours = np.asarray(hours, dtype=float)[keep]
    hours = np.where(hours > 0, hours, 1.0)
    activities = np.asarray(activities, dtype=object)[keep]

    shares: dict[str, float] = {}
    covered = 0.0
    if mix:
        total = float(sum(h for h in mix.values() if h > 0))
        counts = {slug: int(np.sum(activities == slug)) for slug in mix}
        shares = {slug: h / total for slug, h in mix.items()
                  if h > 0 and counts[slug] >= MIN_ACTIVITY_ENTRIES}
        covered = float(sum(shares.values()))
    basis = "mix" if shares and covered >= MIX_COVERED else "all"

    def statistic(index: np.ndarray) -> float | None:
        if basis == "mix":
            return _mix_mean(energy[index], hours[index], activities[index], shares)
        return _weighted_mean(energy[index], hours[index])

    everything = np.arange(len(days))
    estimate = statistic(everything)
    groups = _day_groups(days)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(BOOTSTRAP_DRAWS):
        picked = rng.integers(len(groups), size=len(groups))
        value = statistic(np.concatenate([groups[i] for i in picked]))
        if value is not None:
            draws.append(value)
    draws_arr = np.array(draws)
    sd = float(draws_arr.std(ddof=1)) if len(draws_arr) > 1 else 0.0
    low, high = (np.quantile(draws_arr, [0.05, 0.95]) if len(draws_arr) else (estimate, estimate))
    # One day gives no spread to resample; never claim a zero-width interval from it.
    if len(groups) < 2:
        sd = float(np.std(energy)) if len(energy) > 1 else 1.0
        low, high = estimate - Z90 * sd, estimate + Z90 * sd
    return Lived(float(estimate), sd, float(min(low, estimate)), float(max(high, estimate)), int(len(days)),
                 len(groups), basis, covered)


def lived_before(days: Sequence[int], energy: Sequence[float], hours: Sequence[float],
                 activities: Sequence[str], started_on: dt.date, seed: int = 0) -> Lived | None:
    """The average energy of the ``COVER_WEEKS`` before the change (None with too few entries)."""
    start = started_on - dt.timedelta(weeks=COVER_WEEKS)
    found = lived_energy(days, energy, hours, activities, start, window_end=started_on, seed=seed)
    return found if found is not None and found.entries >= MIN_BEFORE_ENTRIES else None


def _signed(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


def score_forecast(forecast: StoredForecast, lived: Lived, before: Lived | None = None) -> Score:
    """Judge one forecast against what was lived (and P(better) against the weeks before)."""
    spread = Z90 * math.sqrt(forecast.sd ** 2 + lived.sd ** 2)
    low, high = forecast.estimate - spread, forecast.estimate + spread
    covered = low <= lived.estimate <= high
    better = brier = None
    if before is not None and forecast.p_better is not None:
        better = lived.estimate > before.estimate
        brier = (forecast.p_better - float(better)) ** 2
    basis = "at the forecast's mix of work" if lived.basis == "mix" else "over all your entries"
    said = f"ownpath forecast {_signed(forecast.estimate)} ({_signed(forecast.low)} to {_signed(forecast.high)})"
    lived_words = (f"you lived {_signed(lived.estimate)} ({_signed(lived.low)} to {_signed(lived.high)}, "
                   f"{basis}, {_plural(lived.entries, 'entry').replace('entrys', 'entries')})")
    if covered:
        verdict = "within what it said"
    else:
        verdict = "better than it said" if lived.estimate > high else "worse than it said"
    sentence = f"{said}; {lived_words}: {verdict}."
    if better is not None:
        sentence += (f" It gave a {forecast.p_better:.0%} chance of feeling better than before; "
                     f"it {'did' if better else 'did not'} ({_signed(before.estimate)} before).")
    return Score(covered, low, high, lived.estimate - forecast.estimate, better, brier, sentence)


def calibration(scores: Sequence[Score]) -> Calibration:
    """Coverage of the 90% intervals (with a Jeffreys 90% interval) and the Brier score, over all scores."""
    n = len(scores)
    hits = sum(s.covered for s in scores)
    briers = [s.brier for s in scores if s.brier is not None]
    brier = float(np.mean(briers)) if briers else None
    if n == 0:
        return Calibration(0, 0, None, None, None, 0, None,
                           "No forecast has been lived long enough to score yet.")
    rate = hits / n
    low = float(special.betaincinv(hits + 0.5, n - hits + 0.5, 0.05)) if hits > 0 else 0.0
    high = float(special.betaincinv(hits + 0.5, n - hits + 0.5, 0.95)) if hits < n else 1.0
    sentence = (f"Over {_plural(n, 'forecast')} lived long enough to judge, what you lived fell within "
                f"ownpath's range {hits} time{'' if hits == 1 else 's'} ({rate:.0%}; 90% interval "
                f"{low:.0%}–{high:.0%}); it aims for 9 in 10.")
    if n < MIN_JUDGED:
        sentence += " Too few to say yet how well calibrated it is for you."
    elif high < LEVEL:
        sentence += " Its ranges have been too narrow for you: read its forecasts with more caution."
    elif low > LEVEL:
        sentence += " Its ranges have been wider than needed for you."
    if brier is not None:
        sentence += (f" Its chances of feeling better scored {brier:.2f} (Brier score over "
                     f"{_plural(len(briers), 'forecast')}; 0 is perfect, 0.25 is a coin toss).")
    return Calibration(n, hits, rate, low, high, len(briers), brier, sentence)
