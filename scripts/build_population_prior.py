"""Derive ownpath's population prior on the variance components from open experience-sampling data.

    PYTHONPATH=src python scripts/build_population_prior.py [--openesm-cleaning GIT_DIR]
        [--habets-tsv FILE] [--menghini-tsv FILE] [--mpathr GIT_DIR] [--min-beeps 12] [--bootstrap 200]

The energy model is y = mu + beta[activity] + u[day] + e.  Its population prior
(``_mixed_model.POPULATION_PRIOR``) says how far activities (tau) and days (day SD) move a
rating, in units of the moment-to-moment noise (sigma), in people in general.  This script
estimates it from real experience-sampling studies in which every beep has a person, a day,
what the person was doing and a momentary energy rating:

* openESM 0014 "Habets" (Habets et al. 2020, JMIR mHealth uHealth 8:e15628; data
  doi:10.34894/5HHK8H, CC0 1.0): 20 people with Parkinson's disease, 14 days, 7 beeps a day;
  activity ``act_what`` (resting, working, housekeeping, leisure, sports, something else,
  nothing); rating: "I feel tired" 1..7, reversed (energy).
* openESM 0022 "Menghini" (Menghini, Pastore & Balducci 2023, Eur. J. Psychol. Assess.
  39:424; data osf.io/87a9p, GPL-3.0): office workers, 3 working days, up to 7 beeps a day;
  activity: the work task (``what``), beeps with exactly one task ticked; rating: "without
  energy" 1..7, reversed (energy).

Both are read in place from the harmonised files in the git history of the openESM cleaning
repository (github.com/openesm-project/openesm-cleaning; the commit and path of each file are
pinned below and printed with its SHA-256), or from a plain file given on the command line.
Nothing is copied into this repository; only the derived numbers are (docs/priors.md).
The m-Path example study is deliberately *not* used: the benchmarks hold it out.  When its
snapshot is there, the script prints what the same rule gives on it, as a check, never pooled.

The rule, fixed before looking at the result:

1. Every rating is rescaled linearly from the item's range to -2..+2 (reversed items flipped).
2. A person counts with at least ``--min-beeps`` rated beeps (12 by default: the workplace
   study has at most 21 a person), 3 days and 3 activities.
3. Each person is fitted with ownpath's own REML fit (``estimate_activity_effects(...,
   method="reml")``); their noise SD and their REML ratios are printed.  The noise prior's
   scale is the median noise SD; its weight (4 pseudo-ratings) is a stated choice, not fitted.
4. Per-person REML ratios are noisy, and often exactly zero on a short journal, so their spread
   overstates the spread of true ratios.  The deconvolution: each person's restricted
   likelihood of (log tau/sigma, log day_sd/sigma) is evaluated on a grid, and the population
   distribution of the *true* log ratios -- independent normals, as the prior has them -- is
   fitted by maximum marginal likelihood over all people (a two-level model: a person's ratios
   are drawn from the population, their beeps from their ratios).  Its means and SDs are the
   prior's medians and log-SDs.  A person whose journal says little moves the fit little.
5. The shipped numbers are the pooled fit over both data sets, rounded to 2 decimals.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import math
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, special

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ownpath.analytics.energy_model import estimate_activity_effects  # noqa: E402

OPENESM_CLEANING = Path("/work/.mirror/openesm-project+openesm-cleaning/repo")
# The held-out check (never pooled into the prior): the m-Path example study in the mpathr package.
MPATHR = Path("/work/.mirror/m-path-io+mpathr/repo")
MPATH_FILE = "inst/extdata/example_basic.csv"
MIN_DAYS = 3
MIN_ACTIVITIES = 3
# The noise prior's weight in pseudo-ratings: a stated choice (weak), not derived from the data.
NOISE_DF = 4.0
# Grid of log ratios over which each person's restricted likelihood is evaluated.  Below -5
# (a ratio under 0.007) the likelihood is flat, so the lowest cell stands for everything below.
GRID = np.round(np.arange(-5.0, 2.5001, 0.1), 10)


@dataclass(frozen=True)
class DataSet:
    """One open experience-sampling data set: where it is and how a beep is read from it."""

    key: str
    name: str
    licence: str
    source: str
    commit: str  # commit of the openESM cleaning repository that holds the file
    path: str
    sha256: str  # of the file as read when the shipped prior was derived
    person: str
    day: str
    activity: str
    item: str
    item_range: tuple[float, float]
    reverse: bool
    keep: Callable[[dict[str, str]], bool]


DATASETS = (
    DataSet(
        key="habets", name="openESM 0014 Habets et al. (2020), Parkinson's disease ESM",
        licence="CC0 1.0", source="doi:10.34894/5HHK8H (DataverseNL); openESM doi:10.5281/zenodo.17347440",
        commit="36af6cd4f25f0ff0524077e3ebb7560a617b1892", path="data/clean/0014_habets_ts.tsv",
        sha256="c064215e1640f2055f9cf47a3050a2130c3e286308a278b6a5fd391d50425f90",
        person="id", day="day", activity="act_what", item="tired", item_range=(1.0, 7.0), reverse=True,
        keep=lambda row: True),
    DataSet(
        key="menghini", name="openESM 0022 Menghini et al. (2023), workplace stress ESM",
        licence="GPL-3.0", source="osf.io/87a9p; openESM doi:10.5281/zenodo.17347537",
        commit="f7157357be03719e095bd82248510e9a9421b5d1", path="data/clean/0022_menghini_ts.tsv",
        sha256="134d0654200f3a14ce084b78c50056e32ed9d55386daa3be94b350fb28f4fb2a",
        person="id", day="day", activity="what", item="energyless", item_range=(1.0, 7.0), reverse=True,
        # Work beeps with exactly one task ticked: a journal entry names one activity.
        keep=lambda row: row.get("survey_type") == "work" and "," not in row.get("what", "")),
)


@dataclass(frozen=True)
class Person:
    """One person's rated beeps and their REML variance components."""

    activities: list[str]
    days: list[str]
    ratings: np.ndarray
    activity_sd: float
    day_sd: float
    noise_sd: float


@dataclass(frozen=True)
class Population:
    """The fitted population distribution of the true log ratios (means and SDs)."""

    activity_mean: float
    activity_sd: float
    day_mean: float
    day_sd: float


def read_text(spec: DataSet, git_dir: Path, override: Path | None) -> tuple[str, str, str]:
    """(text, where it was read from, SHA-256 of its bytes), or raises FileNotFoundError."""
    if override is not None:
        data = override.read_bytes()
        where = str(override)
    else:
        if not git_dir.exists():
            raise FileNotFoundError(f"no snapshot at {git_dir}")
        done = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{spec.commit}:{spec.path}"],
                              capture_output=True)
        if done.returncode != 0:
            raise FileNotFoundError(f"{spec.commit[:10]}:{spec.path} not in {git_dir}")
        data = done.stdout
        where = f"{git_dir} @ {spec.commit[:10]}:{spec.path}"
    return data.decode("utf-8-sig"), where, hashlib.sha256(data).hexdigest()


def rescaled(value: str, spec: DataSet) -> float | None:
    """The item's answer on the app's -2..+2 scale (linear from the item's range), or None."""
    try:
        x = float(value)
    except ValueError:
        return None
    if not math.isfinite(x):
        return None
    lo, hi = spec.item_range
    y = (x - lo) / (hi - lo) * 4.0 - 2.0
    return -y if spec.reverse else y


def beeps_by_person(text: str, spec: DataSet) -> dict[str, list[tuple[str, str, float]]]:
    """Each person's (activity, day, rating) beeps, for beeps with an activity and a rating."""
    people: dict[str, list[tuple[str, str, float]]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        activity = (row.get(spec.activity) or "").strip()
        rating = rescaled(row.get(spec.item) or "", spec)
        day = (row.get(spec.day) or "").strip()
        if not activity or activity == "NA" or rating is None or not day or day == "NA" or not spec.keep(row):
            continue
        people.setdefault(row[spec.person], []).append((activity, day, rating))
    return people


def eligible_people(beeps: dict[str, list[tuple[str, str, float]]], min_beeps: int) -> list[Person]:
    """People with enough beeps, days and activities, each fitted with ownpath's REML fit."""
    people = []
    for person_id in sorted(beeps):
        mine = beeps[person_id]
        acts, days = [b[0] for b in mine], [b[1] for b in mine]
        if len(mine) < min_beeps or len(set(days)) < MIN_DAYS or len(set(acts)) < MIN_ACTIVITIES:
            continue
        ratings = np.array([b[2] for b in mine])
        reml = estimate_activity_effects(acts, days, ratings, method="reml").reml
        assert reml is not None
        people.append(Person(acts, days, ratings, reml.activity_sd, reml.day_sd, reml.noise_sd))
    return people


def restricted_loglik(person: Person, log_activity: np.ndarray, log_day: np.ndarray) -> np.ndarray:
    """The REML log-likelihood (noise variance profiled out) at each pair of log ratios.

    ``log_activity`` and ``log_day`` broadcast together; the model is ownpath's,
    y = mu + beta[activity] + u[day] + e with beta ~ N(0, (r_a sigma)^2), u ~ N(0, (r_d sigma)^2).
    Evaluated through the (activities + days)-sized system (Woodbury), so it is cheap on a grid.
    """
    y = person.ratings
    n = len(y)
    acts = {a: i for i, a in enumerate(sorted(set(person.activities)))}
    days = {d: i for i, d in enumerate(sorted(set(person.days)))}
    p = len(acts)
    z = np.zeros((n, p + len(days)))
    z[np.arange(n), [acts[a] for a in person.activities]] = 1.0
    z[np.arange(n), [p + days[d] for d in person.days]] = 1.0
    ztz, zty, zt1 = z.T @ z, z.T @ y, z.sum(axis=0)
    la, ld = np.broadcast_arrays(np.asarray(log_activity, float), np.asarray(log_day, float))
    shape = la.shape
    g = np.concatenate([np.repeat(np.exp(la.reshape(-1, 1)), p, axis=1),
                        np.repeat(np.exp(ld.reshape(-1, 1)), len(days), axis=1)], axis=1)
    m = g[:, :, None] * ztz[None] * g[:, None, :] + np.eye(z.shape[1])[None]
    chol = np.linalg.cholesky(m)
    log_det = 2.0 * np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(axis=1)
    rhs = np.stack([g * zty, g * zt1], axis=2)  # (grid, k, 2)
    half = np.linalg.solve(chol, rhs)
    s_yy = y @ y - (half[:, :, 0] ** 2).sum(axis=1)
    s_1y = y.sum() - (half[:, :, 0] * half[:, :, 1]).sum(axis=1)
    s_11 = n - (half[:, :, 1] ** 2).sum(axis=1)
    ypy = np.maximum(s_yy - s_1y**2 / s_11, 1e-300)
    minus_two = (n - 1) * np.log(ypy / (n - 1)) + log_det + np.log(s_11)
    return (-0.5 * minus_two).reshape(shape)


def loglik_grid(person: Person) -> np.ndarray:
    """The person's restricted log-likelihood on GRID x GRID (rows: log tau/sigma, columns: log day/sigma)."""
    return restricted_loglik(person, GRID[:, None], GRID[None, :])


def _cell_masses(grid: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """Probability of each grid cell under N(mean, sd); the end cells take the open tails."""
    edges = (grid[1:] + grid[:-1]) / 2.0
    cdf = special.ndtr((edges - mean) / sd)
    return np.diff(np.concatenate([[0.0], cdf, [1.0]]))


def fit_population(loglik_grids: Sequence[np.ndarray], grid: np.ndarray = GRID) -> Population:
    """The population distribution of the true log ratios behind noisy per-person likelihoods.

    Each element of ``loglik_grids`` is one person's log-likelihood over ``grid`` x ``grid``
    (log tau/sigma by log day_sd/sigma).  A person's true log ratios are taken as drawn from
    independent normals; their means and SDs maximise the marginal likelihood summed over
    people.  This is the deconvolution: the spread of per-person estimates is the spread of
    the truth *plus* each estimate's noise, and only the former is returned.
    """
    stacked = np.stack(loglik_grids)
    peak = stacked.max(axis=(1, 2), keepdims=True)
    lik = np.exp(stacked - peak)
    peak = peak.reshape(-1)

    def minus_log_marginal(theta: np.ndarray) -> float:
        ma, log_sa, md, log_sd = theta
        wa = _cell_masses(grid, ma, float(np.clip(np.exp(log_sa), 0.02, 5.0)))
        wd = _cell_masses(grid, md, float(np.clip(np.exp(log_sd), 0.02, 5.0)))
        per_person = np.einsum("i,pij,j->p", wa, lik, wd)
        return -float(np.sum(np.log(np.maximum(per_person, 1e-300)) + peak))

    # Start from the median of each person's most likely ratios, with a moderate spread.
    best = [np.unravel_index(np.argmax(g), g.shape) for g in loglik_grids]
    start = np.array([np.median([grid[i] for i, _ in best]), math.log(0.7),
                      np.median([grid[j] for _, j in best]), math.log(0.7)])
    result = optimize.minimize(minus_log_marginal, start, method="Nelder-Mead",
                               options={"xatol": 1e-4, "fatol": 1e-6, "maxiter": 4000})
    ma, log_sa, md, log_sd = result.x
    return Population(float(ma), float(np.clip(np.exp(log_sa), 0.02, 5.0)),
                      float(md), float(np.clip(np.exp(log_sd), 0.02, 5.0)))


@dataclass(frozen=True)
class Derived:
    """What the data say: the fitted population and the per-person REML summaries behind it."""

    population: Population
    noise_sd: float
    people: int
    beeps: int
    raw_activity_ratio: float  # median of the per-person REML ratios (not deconvolved)
    raw_day_ratio: float
    zero_activity: int  # people whose REML tau is zero
    zero_day: int

    def prior_numbers(self) -> dict[str, float]:
        """The numbers of a VariancePrior, rounded as shipped."""
        pop = self.population
        return {"activity_ratio": round(math.exp(pop.activity_mean), 2), "activity_log_sd": round(pop.activity_sd, 2),
                "day_ratio": round(math.exp(pop.day_mean), 2), "day_log_sd": round(pop.day_sd, 2),
                "noise_sd": round(self.noise_sd, 2), "noise_df": NOISE_DF}


def derive(people: Sequence[Person]) -> Derived:
    """Fit the population to these people and summarise their REML components."""
    pop = fit_population([loglik_grid(p) for p in people])
    ratio_a = np.array([p.activity_sd / p.noise_sd for p in people])
    ratio_d = np.array([p.day_sd / p.noise_sd for p in people])
    return Derived(pop, float(np.median([p.noise_sd for p in people])), len(people),
                   int(sum(len(p.ratings) for p in people)), float(np.median(ratio_a)), float(np.median(ratio_d)),
                   int(np.sum(ratio_a < 1e-3)), int(np.sum(ratio_d < 1e-3)))


def bootstrap_spread(people: Sequence[Person], draws: int, seed: int = 1) -> dict[str, float]:
    """Standard errors of the population's numbers over people resampled with replacement."""
    grids = [loglik_grid(p) for p in people]
    rng = np.random.default_rng(seed)
    fits = [fit_population([grids[i] for i in rng.integers(0, len(grids), len(grids))]) for _ in range(draws)]
    return {"activity_ratio": float(np.std([math.exp(f.activity_mean) for f in fits])),
            "activity_log_sd": float(np.std([f.activity_sd for f in fits])),
            "day_ratio": float(np.std([math.exp(f.day_mean) for f in fits])),
            "day_log_sd": float(np.std([f.day_sd for f in fits]))}


def mpath_beeps(git_dir: Path) -> tuple[dict[str, list[tuple[str, str, float]]], str] | None:
    """The m-Path example study's beeps (energy slider 0..100 rescaled), or None when absent."""
    if not git_dir.exists():
        return None
    done = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"], capture_output=True, text=True)
    shown = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{MPATH_FILE}"], capture_output=True)
    if done.returncode != 0 or shown.returncode != 0:
        return None
    people: dict[str, list[tuple[str, str, float]]] = {}
    for row in csv.DictReader(io.StringIO(shown.stdout.decode("utf-8-sig")), delimiter=";"):
        energy = (row.get("slider_energetic_sliderNegPos") or "").strip()
        activity = (row.get("context_activity_multipleChoice_string") or "").strip().strip('"').lower()
        start = (row.get("timeStampStart") or "").strip()
        if row.get("questionListName") != "main_questionnaire" or not energy or not activity or not start:
            continue
        moment = dt.datetime.fromtimestamp(float(start) + float(row.get("deltaUTC") or 0.0), dt.timezone.utc)
        people.setdefault(row["connectionId"], []).append(
            (activity, moment.date().isoformat(), float(energy) / 100.0 * 4.0 - 2.0))
    return people, f"mpathr @ {done.stdout.strip()[:10]}, sha256 {hashlib.sha256(shown.stdout).hexdigest()}"


def load_people(args: argparse.Namespace) -> tuple[dict[str, list[Person]], list[str]]:
    """Eligible people per data set, and one line about each data set's file."""
    found, lines = {}, []
    for spec in DATASETS:
        text, where, digest = read_text(spec, args.openesm_cleaning, getattr(args, f"{spec.key}_tsv"))
        people = eligible_people(beeps_by_person(text, spec), args.min_beeps)
        found[spec.key] = people
        same = "as when the shipped prior was derived" if digest == spec.sha256 else f"DIFFERS from {spec.sha256}"
        lines.append(f"{spec.name}\n    licence {spec.licence}; source {spec.source}\n    read from {where}\n"
                     f"    sha256 {digest} ({same})")
    return found, lines


def report(name: str, derived: Derived) -> str:
    """One block of printed results."""
    pop, numbers = derived.population, derived.prior_numbers()
    return (f"{name}: {derived.people} people, {derived.beeps} beeps\n"
            f"    per-person REML (not deconvolved): median tau/sigma {derived.raw_activity_ratio:.3f} "
            f"({derived.zero_activity} at zero), median day/sigma {derived.raw_day_ratio:.3f} "
            f"({derived.zero_day} at zero), median noise SD {derived.noise_sd:.3f}\n"
            f"    population of true log ratios: tau/sigma median {math.exp(pop.activity_mean):.3f}, log-SD "
            f"{pop.activity_sd:.3f}; day/sigma median {math.exp(pop.day_mean):.3f}, log-SD {pop.day_sd:.3f}\n"
            f"    as a prior: {numbers}")


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Command-line arguments."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openesm-cleaning", type=Path, default=OPENESM_CLEANING,
                        help="git directory of a snapshot of openesm-project/openesm-cleaning")
    parser.add_argument("--habets-tsv", type=Path, default=None, help="0014_habets_ts.tsv, instead of the snapshot")
    parser.add_argument("--menghini-tsv", type=Path, default=None, help="0022_menghini_ts.tsv, instead of the snapshot")
    parser.add_argument("--mpathr", type=Path, default=MPATHR,
                        help="git directory of a snapshot of m-path-io/mpathr (a held-out check, never pooled)")
    parser.add_argument("--min-beeps", type=int, default=12)
    parser.add_argument("--bootstrap", type=int, default=200, help="resamples of people for standard errors (0: none)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Derive the prior and print it, per data set and pooled."""
    args = parse(argv)
    try:
        found, lines = load_people(args)
    except FileNotFoundError as exc:
        print(f"data not found: {exc}", file=sys.stderr)
        return 2
    print("Data sets (read in place; only derived numbers are shipped):")
    for line in lines:
        print(f"  {line}")
    print(f"\nRule: ratings rescaled to -2..+2; people with >= {args.min_beeps} beeps, >= {MIN_DAYS} days, "
          f">= {MIN_ACTIVITIES} activities; ownpath's REML fit per person; population of true log ratios "
          f"fitted by maximum marginal likelihood over each person's restricted likelihood.\n")
    for spec in DATASETS:
        print(report(spec.name, derive(found[spec.key])))
    pooled = derive([p for people in found.values() for p in people])
    print(report("Pooled (the shipped prior)", pooled))
    if args.bootstrap:
        spread = bootstrap_spread([p for people in found.values() for p in people], args.bootstrap)
        print(f"    bootstrap standard errors over people ({args.bootstrap} resamples): "
              + ", ".join(f"{k} {v:.2f}" for k, v in spread.items()))
    if args.min_beeps < 30:
        # The threshold of 30 beeps leaves out every person of the workplace study (at most 21 beeps).
        at_30 = [p for people in found.values() for p in people if len(p.ratings) >= 30]
        print(report("Sensitivity, only people with >= 30 beeps (not shipped)", derive(at_30)))
    held_out = mpath_beeps(args.mpathr)
    if held_out is not None:
        beeps, where = held_out
        print(report(f"Held out, NOT in the prior: m-Path example study ({where}, GPL-3)",
                     derive(eligible_people(beeps, args.min_beeps))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
