"""Are ownpath's words of certainty true at every journal size?

Simulated people come from the project's generator (``demo.organisation.simulate_organisation``:
the demo personas with each person's own true effects, hours and a mood of the day;
``demo.personas.generate_journal`` writes their journal, rounded and clipped to -2..+2 as a
person logs it).  Each journal is cut to its first N entries, N in 1, 3, 5, 10, 20, 40, 80, 240,
fitted exactly as Insights fits it (hours-weighted, population priors, clipped to the scale),
and every activity's verdict (``plain_words.activity_verdict``, which is the verdict ladder of
``analytics.verdicts``) is scored against the truth: the activity's true effect on the expected
*rating* relative to the person's average over the activities they do.

Printed per size:
* for each word ("very sure", "fairly sure", "probably"): how many claims were made and the share
  right, against the word's promise (95%, 80%, 65%); "about neutral" is right when the true
  effect is within +-0.3; "not clear yet" makes no claim;
* how many estimates lie outside their own interval (must be 0), and outside the -2..+2 scale;
* held-out RMSE on the person's next 60 entries (later days): the person's own mean of the first N,
  ownpath (their fitted average + the activity's effect) and plain per-activity means.

With the organisation's pooled prior (``--org``): 20 colleagues of the same simulated organisation
(200 entries each, fitted on their own) are pooled (means and between-person spread,
``analytics.pooled_prior``); each new member's first N entries are fitted with and without it,
and the held-out RMSE of both is printed.

A draining colleague: ``demo.personas.generate_colleague_journal`` (Morgan -1, Riley and Casey 0)
over 16 weeks, fitted as Insights fits the context model: how often the neutral colleagues are
called energizing or draining (the finding's word, "fairly sure" or more) and how often the 90%
interval of Morgan's effect covers its truth on the rating scale.

Then the same held-out comparison on real experience-sampling data when it is there: the m-Path
example study (bench/context_effects.py says where it is read from; skipped when absent): each
participant's first N beeps predict all their beeps on later days.

And on office workers' three-workday diaries (openESM 0022, read in place from a local snapshot;
skipped when absent): each day held out in turn, predicted by the person's own mean, by ownpath and
by ownpath borrowing from the other participants.

Run:  PYTHONPATH=src python bench/verdicts.py [--people 150] [--members 40] [--colleague-reps 100]
      [--seed 1] [--mpath-csv PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import special

from ownpath.analytics.energy_model import clip_to_scale, estimate_activity_effects
from ownpath.analytics.plain_words import NEUTRAL_BAND, activity_verdict
from ownpath.analytics.verdicts import PROMISES, WORDS
from ownpath.demo.organisation import simulate_organisation
from ownpath.demo.personas import generate_journal
from ownpath.insights.services import _weights

SIZES = (1, 3, 5, 10, 20, 40, 80, 240)
HELD_OUT = 60
WEEKS = 20  # ~20 entries a week: enough for 240 + the held-out entries
DAY_SD, NOISE_SD = 0.4, 0.8  # the generator's defaults
_CUTS = np.array([-1.5, -0.5, 0.5, 1.5])


def expected_rating(latent: np.ndarray, sd: float) -> np.ndarray:
    """E[clip(round(X), -2, 2)] for X ~ N(latent, sd^2)."""
    z = (np.asarray(latent, dtype=float)[..., None] - _CUTS) / sd
    return -2.0 + special.ndtr(z).sum(axis=-1)


def rating_truth(effects: dict[str, float], counts: dict[str, int]) -> dict[str, float]:
    """Each activity's true effect on the expected rating, relative to the person's own average."""
    names = sorted(counts)
    expected = expected_rating(np.array([effects[a] for a in names]), float(np.hypot(DAY_SD, NOISE_SD)))
    freq = np.array([counts[a] for a in names], dtype=float)
    average = float(freq @ expected / freq.sum())
    return {a: float(e - average) for a, e in zip(names, expected)}


def journals(people: int, seed: int):
    """(journal, truth by activity) of each simulated person, oldest entry first."""
    for k, person in enumerate(simulate_organisation(people, seed=seed)):
        journal = generate_journal(person.persona, weeks=WEEKS, seed=seed * 10_000 + k,
                                   day_sd=DAY_SD, noise_sd=NOISE_SD)
        counts: dict[str, int] = {}
        for e in journal:
            counts[e["activity"]] = counts.get(e["activity"], 0) + 1
        yield journal, rating_truth(person.persona.energy_effect, counts)


def fit(entries: list[dict]):
    """The fit Insights shows for these entries."""
    hours = np.array([e["hours"] for e in entries], dtype=float)
    return clip_to_scale(estimate_activity_effects(
        [e["activity"] for e in entries], [e["date"] for e in entries], [float(e["energy"]) for e in entries],
        _weights(hours), hours=hours))


def predict(model, activities) -> np.ndarray:
    """The fitted average plus each activity's effect (the prior's for activities never logged)."""
    return np.array([model.mean + model.effect_for(a).estimate for a in activities])


def plain_means(train: list[dict], activities) -> np.ndarray:
    """Per-activity mean of the training entries (the overall mean for activities never logged)."""
    overall = float(np.mean([e["energy"] for e in train]))
    by: dict[str, list[float]] = {}
    for e in train:
        by.setdefault(e["activity"], []).append(float(e["energy"]))
    return np.array([np.mean(by[a]) if a in by else overall for a in activities])


def simulated(people: int, seed: int) -> None:
    """The calibration table and the held-out RMSE on simulated journals."""
    data = list(journals(people, seed))
    print(f"Simulated journals: {people} people from the demo generator (day SD {DAY_SD}, noise SD {NOISE_SD},"
          " ratings rounded and clipped to -2..+2)")
    promise = "  ".join(f"{w} >= {PROMISES[w]:.0%}" for w in WORDS)
    print(f"Promises: {promise}; about neutral: true effect within +-{NEUTRAL_BAND}\n")
    head = "".join(f"{w:>20}" for w in (*WORDS, "about neutral"))
    print(f"{'entries':>7} {head} {'not clear':>10} {'outside':>8}  {'RMSE own mean':>13} {'ownpath':>8}"
          f" {'plain means':>11}")
    for n in SIZES:
        tally = {w: [0, 0] for w in (*WORDS, "about neutral")}
        unclear = outside = 0
        sq = {"own": [], "ownpath": [], "plain": []}
        for journal, truth in data:
            train, test = journal[:n], journal[n:n + HELD_OUT]
            model = fit(train)
            for slug, effect in model.effects.items():
                if not (effect.low - 1e-9 <= effect.estimate <= effect.high + 1e-9) or \
                        not -2.0 <= model.mean + effect.estimate <= 2.0:
                    outside += 1
                verdict = activity_verdict(effect)
                true = truth[slug]
                if verdict.direction == "neutral":
                    tally["about neutral"][0] += 1
                    tally["about neutral"][1] += abs(true) <= NEUTRAL_BAND
                elif verdict.certainty is None:
                    unclear += 1
                else:
                    tally[verdict.certainty][0] += 1
                    tally[verdict.certainty][1] += (true > 0) == (verdict.direction == "energizes")
            y = np.array([e["energy"] for e in test], dtype=float)
            acts = [e["activity"] for e in test]
            sq["own"] += list((y - np.mean([e["energy"] for e in train])) ** 2)
            sq["ownpath"] += list((y - predict(model, acts)) ** 2)
            sq["plain"] += list((y - plain_means(train, acts)) ** 2)
        cells = "".join(f"{(f'{r / c:.1%} of {c}' if c else '—'):>20}" for c, r in tally.values())
        rmse = {k: float(np.sqrt(np.mean(v))) for k, v in sq.items()}
        print(f"{n:>7} {cells} {unclear:>10} {outside:>8}  {rmse['own']:>13.3f} {rmse['ownpath']:>8.3f}"
              f" {rmse['plain']:>11.3f}")


def with_organisation(members: int, seed: int) -> None:
    """Held-out RMSE of new members with and without the pooled prior of 20 colleagues."""
    from ownpath.analytics.pooled_prior import estimates_from_fit, pool_estimates

    everyone = list(journals(20 + members, seed + 100))
    pooled = pool_estimates([estimates_from_fit(fit(journal[:200])) for journal, _ in everyone[:20]])
    print(f"\nWith the organisation's pooled prior ({pooled.words()}; typical spread "
          f"{pooled.typical_spread():.2f}), {members} new members:")
    print(f"{'entries':>7} {'RMSE own mean':>14} {'alone':>8} {'borrowing':>10} {'difference ± se':>16}")
    for n in SIZES:
        sq_own, sq_alone, sq_org = [], [], []
        for journal, _ in everyone[20:]:
            train, test = journal[:n], journal[n:n + HELD_OUT]
            hours = np.array([e["hours"] for e in train], dtype=float)
            args = ([e["activity"] for e in train], [e["date"] for e in train], [float(e["energy"]) for e in train],
                    _weights(hours))
            alone = clip_to_scale(estimate_activity_effects(*args, hours=hours))
            org = clip_to_scale(estimate_activity_effects(*args, hours=hours, prior_means=pooled.prior_means(),
                                                          variance_prior=pooled.variance_prior()))
            y = np.array([e["energy"] for e in test], dtype=float)
            acts = [e["activity"] for e in test]
            sq_own.append(np.mean((y - np.mean([e["energy"] for e in train])) ** 2))
            sq_alone.append(np.mean((y - predict(alone, acts)) ** 2))
            sq_org.append(np.mean((y - predict(org, acts)) ** 2))
        diff = np.sqrt(np.array(sq_org)) - np.sqrt(np.array(sq_alone))
        print(f"{n:>7} {np.sqrt(np.mean(sq_own)):>14.3f} {np.sqrt(np.mean(sq_alone)):>8.3f} "
              f"{np.sqrt(np.mean(sq_org)):>10.3f} {diff.mean():>+9.3f} ± {diff.std(ddof=1) / np.sqrt(len(diff)):.3f}")


def colleagues(reps: int, seed: int) -> None:
    """Neutral colleagues never called energizing or draining; the drain's interval covers its truth."""
    from ownpath.analytics.context_model import estimate_context_effects
    from ownpath.demo.personas import (
        DRAINING_COLLEAGUE,
        PERSONAS,
        generate_colleague_journal,
    )
    from ownpath.insights.context import FINDING_AT, SOLO_PEOPLE, finding_claim

    effects = PERSONAS["research_analyst"].energy_effect
    sd = float(np.hypot(DAY_SD, NOISE_SD))
    false_claims = covered = found = 0
    for k in range(reps):
        journal = generate_colleague_journal(DRAINING_COLLEAGUE, weeks=16, seed=seed * 1000 + k)
        people = [tuple(n.strip() for n in e["with"].split(",") if n.strip()) for e in journal]
        acts = [e["activity"] for e in journal]
        hours = np.array([e["hours"] for e in journal], dtype=float)
        model = estimate_context_effects(acts, [e["date"] for e in journal], [float(e["energy"]) for e in journal],
                                         _weights(hours), factors={"people": people},
                                         solo_levels={"people": SOLO_PEOPLE})
        by_name = {e.level: e for e in model.factors["people"]}
        for name in ("Riley", "Casey"):
            false_claims += finding_claim(by_name[name].estimate, by_name[name].sd).at_least(FINDING_AT)
        morgan = by_name["Morgan"]
        found += finding_claim(morgan.estimate, morgan.sd).at_least(FINDING_AT)
        rows = [effects[a] for a, p in zip(acts, people) if p == ("Morgan",)]
        truth = float(np.mean([expected_rating(np.array(b - 1.0), sd) - expected_rating(np.array(b), sd)
                               for b in rows]))
        covered += morgan.low <= truth <= morgan.high
    print(f"\nA draining colleague (Morgan -1) and two neutral ones, {reps} simulated 16-week journals:")
    print(f"  neutral colleagues called energizing or draining: {false_claims} of {2 * reps}")
    print(f"  Morgan found to drain: {found} of {reps}; 90% interval covers the truth: {covered / reps:.0%}")


def real(path: Path | None) -> None:
    """Held-out RMSE on the m-Path example study, when it is on this machine."""
    sys.path.insert(0, str(Path(__file__).parent))
    from context_effects import read_mpath

    beeps, source = read_mpath(path)
    if beeps is None:
        print(f"\nReal experience-sampling data: SKIPPED ({source})")
        return
    by_person: dict[str, list[dict]] = {}
    for b in beeps:
        by_person.setdefault(b["person"], []).append(b)
    print(f"\nReal experience-sampling data: m-Path example study ({len(by_person)} participants; energy 0-100 "
          f"rescaled to -2..+2; read from {source}).")
    print("Each participant's first N beeps predict all their beeps on later days:")
    print(f"{'beeps':>7} {'people':>7} {'predicted':>10} {'RMSE own mean':>14} {'ownpath':>8} {'plain means':>12}")
    for n in SIZES:
        sq = {"own": [], "ownpath": [], "plain": []}
        used = 0
        for mine in by_person.values():
            mine = sorted(mine, key=lambda b: (b["day"], b["hour"]))
            if len(mine) <= n:
                continue
            last_day = mine[n - 1]["day"]
            train, test = mine[:n], [b for b in mine[n:] if b["day"] > last_day]
            if not test:
                continue
            used += 1
            model = estimate_activity_effects([b["activity"] for b in train], [b["day"] for b in train],
                                              [b["energy"] for b in train])
            y = np.array([b["energy"] for b in test])
            acts = [b["activity"] for b in test]
            sq["own"] += list((y - np.mean([b["energy"] for b in train])) ** 2)
            sq["ownpath"] += list((y - predict(model, acts)) ** 2)
            sq["plain"] += list((y - plain_means(train, acts)) ** 2)
        if used:
            rmse = {k: float(np.sqrt(np.mean(v))) for k, v in sq.items()}
            print(f"{n:>7} {used:>7} {len(sq['own']):>10} {rmse['own']:>14.3f} {rmse['ownpath']:>8.3f}"
                  f" {rmse['plain']:>12.3f}")


def office_workers() -> None:
    """Leave-one-day-out RMSE on office workers' three-workday diaries (openESM 0022), when present.

    Each person's work beeps (the first task ticked as the activity; "without energy" reversed
    and rescaled to -2..+2) on two days predict the third: their own mean, ownpath alone, and
    ownpath borrowing from the other participants (the organisation prior, never their own data).
    16 of these people are among the 36 behind the population prior (scripts/build_population_prior.py).
    """
    import csv
    import io

    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    import build_population_prior as source
    from ownpath.analytics.pooled_prior import estimates_from_fit, pool_estimates

    spec = next(d for d in source.DATASETS if d.key == "menghini")
    try:
        text, where, _ = source.read_text(spec, source.OPENESM_CLEANING, None)
    except FileNotFoundError as missing:
        print(f"\nOffice workers' diaries (openESM 0022): SKIPPED ({missing})")
        return
    people: dict[str, list[tuple[str, str, float]]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        what, day = (row.get("what") or "").strip(), (row.get("day") or "").strip()
        rating = source.rescaled(row.get(spec.item) or "", spec)
        if row.get("survey_type") == "work" and what not in ("", "NA") and day not in ("", "NA") and rating is not None:
            people.setdefault(row[spec.person], []).append((what.split(",")[0].strip(), day, rating))

    def fitted(beeps, **prior):
        return clip_to_scale(estimate_activity_effects([b[0] for b in beeps], [b[1] for b in beeps],
                                                       [b[2] for b in beeps], **prior))

    everyone = {person: fitted(beeps) for person, beeps in people.items() if len(beeps) >= 5}
    sq: dict[str, list[float]] = {"own": [], "alone": [], "borrowing": []}
    for person, beeps in sorted(people.items()):
        pooled = pool_estimates([estimates_from_fit(f) for other, f in everyone.items() if other != person])
        for day in sorted({b[1] for b in beeps}):
            train, test = [b for b in beeps if b[1] != day], [b for b in beeps if b[1] == day]
            if not train:
                continue
            y, acts = np.array([b[2] for b in test]), [b[0] for b in test]
            sq["own"] += list((y - np.mean([b[2] for b in train])) ** 2)
            sq["alone"] += list((y - predict(fitted(train), acts)) ** 2)
            borrowed = fitted(train, prior_means=pooled.prior_means(), variance_prior=pooled.variance_prior())
            sq["borrowing"] += list((y - predict(borrowed, acts)) ** 2)
    rmse = {k: float(np.sqrt(np.mean(v))) for k, v in sq.items()}
    print(f"\nOffice workers' diaries: openESM 0022, Menghini et al. 2023 ({len(people)} people, three workdays, "
          f"median {int(np.median([len(b) for b in people.values()]))} beeps each; read from {where}).")
    print(f"Each day held out in turn, predicted from the other days ({len(sq['own'])} beeps): RMSE own mean "
          f"{rmse['own']:.4f}, ownpath {rmse['alone']:.4f} ({rmse['alone'] - rmse['own']:+.4f}), borrowing from the "
          f"other participants {rmse['borrowing']:.4f} ({rmse['borrowing'] - rmse['own']:+.4f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mpath-csv", type=Path, default=None)
    parser.add_argument("--members", type=int, default=40, help="new members scored with the organisation prior")
    parser.add_argument("--colleague-reps", type=int, default=100)
    args = parser.parse_args()
    simulated(args.people, args.seed)
    with_organisation(args.members, args.seed)
    colleagues(args.colleague_reps, args.seed)
    real(args.mpath_csv)
    office_workers()


if __name__ == "__main__":
    main()
