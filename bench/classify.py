"""How well do event titles/notes get their activity? Classifier vs keyword rules.

Labelled set built from real text we did not write: O*NET 29.3 task statements, each
labelled through O*NET 27.0 "Tasks to DWAs" -> the DWA's generalized work activity (GWA)
-> our activity (ownpath.taxonomy.activity_for_gwa). Only tasks whose DWAs all point to
one activity are scored for top-1 (unambiguous labels); "any-label" accuracy on all
linked tasks counts a hit when the prediction is any of the task's activities.

Test set: tasks of a fixed half of occupations (chosen by a hash of the O*NET-SOC code).
Training variants, all disjoint from the test text:
  rules     the default keyword rules (no training)
  shipped   our hand-written phrases + taxonomy labels/descriptions
  +dwa      shipped + O*NET DWA titles (what a user gets after loading O*NET)
  +tasks    +dwa + task statements of the OTHER half of occupations (stands in for the
            person's own past assignments; never the test occupations)

Run: PYTHONPATH=src python bench/classify.py
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from ownpath.analytics.activity_rules import default_rules
from ownpath.analytics.text_classifier import (
    LabelledText,
    TextClassifier,
    builtin_examples,
    dwa_examples,
)
from ownpath.taxonomy import activity_for_gwa


def shared_data() -> Path:
    """The shared reference data folder (OWNPATH_SHARED_DATA, else ../shared/data upwards)."""
    if os.environ.get("OWNPATH_SHARED_DATA"):
        return Path(os.environ["OWNPATH_SHARED_DATA"])
    here = Path(__file__).resolve().parent.parent
    for base in (here, *here.parents):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    sys.exit("shared data not found: set OWNPATH_SHARED_DATA")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def is_test_occupation(soc: str) -> bool:
    return hashlib.sha256(soc.encode()).digest()[0] % 2 == 0


def labelled_tasks(data: Path):
    tasks = {row["Task ID"]: row for row in read_tsv(data / "onet-29.3" / "Task Statements.txt")}
    labels: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(data / "onet-27.0" / "Tasks to DWAs.txt"):
        activity = activity_for_gwa(row["DWA ID"])
        if activity and row["Task ID"] in tasks:
            labels[row["Task ID"]].add(activity)
    return [(tasks[t]["Task"], tasks[t]["O*NET-SOC Code"], frozenset(a)) for t, a in labels.items()]


def rules_ranking(rules, text: str) -> list[str]:
    ranked: list[str] = []
    for rule in rules:
        if rule.activity not in ranked and rule.matches(text):
            ranked.append(rule.activity)
    return ranked


def score(rankings: list[list[str]], gold: list[frozenset[str]], classes: list[str]) -> dict[str, float]:
    unambiguous = [i for i, g in enumerate(gold) if len(g) == 1]
    top1 = np.mean([bool(rankings[i]) and rankings[i][0] in gold[i] for i in unambiguous])
    top3 = np.mean([bool(set(rankings[i][:3]) & gold[i]) for i in unambiguous])
    any_label = np.mean([bool(r) and r[0] in g for r, g in zip(rankings, gold)])
    f1s = []
    for activity in classes:
        tp = sum(1 for i in unambiguous if rankings[i][:1] == [activity] and activity in gold[i])
        fp = sum(1 for i in unambiguous if rankings[i][:1] == [activity] and activity not in gold[i])
        fn = sum(1 for i in unambiguous if activity in gold[i] and rankings[i][:1] != [activity])
        if tp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn)
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    answered = np.mean([bool(rankings[i]) for i in unambiguous])
    return {"top1": top1, "top3": top3, "macro_f1": float(np.mean(f1s)), "any": any_label, "answered": answered}


def main() -> None:
    data = shared_data()
    started = time.perf_counter()
    everything = labelled_tasks(data)
    train_tasks = [t for t in everything if not is_test_occupation(t[1])]
    # The same statement can belong to several occupations: keep the test text disjoint.
    seen_in_training = {t[0].strip().lower() for t in train_tasks}
    test = [t for t in everything if is_test_occupation(t[1]) and t[0].strip().lower() not in seen_in_training]
    test_texts = [t[0] for t in test]
    gold = [t[2] for t in test]
    classes = sorted({a for g in gold for a in g})
    train_text_set = set()
    dwa_rows = [(r["DWA ID"], r["DWA Title"]) for r in read_tsv(data / "onet-29.3" / "DWA Reference.txt")]

    shipped = builtin_examples()
    with_dwa = shipped + dwa_examples(dwa_rows, weight=1.0)
    with_tasks = with_dwa + [LabelledText(text, next(iter(labels)), source="tasks")
                             for text, _, labels in train_tasks if len(labels) == 1]
    for example in with_tasks:
        train_text_set.add(example.text.strip().lower())
    overlap = sum(1 for text in test_texts if text.strip().lower() in train_text_set)
    test = [t for t in test if t[0].strip().lower() not in train_text_set]
    test_texts = [t[0] for t in test]
    gold = [t[2] for t in test]

    print(f"Labelled set: {len(everything)} O*NET task statements linked to DWAs; "
          f"test = {len(test)} tasks of {len({t[1] for t in test})} occupations "
          f"({sum(len(g) == 1 for g in gold)} with one unambiguous activity); "
          f"{len(classes)} activities present; {overlap} test texts equal to a training text were dropped")
    print(f"Test label distribution (unambiguous): "
          + ", ".join(f"{a} {n}" for a, n in Counter(next(iter(g)) for g in gold if len(g) == 1).most_common()))
    print()
    header = f"{'method':<40}{'trained on':>11}{'top-1':>8}{'top-3':>8}{'macro-F1':>10}{'any-label':>11}{'answered':>10}"
    print(header)
    print("-" * len(header))

    rules = default_rules()
    rankings = [rules_ranking(rules, text) for text in test_texts]
    _row("keyword rules (default set)", 0, score(rankings, gold, classes))

    for name, examples in (("classifier: shipped phrases", shipped),
                           ("classifier: shipped + DWA titles", with_dwa),
                           ("classifier: + other occupations' tasks", with_tasks)):
        fit_started = time.perf_counter()
        model = TextClassifier().fit(examples)
        fit_seconds = time.perf_counter() - fit_started
        probabilities = model.predict_proba(test_texts)
        order = np.argsort(-probabilities, axis=1)[:, :3]
        rankings = [[model.classes[j] for j in row] for row in order]
        _row(name, len(examples), score(rankings, gold, classes), f"fit {fit_seconds:.2f}s")
        if name.endswith("DWA titles"):
            combined = []
            for text, ranking in zip(test_texts, rankings):
                rule = rules_ranking(rules, text)[:1]
                combined.append(rule + [a for a in ranking if a not in rule])
            _row("rules first, then shipped + DWA", len(examples), score(combined, gold, classes))

    uniform = sum(1 for g in gold if len(g) == 1) and 1 / len(classes)
    majority = Counter(next(iter(g)) for g in gold if len(g) == 1).most_common(1)[0][1] / sum(len(g) == 1 for g in gold)
    print()
    print(f"Chance: uniform top-1 {uniform:.3f}; always-most-common-activity top-1 {majority:.3f}.")
    print("'answered' = share of test texts given any activity (rules stay silent when no keyword matches).")
    print(f"Total {time.perf_counter() - started:.1f}s. O*NET task language is formal; calendar titles are "
          "short and informal, so these figures measure transfer, not in-product accuracy.")


def _row(name: str, size: int, figures: dict[str, float], extra: str = "") -> None:
    print(f"{name:<40}{size:>11}{figures['top1']:>8.3f}{figures['top3']:>8.3f}{figures['macro_f1']:>10.3f}"
          f"{figures['any']:>11.3f}{figures['answered']:>10.3f}  {extra}")


if __name__ == "__main__":
    main()
