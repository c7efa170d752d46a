"""How many paired comparisons does value elicitation need? Prints rank recovery by answers.

Simulated people answer by a Bradley–Terry model with planted strengths spread evenly over
[-spread, spread]; for each number of answers it prints the median Spearman correlation
between fitted and planted weights and how often the planted top value is in the fitted
top 3, for adaptive (BALD) questions and for random pairs.
Run: PYTHONPATH=src python bench/values_elicitation.py
"""

from itertools import combinations

import numpy as np
from scipy.stats import spearmanr

from ownpath.analytics.values_elicitation import VALUE_SLUGS, PairAnswer, fit_weights, next_pair

PEOPLE = 40
PAIRS = list(combinations(VALUE_SLUGS, 2))


def one_person(seed: int, n_answers: int, adaptive: bool, spread: float):
    rng = np.random.default_rng(seed)
    strengths = np.linspace(-spread, spread, len(VALUE_SLUGS))
    rng.shuffle(strengths)
    index = {s: i for i, s in enumerate(VALUE_SLUGS)}
    answers: list[PairAnswer] = []
    for _ in range(n_answers):
        a, b = next_pair(answers) if adaptive else PAIRS[rng.integers(len(PAIRS))]
        p_a = 1 / (1 + np.exp(-(strengths[index[a]] - strengths[index[b]])))
        answers.append(PairAnswer(a, b, a if rng.random() < p_a else b))
    fit = fit_weights(answers, draws=200)
    fitted = np.array([fit.weights[s].weight for s in VALUE_SLUGS])
    top3 = np.argmax(strengths) in np.argsort(-fitted)[:3]
    return spearmanr(fitted, strengths).statistic, top3


def main() -> None:
    print(f"{PEOPLE} simulated people per cell; Spearman median (top value in fitted top 3)")
    for spread in (2.0, 4.0):
        print(f"\nplanted strengths spread +/-{spread} (adjacent values {2 * spread / 11:.2f} apart)")
        print("answers   adaptive            random")
        for n in (8, 12, 16, 20, 30):
            cells = []
            for adaptive in (True, False):
                runs = [one_person(seed, n, adaptive, spread) for seed in range(PEOPLE)]
                rho = np.median([r[0] for r in runs])
                top = np.mean([r[1] for r in runs])
                cells.append(f"{rho:5.2f} ({top:4.0%})")
            print(f"{n:7d}   {cells[0]:<18}  {cells[1]}")


if __name__ == "__main__":
    main()
