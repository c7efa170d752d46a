"""The one verdict ladder: how sure ownpath is of a direction, in words that keep their promise.

Every place that words certainty (insights, context, strengths, compare, path, track fit, the
CLI, the web pages and the report) calls :func:`verdict_for` with the posterior probability
that an effect is positive, p.  The word depends on p' = max(p, 1 - p), the probability of
the more likely direction:

    =============  ==============  =========================================
    word           p' at least     promise: claims made with it are right
    =============  ==============  =========================================
    "very sure"    0.975           at least 95% of the time
    "fairly sure"  0.90            at least 80% of the time
    "probably"     0.75            at least 65% of the time
    "not clear yet"  below 0.75    no direction is claimed
    =============  ==============  =========================================

Each threshold sits above its promise: a claim made at p' is right with probability p' when
the model is calibrated, and the margin absorbs the miscalibration left by simulated truths
that stray from the model (rounded, clipped ratings; activity mixes far from the prior).
bench/verdicts.py checks the promises on simulated journals of 1 to 240 entries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NOT_CLEAR = "not clear yet"
# Context findings claim a direction *and* a size beyond this (points on -2..+2): with
# many people, places and tools screened at once, a seventh of a point either way is no finding.
MATERIAL = 0.15
# The screened findings' prior (see screened_verdict): four in five of the people, places and
# tools in a journal make no material difference, and those that do move energy by about
# three quarters of a point (the demo's draining colleague: one point).
SCREENED_NULL_SHARE = 0.8
SCREENED_EFFECT_SCALE = 0.75
# (threshold on the probability of the more likely direction, word, promise)
LADDER = (
    (0.975, "very sure", 0.95),
    (0.90, "fairly sure", 0.80),
    (0.75, "probably", 0.65),
)
PROMISES = {word: promise for _, word, promise in LADDER}
THRESHOLDS = {word: threshold for threshold, word, _ in LADDER}
WORDS = tuple(word for _, word, _ in LADDER)


@dataclass(frozen=True)
class Claim:
    """A verdict on the direction of one effect.

    direction: +1 (up), -1 (down) or 0 (not clear yet); certainty: "very sure", "fairly sure",
    "probably" or None; short: "drains you — fairly sure" or "not clear yet".
    """

    direction: int
    certainty: str | None
    short: str
    probability: float  # of the direction claimed (of the more likely one when none is)

    @property
    def clear(self) -> bool:
        """True when a direction is claimed at all."""
        return self.direction != 0

    def at_least(self, word: str) -> bool:
        """True when the claim is at least as sure as ``word`` ("probably" < "fairly sure" < "very sure")."""
        return self.certainty is not None and self.probability >= THRESHOLDS[word]


def certainty_word(p_positive: float) -> str | None:
    """"very sure" / "fairly sure" / "probably" for P(effect > 0) = ``p_positive``, or None when unclear."""
    p = max(p_positive, 1.0 - p_positive)
    for threshold, word, _ in LADDER:
        if p >= threshold:
            return word
    return None


def verdict_for(p_positive: float, up: str = "energizes you", down: str = "drains you",
                unclear: str = NOT_CLEAR) -> Claim:
    """The verdict on an effect whose probability of being positive is ``p_positive``.

    Parameters
    ----------
    p_positive : float
        Posterior P(effect > 0), in [0, 1].
    up, down : str
        Words for the two directions ("energizes you" / "drains you", "feels better than now" /
        "feels worse than now", ...).
    unclear : str
        What to say when neither direction reaches "probably".

    Returns
    -------
    Claim
        direction (+1, -1 or 0), certainty word, short phrase ("drains you — fairly sure")
        and the probability of the claimed direction.
    """
    p = float(p_positive)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p_positive must be a probability, not {p_positive!r}")
    word = certainty_word(p)
    top = max(p, 1.0 - p)
    if word is None:
        return Claim(0, None, unclear, top)
    positive = p >= 0.5
    return Claim(1 if positive else -1, word, f"{up if positive else down} — {word}", top)


def is_sure(p_positive: float, word: str = "fairly sure") -> bool:
    """True when the direction of the effect is at least as sure as ``word``."""
    return verdict_for(p_positive).at_least(word)


def screened_verdict(estimate: float, sd: float, up: str = "energizes you", down: str = "drains you",
                     margin: float = MATERIAL, null_share: float = SCREENED_NULL_SHARE,
                     effect_scale: float = SCREENED_EFFECT_SCALE) -> Claim:
    """The verdict that an effect screened from many candidates is real and beyond ``margin``.

    For findings picked from every colleague, place and tool at once, most of which make no
    difference: the prior puts ``null_share`` of its mass on "no difference" and the rest on
    N(0, ``effect_scale``^2) (a spike and slab; Scott & Berger 2006 on why screening many
    candidates needs it).  The word is the ladder's for

        P(real) * P(effect beyond ``margin`` in the estimate's direction | real),

    so a level that makes no difference is not called energizing on the luck of a few
    entries, while an effect many intervals wide is named as before.  The promise is at least
    the ladder's: the probability is of the claim actually made (real, and that large).

    Parameters
    ----------
    estimate, sd : float
        The model's estimate of the effect and its SD (normal approximation).
    up, down : str
        Words for the two directions.
    margin : float
        The smallest effect worth a finding.
    null_share, effect_scale : float
        The prior: share of candidates that make no difference; SD of those that do.

    Returns
    -------
    Claim
        As :func:`verdict_for`, with ``probability`` = P(real and beyond margin in the claimed direction).
    """
    if not sd > 0:
        raise ValueError("sd must be positive")
    slab_var = sd * sd + effect_scale * effect_scale
    # Likelihood ratio of "real" against "no difference", computed in logs: an effect ten
    # SDs out would underflow the null's density.
    log_ratio = (0.5 * math.log(sd * sd / slab_var)
                 + 0.5 * estimate * estimate * (1.0 / (sd * sd) - 1.0 / slab_var))
    log_odds = math.log((1.0 - null_share) / null_share) + log_ratio
    p_real = 1.0 / (1.0 + math.exp(-log_odds)) if log_odds > -700 else 0.0
    shrink = effect_scale * effect_scale / slab_var
    mean, spread = estimate * shrink, sd * math.sqrt(shrink)
    beyond = p_real * 0.5 * math.erfc(-((abs(mean) - margin) / spread) / math.sqrt(2.0))
    if beyond < 0.5:
        return verdict_for(0.5, up, down)
    return verdict_for(beyond if estimate >= 0 else 1.0 - beyond, up, down)
