"""Does value elicitation find the order a person holds, and how many questions does it take?

Simulated people hold planted strengths for the twelve values. On the first screen each picks
the values that matter (their top `picked`) and orders them (the card sort); then they answer
the questions ``plan_questions`` asks until it stops. Two kinds of respondent:

- consistent: sorts in their true order and always picks the value they hold higher;
- noisy: sorts by a Plackett–Luce draw from their strengths and answers by Bradley–Terry
  (so near-ties in the planted order come out either way).

For each it prints how often the top four come out in the planted order, and how many
questions were asked (median, max, and the largest "of about N" count shown, which must
never be below the question number). For contrast, the old way: 12 broad BALD questions
without a card sort. Target: consistent respondents recovered (top four in order) after the
first screen plus at most 8 questions.
Run: PYTHONPATH=src python bench/values_elicitation.py
"""

from __future__ import annotations

import numpy as np

from ownpath.analytics.values_elicitation import (VALUE_SLUGS, PairAnswer, fit_weights, next_pair,
                                                  plan_questions)

PEOPLE = 60


def planted(seed: int, spread: float) -> dict[str, float]:
    """Strengths evenly spaced over [-spread, spread], in a random order of the values."""
    rng = np.random.default_rng(seed)
    strengths = np.linspace(-spread, spread, len(VALUE_SLUGS))
    rng.shuffle(strengths)
    return dict(zip(VALUE_SLUGS, strengths))


def card_sort(strengths: dict[str, float], picked: int, rng, noisy: bool) -> list[str]:
    """The values a person picks and orders: the true order, or a Plackett–Luce (Gumbel) draw."""
    noise = rng.gumbel(size=len(VALUE_SLUGS)) if noisy else np.zeros(len(VALUE_SLUGS))
    perceived = {s: strengths[s] + noise[i] for i, s in enumerate(VALUE_SLUGS)}
    return sorted(perceived, key=perceived.get, reverse=True)[:picked]


def answer(strengths, a, b, rng, noisy: bool) -> PairAnswer:
    """Pick the value held higher (always, or with the Bradley–Terry chance)."""
    p_a = 1 / (1 + np.exp(-(strengths[a] - strengths[b])))
    wins_a = rng.random() < p_a if noisy else p_a > 0.5
    return PairAnswer(a, b, a if wins_a else b)


def one_person(seed: int, spread: float, picked: int, noisy: bool):
    """Card sort then planned questions; (top four right?, questions, largest 'of about' shown, ok)."""
    strengths = planted(seed, spread)
    rng = np.random.default_rng(10_000 + seed)
    ranking = card_sort(strengths, picked, rng, noisy)
    answers: list[PairAnswer] = []
    counts_true = True
    largest_about = 0
    while True:
        plan = plan_questions(answers, ranking=ranking)
        if plan.settled:
            break
        number = len(answers) + 1
        largest_about = max(largest_about, plan.expected_total)
        counts_true &= plan.expected_total >= number
        answers.append(answer(strengths, *plan.next, rng, noisy))
    fit = fit_weights(answers, ranking=ranking, draws=200)
    truth = sorted(strengths, key=strengths.get, reverse=True)[:4]
    found = [w.slug for w in fit.ranked()[:4]]
    return found == truth, len(answers), largest_about, counts_true


def broad_only(seed: int, spread: float, questions: int = 12) -> bool:
    """The old way: broad BALD questions, no card sort; top four in order?"""
    strengths = planted(seed, spread)
    rng = np.random.default_rng(20_000 + seed)
    answers: list[PairAnswer] = []
    for _ in range(questions):
        answers.append(answer(strengths, *next_pair(answers), rng, noisy=False))
    fit = fit_weights(answers, draws=200)
    truth = sorted(strengths, key=strengths.get, reverse=True)[:4]
    return [w.slug for w in fit.ranked()[:4]] == truth


def main() -> None:
    print(f"{PEOPLE} simulated people per row; 'top 4' = the four most important values in the planted order")
    print(f"{'respondent':<11} {'spread':>6} {'picked':>6} {'top 4':>6} {'questions med/max':>18} "
          f"{'max of-about':>12} {'count true':>10}")
    for noisy in (False, True):
        for spread in (2.0, 4.0, 8.0):
            for picked in (4, 6, 8):
                runs = [one_person(seed, spread, picked, noisy) for seed in range(PEOPLE)]
                right = np.mean([r[0] for r in runs])
                questions = [r[1] for r in runs]
                print(f"{'noisy' if noisy else 'consistent':<11} {spread:>6.1f} {picked:>6d} {right:>6.0%} "
                      f"{np.median(questions):>9.0f} / {max(questions):<6d} {max(r[2] for r in runs):>12d} "
                      f"{'yes' if all(r[3] for r in runs) else 'NO':>10}")
    for spread in (2.0, 4.0):
        right = np.mean([broad_only(seed, spread) for seed in range(PEOPLE)])
        print(f"old way, 12 broad questions, consistent, spread {spread}: top 4 in order {right:.0%}")


if __name__ == "__main__":
    main()
