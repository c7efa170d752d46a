"""Does the context model find what drives energy beyond the activity — and only that?

Three checks, figures printed in one run:

1. Recovery and coverage on simulated journals with known context effects
   (``demo.personas.generate_context_journal`` with ``ACTIVE_CONTEXT``): for every place,
   kind of company and tool, the true effect on the latent scale against the estimate, the
   share of 90% intervals that contain it, and the same for the dose of the day (the drop
   after 8 h against the start of the day; after 2 meetings back to back).  Effects are
   contrasts with their baseline, as the model reports them (a place or tool against the
   entries without it, a kind of company against the time alone), and the ratings are rounded and clipped to -2..+2 as people log them, so the
   latent truth is attenuated a little.
2. Null context effects (``NULL_CONTEXT``): mean squared error of held-out days predicted by
   the activity-only model (energy_model) and by the context model; adding factors should
   not make it worse.
3. Real experience-sampling data nobody on the project wrote: the m-Path example study
   (20 participants, ~10 beeps a day for 10 days; energy 0-100, what are you doing, where,
   with whom, time), shipped in the mpathr R package (GPL-3, github.com/m-path-io/mpathr,
   file inst/extdata/example_basic.csv).  It is *not* copied into this repository: give its
   path with --mpath-csv or fetch a snapshot to /work/.mirror/m-path-io+mpathr (the default);
   when absent the check is skipped with that reason.  Per participant, leave-one-day-out:
   the activity-only and the context model (place, company, time of day) are fitted on the
   other days and predict the held-out day; the MSE of both is printed.

Run:  PYTHONPATH=src python bench/context_effects.py [--reps 20] [--weeks 16]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import subprocess
import time
from pathlib import Path

import numpy as np

from ownpath.analytics.context_model import Curve, estimate_context_effects
from ownpath.analytics.energy_model import estimate_activity_effects
from ownpath.demo.personas import ACTIVE_CONTEXT, NULL_CONTEXT, generate_context_journal
from ownpath.insights.context import TIME_OF_DAY_KNOTS, WEIGHT_CLIP, ContextRows, fit_context

MIRROR = Path("/work/.mirror/m-path-io+mpathr/repo")
MPATH_PATH = "inst/extdata/example_basic.csv"


def rows_from_journal(journal: list[dict]) -> ContextRows:
    """Plain context columns from generated raw episodes (the same columns the service builds)."""
    from ownpath.journal.validation import split_list

    def start_hours(text):
        hour, minute = text.split(":")
        return int(hour) + int(minute) / 60.0

    return ContextRows(
        days=np.array([dt.date.fromisoformat(e["date"]).toordinal() for e in journal]),
        activities=[e["activity"] for e in journal],
        hours=np.array([e["hours"] for e in journal], dtype=float),
        energy=np.array([e["energy"] for e in journal], dtype=float),
        starts=np.array([start_hours(e["start"]) for e in journal]),
        places=[e["where"] for e in journal],
        people=[tuple(split_list(e["with"])) for e in journal],
        tools=[(e["tools"],) if e["tools"] else () for e in journal],
        flow=np.array([e["flow"] for e in journal], dtype=bool),
        is_meeting=np.array([e["activity"] == "meetings" for e in journal]),
    )


def _measures(fit) -> dict[str, tuple[float, float, float]]:
    """Every effect the check looks at: (estimate, low, high) by name."""
    out = {}
    for factor in ("place", "tools", "people"):
        for e in fit.factors[factor]:
            out[f"{factor}: {e.level}"] = (e.estimate, e.low, e.high)
    out["hours_before: f(8) - f(0)"] = fit.curve_difference("hours_before", 0.0, 8.0)
    out["meetings_before: f(2) - f(0)"] = fit.curve_difference("meetings_before", 0.0, 2.0)
    # Days start at about the same time here, so time of day and hours worked are nearly
    # the same thing: the two curves share the drop.  Their sum is identified.
    out["8 h worked at 16:30 vs start at 8:30 (both curves)"] = fit.contrast(
        [(1, {"activity": "admin", "curves": {"hours_before": 8.0, "time_of_day": 16.5}}),
         (-1, {"activity": "admin", "curves": {"hours_before": 0.0, "time_of_day": 8.5}})])
    if "activity x place" in fit.factors:
        def at(activity, place):
            return {"activity": activity, "factors": {"place": place}}
        # (customers at the client site - at the office) - (the same for admin): latent truth 0.8.
        out["customers at client site vs office, minus admin's"] = fit.contrast(
            [(1, at("customers", "client site")), (-1, at("customers", "office")),
             (-1, at("admin", "client site")), (1, at("admin", "office"))])
    return out


def against_baseline(truth: dict[str, float], counts: dict[str, int], level: str, total: int,
                     solo: tuple[str, ...] = ()) -> float:
    """A level's true effect against the model's baseline: the entries without it, or (people) alone."""
    if level not in solo and any(k in counts for k in solo):
        return truth[level] - sum(truth[k] for k in solo if k in counts) / len([k for k in solo if k in counts])
    without = total - counts.get(level, 0)
    return truth[level] - sum(truth[k] * counts[k] for k in truth if k != level) / max(without, 1)


def _latent_truth(name: str, counts: dict[str, dict[str, int]], total: int = 0) -> float:
    kind, _, level = name.partition(": ")
    if kind in ("place", "tools", "people"):
        truth = {"place": ACTIVE_CONTEXT.places, "tools": ACTIVE_CONTEXT.tools, "people": ACTIVE_CONTEXT.people}[kind]
        full = {lvl: truth.get(lvl, 0.0) for lvl in counts[kind]}  # named colleagues: no effect of their own
        return against_baseline(full, counts[kind], level, total, ("alone",) if kind == "people" else ())
    if name.startswith("hours_before") or name.startswith("8 h"):
        return -ACTIVE_CONTEXT.hours_drop * 2.0
    if name.startswith("meetings_before"):
        return -ACTIVE_CONTEXT.meeting_drop * 2.0
    return ACTIVE_CONTEXT.place_by_activity[("customers", "client site")]


def recovery(reps: int, weeks: int, seed: int) -> None:
    """Check 1: recovery and 90% coverage of every simulated context effect.

    The estimand is what the model converges to on ratings rounded and clipped to -2..+2:
    the same model fitted to one 400-week journal with the same truth (the "rating-scale
    truth"); the latent effects are printed beside it.
    """
    start = time.perf_counter()
    big = fit_context(rows_from_journal(generate_context_journal("top_salesperson", ACTIVE_CONTEXT, weeks=400,
                                                                 seed=seed + 10_000)))
    estimand = {name: est for name, (est, _, _) in _measures(big).items()}
    counts = {f: {e.level: e.episodes for e in big.factors[f]} for f in ("place", "tools", "people")}
    big_time = time.perf_counter() - start
    per_name: dict[str, list[tuple[float, bool]]] = {}
    start = time.perf_counter()
    for rep in range(reps):
        journal = generate_context_journal("top_salesperson", ACTIVE_CONTEXT, weeks=weeks, seed=seed + rep)
        fit = fit_context(rows_from_journal(journal))
        for name, (est, low, high) in _measures(fit).items():
            if name in estimand:
                per_name.setdefault(name, []).append((est, low <= estimand[name] <= high))
    elapsed = time.perf_counter() - start
    print(f"1. Recovery, {reps} simulated journals of {weeks} weeks (~{len(journal)} entries each), "
          f"{elapsed / reps:.2f} s per fit; rating-scale truth from one 400-week journal ({big_time:.1f} s)")
    print(f"   {'effect':<52} {'latent':>7} {'rating':>7} {'mean est':>9} {'90% cover':>10}")
    covered_all = []
    for name, items in per_name.items():
        covered_all += [c for _, c in items]
        print(f"   {name:<52} {_latent_truth(name, counts, big.n_episodes):+7.2f} {estimand[name]:+7.2f} "
              f"{np.mean([e for e, _ in items]):+9.2f} {np.mean([c for _, c in items]):10.2f}")
    print(f"   all effects: coverage of the rating-scale truth {np.mean(covered_all):.3f} "
          f"over {len(covered_all)} intervals")


def held_out_null(reps: int, weeks: int, seed: int) -> None:
    """Check 2: with null context effects, held-out days predicted no worse with the factors."""
    mse_act, mse_ctx = [], []
    for rep in range(reps):
        journal = generate_context_journal("research_analyst", NULL_CONTEXT, weeks=weeks, seed=1000 + seed + rep)
        rows = rows_from_journal(journal)
        days = np.unique(rows.days)
        test_days = set(np.random.default_rng(rep).choice(days, size=len(days) // 4, replace=False).tolist())
        test = np.array([d in test_days for d in rows.days])
        a, c = _fit_and_predict(rows, ~test, test)
        mse_act.append(np.mean((rows.energy[test] - a) ** 2))
        mse_ctx.append(np.mean((rows.energy[test] - c) ** 2))
    diff = np.array(mse_ctx) - np.array(mse_act)
    print(f"2. Null context effects, {reps} journals, a quarter of the days held out:")
    print(f"   held-out MSE activity-only {np.mean(mse_act):.4f}, with context {np.mean(mse_ctx):.4f} "
          f"(difference {np.mean(diff):+.4f} ± {np.std(diff) / np.sqrt(reps):.4f} s.e.; "
          f"context worse by more than 0.001 in {np.mean(diff > 0.001):.0%} of journals; "
          f"largest difference {np.max(diff):+.4f})")


def _subset(rows: ContextRows, mask: np.ndarray) -> ContextRows:
    pick = np.flatnonzero(mask)
    return ContextRows(rows.days[pick], [rows.activities[i] for i in pick], rows.hours[pick], rows.energy[pick],
                       rows.starts[pick], [rows.places[i] for i in pick], [rows.people[i] for i in pick],
                       [rows.tools[i] for i in pick], rows.flow[pick], rows.is_meeting[pick])


def _fit_and_predict(rows: ContextRows, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from ownpath.analytics.context_model import day_dose

    tr, te = _subset(rows, train), _subset(rows, test)
    # Hours-weighted like the context fit (and the insights service), so only the factors differ.
    weights = np.round(4.0 * np.clip(tr.hours / np.median(tr.hours), *WEIGHT_CLIP)) / 4.0
    activity_fit = estimate_activity_effects(tr.activities, tr.days, tr.energy, weights)
    by_activity = np.array([activity_fit.mean + activity_fit.effect_for(a).estimate for a in te.activities])
    context_fit = fit_context(tr)
    hb, mb = day_dose(te.days, te.starts, te.hours, te.is_meeting)
    curves = {"hours_before": hb, "meetings_before": mb, "time_of_day": te.starts}
    by_context = context_fit.predict(te.activities, {"people": te.people, "place": te.places, "tools": te.tools},
                                     curves)
    return by_activity, by_context


def read_mpath(path: Path | None) -> tuple[list[dict], str] | tuple[None, str]:
    """The m-Path example study's answered beeps, or None and why not."""
    if path is not None:
        if not path.is_file():
            return None, f"{path} does not exist"
        text = path.read_text(encoding="utf-8-sig")
        source = str(path)
    elif (MIRROR / "HEAD").exists() or MIRROR.is_dir():
        done = subprocess.run(["git", "show", f"HEAD:{MPATH_PATH}"], cwd=MIRROR, capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"no {MPATH_PATH} in {MIRROR}"
        text = done.stdout.lstrip("\ufeff")
        source = f"{MIRROR} ({MPATH_PATH})"
    else:
        return None, f"no snapshot at {MIRROR} and no --mpath-csv given"
    beeps = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        energy = (row.get("slider_energetic_sliderNegPos") or "").strip()
        activity = (row.get("context_activity_multipleChoice_string") or "").strip().strip('"')
        start = (row.get("timeStampStart") or "").strip()
        if row.get("questionListName") != "main_questionnaire" or not energy or not activity or not start:
            continue
        offset = float(row.get("deltaUTC") or 0.0)
        moment = dt.datetime.fromtimestamp(float(start) + offset, dt.timezone.utc)
        beeps.append({
            "person": row["connectionId"], "day": moment.date().toordinal(),
            "hour": moment.hour + moment.minute / 60.0, "energy": (float(energy) - 50.0) / 25.0,
            "activity": activity.lower(),
            "place": (row.get("context_location_multipleChoice_string") or "").strip().strip('"').strip().lower(),
            "company": (row.get("context_company_multipleChoice_string") or "").strip().strip('"').lower(),
        })
    return beeps, source


def real_data(path: Path | None) -> None:
    """Check 3: leave-one-day-out prediction on real experience-sampling data."""
    beeps, source = read_mpath(path)
    if beeps is None:
        print(f"3. Real experience-sampling data: SKIPPED ({source})")
        return
    people = sorted({b["person"] for b in beeps})
    err_act, err_ctx, err_mean = [], [], []
    for person in people:
        mine = [b for b in beeps if b["person"] == person]
        days = sorted({b["day"] for b in mine})
        if len(days) < 4 or len(mine) < 30:
            continue
        for held in days:
            train = [b for b in mine if b["day"] != held]
            test = [b for b in mine if b["day"] == held]
            col = lambda rows, k: [r[k] for r in rows]  # noqa: E731
            act_fit = estimate_activity_effects(col(train, "activity"), col(train, "day"), col(train, "energy"))
            pred_act = np.array([act_fit.mean + act_fit.effect_for(a).estimate for a in col(test, "activity")])
            ctx_fit = estimate_context_effects(
                col(train, "activity"), col(train, "day"), col(train, "energy"),
                factors={"place": col(train, "place"), "company": col(train, "company")},
                curves={"time_of_day": Curve(np.array(col(train, "hour")), TIME_OF_DAY_KNOTS, 9.0)})
            pred_ctx = ctx_fit.predict(col(test, "activity"), {"place": col(test, "place"),
                                                                "company": col(test, "company")},
                                       {"time_of_day": np.array(col(test, "hour"))})
            y = np.array(col(test, "energy"))
            err_act += list((y - pred_act) ** 2)
            err_ctx += list((y - pred_ctx) ** 2)
            err_mean += list((y - np.mean(col(train, "energy"))) ** 2)
    err_act, err_ctx = np.array(err_act), np.array(err_ctx)
    diff = err_ctx - err_act
    print(f"3. Real experience-sampling data: m-Path example study (mpathr, GPL-3; read from {source}),")
    print(f"   {len(people)} participants, {len(err_act)} beeps predicted leave-one-day-out "
          f"(energy 0-100 rescaled to -2..+2):")
    print(f"   MSE person's mean {np.mean(err_mean):.4f} | activity only {err_act.mean():.4f} | "
          f"activity + place + company + time of day {err_ctx.mean():.4f} "
          f"(difference {diff.mean():+.4f} ± {diff.std() / np.sqrt(len(diff)):.4f} s.e.)")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mpath-csv", type=Path, default=None)
    args = parser.parse_args()
    recovery(args.reps, args.weeks, args.seed)
    held_out_null(args.reps, args.weeks, args.seed)
    real_data(args.mpath_csv)


if __name__ == "__main__":
    main()
