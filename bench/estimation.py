"""Accuracy of the energy model on simulated journals with known truth.

Each simulated person has 12 activities with true effects beta ~ N(0, 0.8^2), a personal
average mu ~ N(0, 0.3^2), a mood of the day u ~ N(0, 0.4^2) and noise e ~ N(0, 0.9^2);
each rating is mu + beta + u + e rounded to a whole point and clipped to -2..+2, as a
person would log it.  Realistic journals are unbalanced: activity frequencies are drawn
from Dirichlet(1) (a few activities dominate, some are rare or never logged), a day holds
about three entries, and half of a day's entries go to that day's "focus" activity (so
activities and moods of the day are partly confounded, as in real weeks).

For 30, 60, 120 and 300 episodes the script prints, averaged over simulated people:
* Spearman correlation of estimated vs true effects over all 12 activities (an activity
  never logged gets the neutral estimate 0 from every method);
* coverage of the 90% intervals of the activities that were logged, against two truths:
  "rating scale" (primary): the activity's true effect on the person's expected *rating*,
  E[rating | activity] minus its average over the activity distribution, computed exactly
  from the normal model with the rounding and clipping — the quantity the product reports
  ("on the -2..+2 scale relative to your average"); and "latent": beta itself, which
  clipping at -2/+2 makes partly unobservable (an activity at +2.5 cannot be rated above
  +2), so every method under-covers it for large |beta|.
Methods: ownpath (the default integrated fit), plain per-activity means (what mood apps
show; a t interval from the pooled within-activity SD) and an oracle that knows the true
variances (normal posterior given the true activity, day and noise SDs).

The oracle is the ceiling for rank correlation: no method using these journals can
rank much better, so "ownpath - plain" can only be as large as "oracle - plain".

The organisation's pooled prior (``--pooled-prior``): in each simulated organisation the
activities have organisation-wide effects m ~ N(0, 0.8^2) and each person departs from them
by N(0, 0.4^2) (people differ, but not arbitrarily). Twenty colleagues with 120 entries each
are fitted on their own and pooled (``analytics.pooled_prior``); then new members with 10,
20 and 40 entries are fitted with and without that prior. Scores: RMSE of predicting 300
held-out entries of the same person (their fitted average + the activity's effect; the day's
mood and noise put a floor of about 1.0 under it), and Spearman rank accuracy of the 12
estimated effects against the truth; with paired differences (same people) and their SEs.

Run:  PYTHONPATH=src python bench/estimation.py [--reps N] [--seed S] [--pooled-prior]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy import special, stats

from ownpath.analytics.energy_model import (
    VarianceComponents,
    conditional_effects,
    estimate_activity_effects,
)
from ownpath.analytics.pooled_prior import estimates_from_fit, pool_estimates

N_ACTIVITIES = 12
EFFECT_SD, DAY_SD, NOISE_SD, PERSON_SD = 0.8, 0.4, 0.9, 0.3
ENTRIES_PER_DAY = 3
SIZES = (30, 60, 120, 300)
LEVEL = 0.90


FREQUENCY_CONCENTRATION = 1.0
FOCUS_SHARE = 0.5
_CUTS = np.array([-1.5, -0.5, 0.5, 1.5])  # rounding thresholds between -2, -1, 0, 1, 2


def expected_rating(latent_mean: np.ndarray | float, sd: float) -> np.ndarray:
    """E[clip(round(X), -2, 2)] for X ~ N(latent_mean, sd^2)."""
    z = (np.asarray(latent_mean, dtype=float)[..., None] - _CUTS) / sd
    return -2.0 + special.ndtr(z).sum(axis=-1)


def rating_scale_truth(person_mean: float, beta: np.ndarray) -> np.ndarray:
    """Each activity's true effect on the expected rating, relative to the person's average."""
    within_sd = np.hypot(DAY_SD, NOISE_SD)
    per_activity = expected_rating(person_mean + beta, within_sd)
    average = expected_rating(person_mean, np.sqrt(within_sd**2 + EFFECT_SD**2))
    return per_activity - average


def simulate_person(n: int, rng: np.random.Generator):
    """One journal: (activity names, day ids, ratings, truths by name: rating-scale, latent)."""
    beta = rng.normal(0.0, EFFECT_SD, N_ACTIVITIES)
    person_mean = rng.normal(0.0, PERSON_SD)
    acts, days, ratings = simulate_journal(beta, person_mean, n, rng)
    names = [f"act{k:02d}" for k in range(N_ACTIVITIES)]
    rating_truth = rating_scale_truth(person_mean, beta)
    return (acts, days, ratings, dict(zip(names, rating_truth)), dict(zip(names, beta)))


def simulate_journal(beta: np.ndarray, person_mean: float, n: int, rng: np.random.Generator):
    """n rounded, clipped ratings of a person with effects beta: (activity names, day ids, ratings)."""
    freq = rng.dirichlet(np.full(N_ACTIVITIES, FREQUENCY_CONCENTRATION))
    n_days = max(1, round(n / ENTRIES_PER_DAY))
    days = np.sort(rng.integers(0, n_days, n))
    focus = rng.choice(N_ACTIVITIES, size=n_days, p=freq)
    acts = np.where(rng.random(n) < FOCUS_SHARE, focus[days],
                    rng.choice(N_ACTIVITIES, size=n, p=freq))
    latent = (person_mean + beta[acts] + rng.normal(0.0, DAY_SD, n_days)[days]
              + rng.normal(0.0, NOISE_SD, n))
    ratings = np.clip(np.round(latent), -2, 2)
    names = [f"act{k:02d}" for k in range(N_ACTIVITIES)]
    return [names[k] for k in acts], days, ratings


def plain_means(acts, ratings, level):
    """Per-activity mean minus the overall mean, with a pooled-SD t interval."""
    ratings = np.asarray(ratings)
    acts = np.asarray(acts)
    names = sorted(set(acts))
    overall = ratings.mean()
    groups = {a: ratings[acts == a] for a in names}
    ss = sum(((g - g.mean()) ** 2).sum() for g in groups.values())
    df = len(ratings) - len(names)
    pooled_sd = np.sqrt(ss / df) if df > 0 and ss > 0 else ratings.std(ddof=1) or 1.0
    t = stats.t.ppf(0.5 + level / 2, max(df, 1))
    out = {}
    for a, g in groups.items():
        est = g.mean() - overall
        half = t * pooled_sd / np.sqrt(len(g))
        out[a] = (est, est - half, est + half)
    return out


def score(estimates: dict, intervals: dict, truth: dict, latent: dict):
    """(Spearman over all activities, covered (rating scale), covered (latent), intervals)."""
    names = sorted(truth)
    est = np.array([estimates.get(a, 0.0) for a in names])
    true = np.array([truth[a] for a in names])
    rho = stats.spearmanr(est, true).statistic if np.ptp(est) > 0 else np.nan
    covered = sum(lo <= truth[a] <= hi for a, (lo, hi) in intervals.items())
    covered_latent = sum(lo <= latent[a] <= hi for a, (lo, hi) in intervals.items())
    return rho, covered, covered_latent, len(intervals)


def run(reps: int, seed: int) -> None:
    """Simulate, fit with every method and print the table."""
    rng = np.random.default_rng(seed)
    oracle_components = VarianceComponents(EFFECT_SD, DAY_SD, NOISE_SD)
    print(f"{reps} simulated people per size; effect SD {EFFECT_SD}, day SD {DAY_SD}, "
          f"noise SD {NOISE_SD}, ratings rounded and clipped to -2..2; {N_ACTIVITIES} activities")
    print(f"activity frequencies ~ Dirichlet({FREQUENCY_CONCENTRATION:g}), ~{ENTRIES_PER_DAY} "
          f"entries a day, {FOCUS_SHARE:.0%} of them on the day's focus activity")
    print(f"{'episodes':>8}  {'method':<12} {'spearman':>9} {'± se':>6}  "
          f"{'90% coverage':>12} {'(latent)':>9}  {'sec/fit':>8}")
    for n in SIZES:
        rows = {m: {"rho": [], "cov": 0, "cov_latent": 0, "tot": 0, "time": 0.0}
                for m in ("ownpath", "plain means", "oracle")}
        for _ in range(reps):
            acts, days, ratings, truth, latent = simulate_person(n, rng)

            t0 = time.perf_counter()
            fit = estimate_activity_effects(acts, days, ratings, level=LEVEL)
            rows["ownpath"]["time"] += time.perf_counter() - t0
            own = {a: e.estimate for a, e in fit.effects.items()}
            own_iv = {a: (e.low, e.high) for a, e in fit.effects.items()}

            t0 = time.perf_counter()
            plain = plain_means(acts, ratings, LEVEL)
            rows["plain means"]["time"] += time.perf_counter() - t0

            t0 = time.perf_counter()
            oracle = conditional_effects(acts, days, ratings, oracle_components, level=LEVEL)
            rows["oracle"]["time"] += time.perf_counter() - t0

            for method, est, iv in (
                ("ownpath", own, own_iv),
                ("plain means", {a: v[0] for a, v in plain.items()},
                 {a: (v[1], v[2]) for a, v in plain.items()}),
                ("oracle", {a: e.estimate for a, e in oracle.items()},
                 {a: (e.low, e.high) for a, e in oracle.items()}),
            ):
                rho, cov, cov_latent, tot = score(est, iv, truth, latent)
                row = rows[method]
                row["rho"].append(rho)
                row["cov"] += cov
                row["cov_latent"] += cov_latent
                row["tot"] += tot
        for method, row in rows.items():
            rho = np.array(row["rho"])
            rho = rho[~np.isnan(rho)]
            print(f"{n:>8}  {method:<12} {rho.mean():>9.3f} {rho.std(ddof=1) / np.sqrt(len(rho)):>6.3f}"
                  f"  {row['cov'] / row['tot']:>12.3f} {row['cov_latent'] / row['tot']:>9.3f}"
                  f"  {row['time'] / reps:>8.4f}")
        # Paired differences (same simulated people), so their SE is much smaller.
        own = np.array(rows["ownpath"]["rho"])
        for other in ("oracle", "plain means"):
            diff = own - np.array(rows[other]["rho"])
            diff = diff[~np.isnan(diff)]
            print(f"{'':>8}  ownpath - {other:<12} {diff.mean():+.3f} "
                  f"(± {diff.std(ddof=1) / np.sqrt(len(diff)):.3f})", end="")
        ceiling = np.array(rows["oracle"]["rho"]) - np.array(rows["plain means"]["rho"])
        print(f"   [oracle - plain means {np.nanmean(ceiling):+.3f}]")


ORG_EFFECT_SD, PERSON_SPREAD_SD = 0.8, 0.4
COLLEAGUES, COLLEAGUE_ENTRIES = 20, 120
NEW_MEMBER_SIZES = (10, 20, 40)
NEW_MEMBERS_PER_ORG = 4
HELD_OUT = 300


def run_pooled_prior(orgs: int, seed: int) -> None:
    """Gain from the organisation's pooled prior for new members with few entries."""
    rng = np.random.default_rng(seed)
    names = [f"act{k:02d}" for k in range(N_ACTIVITIES)]
    rows = {n: {"rmse": ([], []), "rho": ([], [])} for n in NEW_MEMBER_SIZES}
    for _ in range(orgs):
        org_means = rng.normal(0.0, ORG_EFFECT_SD, N_ACTIVITIES)
        colleagues = []
        for _ in range(COLLEAGUES):
            beta = org_means + rng.normal(0.0, PERSON_SPREAD_SD, N_ACTIVITIES)
            acts, days, ratings = simulate_journal(beta, rng.normal(0.0, PERSON_SD), COLLEAGUE_ENTRIES, rng)
            colleagues.append(estimates_from_fit(estimate_activity_effects(acts, days, ratings)))
        prior = pool_estimates(colleagues).prior_means()
        for _ in range(NEW_MEMBERS_PER_ORG):
            beta = org_means + rng.normal(0.0, PERSON_SPREAD_SD, N_ACTIVITIES)
            mu = rng.normal(0.0, PERSON_SD)
            held_acts, _, held_ratings = simulate_journal(beta, mu, HELD_OUT, rng)
            for n in NEW_MEMBER_SIZES:
                acts, days, ratings = simulate_journal(beta, mu, n, rng)
                for k, priors in enumerate((None, prior)):
                    fit = estimate_activity_effects(acts, days, ratings, prior_means=priors)
                    effects = {a: fit.effect_for(a).estimate for a in names}
                    predicted = np.array([fit.mean + effects[a] for a in held_acts])
                    rows[n]["rmse"][k].append(float(np.sqrt(np.mean((predicted - held_ratings) ** 2))))
                    rows[n]["rho"][k].append(stats.spearmanr([effects[a] for a in names], beta).statistic)
    people = orgs * NEW_MEMBERS_PER_ORG
    print(f"Pooled prior: {orgs} organisations (activity effects N(0, {ORG_EFFECT_SD}^2), people departing by "
          f"N(0, {PERSON_SPREAD_SD}^2)), prior pooled from {COLLEAGUES} colleagues x {COLLEAGUE_ENTRIES} entries; "
          f"{people} new members")
    print(f"{'entries':>7}  {'held-out RMSE':>13} {'with prior':>10} {'gain':>14}   "
          f"{'rank rho':>8} {'with prior':>10} {'gain':>14}")
    for n in NEW_MEMBER_SIZES:
        out = []
        for key in ("rmse", "rho"):
            without, with_prior = (np.array(v) for v in rows[n][key])
            diff = with_prior - without
            diff = diff[~np.isnan(diff)]
            out.append(f"{np.nanmean(without):>13.3f} {np.nanmean(with_prior):>10.3f} "
                       f"{diff.mean():>+7.3f} ± {diff.std(ddof=1) / np.sqrt(len(diff)):.3f}")
        print(f"{n:>7}  {out[0]}   {out[1].replace('  ', ' ', 1)}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--pooled-prior", action="store_true",
                        help="only the organisation's pooled prior part (--reps organisations)")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.pooled_prior:
        run_pooled_prior(args.reps, args.seed)
        print(f"total {time.perf_counter() - start:.1f} s")
        return
    run(args.reps, args.seed)
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
