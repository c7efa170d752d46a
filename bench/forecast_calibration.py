"""Do ownpath's stored forecasts cover what people then live? Simulated people who change roles.

Each simulated person has 10 activities with true effects beta ~ N(0, 0.8^2), a personal average
mu ~ N(0, 0.3^2), a mood of the day u ~ N(0, 0.4^2) and noise e ~ N(0, 0.9^2); each rating is
mu + beta + u + e rounded to a whole point and clipped to -2..+2 (as in bench/estimation.py).
They journal their current role (four activities, hours shares from Dirichlet(2), plus an odd
entry of anything else) for `before` weeks, then take an option: a role that keeps two of those
activities and adds two they hardly ever did. At the change, ownpath's forecast is stored as the
product stores it (energy model fitted on the journal so far, ``forecast.forecast_energy`` and
``energy_difference`` for P(better)); the person then lives the new role for 10 weeks.

Printed per journal size before the change:
* "interval covers truth": the stored 90% interval contains the true expected rating of a week
  with the new mix (computed exactly from the model, rounding and clipping included);
* "scored as covered": what the product reports, ``forecast_record.score_forecast`` (the lived
  average, with its own interval, inside the forecast's interval widened by it); target 90%;
* mean interval width, Brier score of P(better than before) (0.25 is a coin toss) and the
  share of forecasts that were scorable (enough entries before and after).
Run: PYTHONPATH=src python bench/forecast_calibration.py [--people N]
"""

from __future__ import annotations

import argparse
import datetime as dt

import numpy as np
from scipy import special

from ownpath.analytics import forecast_record as fr
from ownpath.analytics.energy_model import clip_to_scale, estimate_activity_effects
from ownpath.analytics.forecast import energy_difference, forecast_energy

ACTIVITIES = [f"a{i}" for i in range(10)]
START = dt.date(2026, 1, 5)  # a Monday
AFTER_WEEKS = 10
SD_DAY, SD_NOISE = 0.4, 0.9


def expected_rating(latent: float) -> float:
    """E[clip(round(latent + u + e), -2, 2)] for u + e ~ N(0, SD_DAY^2 + SD_NOISE^2)."""
    sd = np.hypot(SD_DAY, SD_NOISE)
    cuts = np.array([-1.5, -0.5, 0.5, 1.5])
    cdf = special.ndtr((cuts - latent) / sd)
    probs = np.diff(np.concatenate([[0.0], cdf, [1.0]]))
    return float(np.dot(probs, np.arange(-2, 3)))


def journal(rng, mu, beta, shares, first_day: dt.date, weeks: int, stray: float = 0.08):
    """Workdays with about three entries each, activities drawn from ``shares`` (and a stray few)."""
    days, acts, hours, energy = [], [], [], []
    names = list(shares)
    p = np.array([shares[n] for n in names])
    for week in range(weeks):
        for weekday in range(5):
            day = first_day + dt.timedelta(weeks=week, days=weekday)
            mood = rng.normal(0, SD_DAY)
            for _ in range(rng.integers(2, 5)):
                act = (ACTIVITIES[rng.integers(len(ACTIVITIES))] if rng.random() < stray
                       else names[rng.choice(len(names), p=p)])
                latent = mu + beta[act] + mood + rng.normal(0, SD_NOISE)
                days.append(day.toordinal())
                acts.append(act)
                hours.append(float(rng.choice([1.0, 1.5, 2.0, 3.0])))
                energy.append(float(np.clip(np.round(latent), -2, 2)))
    return days, acts, hours, energy


def one_person(seed: int, before_weeks: int):
    rng = np.random.default_rng(seed)
    beta = dict(zip(ACTIVITIES, rng.normal(0, 0.8, len(ACTIVITIES))))
    mu = rng.normal(0, 0.3)
    order = rng.permutation(ACTIVITIES)
    now = dict(zip(order[:4], rng.dirichlet([2.0] * 4)))
    new = dict(zip(list(order[:2]) + list(order[4:6]), rng.dirichlet([2.0] * 4)))
    before = journal(rng, mu, beta, now, START, before_weeks)
    change = START + dt.timedelta(weeks=before_weeks)
    after = journal(rng, mu, beta, new, change, AFTER_WEEKS)

    days, acts, hours, energy = before
    fit = clip_to_scale(estimate_activity_effects(acts, days, energy, hours=hours))
    mix_now = {a: 40 * s for a, s in now.items()}
    mix_new = {a: 40 * s for a, s in new.items()}
    predicted = forecast_energy(mix_new, fit)
    _, p_better = energy_difference(mix_new, mix_now, fit)
    stored = fr.StoredForecast(predicted.estimate, predicted.sd, predicted.low, predicted.high, p_better,
                               change, change, mix_new)
    truth = sum(s * expected_rating(mu + beta[a]) for a, s in new.items())

    all_days = before[0] + after[0]
    all_acts, all_hours, all_energy = before[1] + after[1], before[2] + after[2], before[3] + after[3]
    today = change + dt.timedelta(weeks=AFTER_WEEKS)
    ready = fr.readiness(all_days, change, today)
    lived = fr.lived_energy(all_days, all_energy, all_hours, all_acts, change, mix=mix_new, seed=seed)
    prior = fr.lived_before(all_days, all_energy, all_hours, all_acts, change, seed=seed)
    score = fr.score_forecast(stored, lived, prior) if ready.ready and lived else None
    return predicted.low <= truth <= predicted.high, score, predicted.high - predicted.low


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    people = parser.parse_args().people
    print(f"{people} simulated people per row; they change roles after the weeks shown and live it {AFTER_WEEKS} weeks")
    print(f"{'weeks before':>12} {'interval covers truth':>22} {'scored as covered':>18} {'mean width':>10} "
          f"{'Brier':>6} {'scorable':>9}")
    for before_weeks in (2, 4, 8, 16):
        runs = [one_person(seed, before_weeks) for seed in range(people)]
        scores = [r[1] for r in runs if r[1] is not None]
        summary = fr.calibration(scores)
        print(f"{before_weeks:>12d} {np.mean([r[0] for r in runs]):>22.1%} "
              f"{summary.coverage:>18.1%} {np.mean([r[2] for r in runs]):>10.2f} "
              f"{summary.brier if summary.brier is not None else float('nan'):>6.3f} {len(scores) / people:>9.0%}")
    print("target: 90% covered (the forecasts' stated rate)")


if __name__ == "__main__":
    main()
