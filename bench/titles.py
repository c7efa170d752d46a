"""Benchmark the job-title normaliser on real O*NET alternate titles.

Holds out a seeded random 10% of the alternate titles, builds the index from the rest plus
the official and reported titles, and prints top-1 / top-5 accuracy (exact O*NET-SOC code
and same 6-digit SOC) and queries per second. "strict" also removes from the index every
title whose cleaned text equals a held-out one, so no query can be answered by an exact
duplicate published under another list (reported titles repeat many alternate titles).

Usage: PYTHONPATH=src python bench/titles.py [--data PATH] [--seed N] [--fraction F]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

from ownpath.analytics.title_normaliser import TitleIndex, title_tokens
from ownpath.occupations import onet_files


def shared_data() -> Path:
    """OWNPATH_SHARED_DATA, else the nearest ``shared/data`` above the repository."""
    env = os.environ.get("OWNPATH_SHARED_DATA")
    if env:
        return Path(env)
    for folder in Path(__file__).resolve().parents[1].parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def held_out_kind(code: str, title: str, index_codes: dict[tuple[str, ...], set[str]]) -> str:
    """Where a held-out title's cleaned text appears in the full title lists, by 6-digit SOC."""
    found = index_codes.get(tuple(title_tokens(title)), set())
    if code[:7] in found:
        return "listed under its own 6-digit SOC too"
    if len(found) == 1:
        return "listed only under 1 other SOC"
    if found:
        return "listed only under 2+ other SOCs"
    return "listed nowhere else"


def evaluate(index: TitleIndex, held_out: list[tuple[str, str]],
             kinds: list[str]) -> tuple[dict[str, float], dict[str, tuple[int, float]]]:
    """Accuracy figures and queries/s, plus top-5 6-digit accuracy per kind of held-out title."""
    started = time.perf_counter()
    results = index.search_many([title for _, title in held_out], limit=5)
    elapsed = time.perf_counter() - started
    hits = {"top1_exact": 0, "top5_exact": 0, "top1_soc6": 0, "top5_soc6": 0}
    per_kind: dict[str, list[int]] = {}
    for (code, _), matches, kind in zip(held_out, results, kinds):
        codes = [m.code for m in matches]
        hits["top1_exact"] += codes[:1] == [code]
        hits["top5_exact"] += code in codes
        hits["top1_soc6"] += bool(codes) and codes[0][:7] == code[:7]
        top5_soc6 = any(c[:7] == code[:7] for c in codes)
        hits["top5_soc6"] += top5_soc6
        per_kind.setdefault(kind, []).append(top5_soc6)
    figures = {k: v / len(held_out) for k, v in hits.items()}
    figures["queries_per_second"] = len(held_out) / elapsed
    return figures, {kind: (len(v), sum(v) / len(v)) for kind, v in sorted(per_kind.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data() / "onet-29.3")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fraction", type=float, default=0.10)
    args = parser.parse_args(argv)
    if not (args.data / "Alternate Titles.txt").is_file():
        print(f"no O*NET release at {args.data}", file=sys.stderr)
        return 2

    official = [(o.code, o.title) for o in onet_files.read_occupations(args.data / "Occupation Data.txt")]
    alternate = [(t.code, t.title) for t in onet_files.read_alternate_titles(args.data / "Alternate Titles.txt")
                 if t.kind == "alternate"]
    reported = [(t.code, t.title) for t in onet_files.read_reported_titles(args.data / "Sample of Reported Titles.txt")]
    rng = random.Random(args.seed)
    order = list(range(len(alternate)))
    rng.shuffle(order)
    cut = int(len(alternate) * args.fraction)
    held_out = [alternate[i] for i in order[:cut]]
    kept = [alternate[i] for i in order[cut:]]

    print(f"O*NET titles: {len(official)} official, {len(alternate)} alternate, {len(reported)} reported; "
          f"held out {len(held_out)} alternate (seed {args.seed})")
    # The ceiling: O*NET lists one title under several occupations, so a held-out title often
    # has a verbatim twin under another SOC only; the breakdown shows accuracy per such kind.
    index_codes: dict[tuple[str, ...], set[str]] = {}
    for code, title in official + kept + reported:
        index_codes.setdefault(tuple(title_tokens(title)), set()).add(code[:7])
    kinds = [held_out_kind(code, title, index_codes) for code, title in held_out]
    for label, index_titles in (("default", official + kept + reported),
                                ("strict", None)):
        if index_titles is None:
            held_keys = {tuple(title_tokens(t)) for _, t in held_out}
            index_titles = [(c, t) for c, t in official + kept + reported
                            if tuple(title_tokens(t)) not in held_keys]
        started = time.perf_counter()
        index = TitleIndex(index_titles)
        build = time.perf_counter() - started
        figures, per_kind = evaluate(index, held_out, kinds)
        print(f"[{label}] index {len(index)} titles built in {build:.2f} s | "
              f"top-1 exact {figures['top1_exact']:.3f}  top-5 exact {figures['top5_exact']:.3f} | "
              f"top-1 6-digit {figures['top1_soc6']:.3f}  top-5 6-digit {figures['top5_soc6']:.3f} | "
              f"{figures['queries_per_second']:.0f} queries/s")
        print("    top-5 6-digit by held-out kind: " + "; ".join(
            f"{kind} {n / len(held_out):.0%}: {accuracy:.3f}" for kind, (n, accuracy) in per_kind.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
