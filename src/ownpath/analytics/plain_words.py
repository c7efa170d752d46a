"""Plain words for the statistics: what the user reads instead of intervals and probabilities.

Certainty is worded by the one verdict ladder, :mod:`ownpath.analytics.verdicts`
("very sure" / "fairly sure" / "probably" / "not clear yet", each with its stated promise);
below "probably" no direction is claimed and the missing entries are named.

An effect whose whole interval lies within +-0.3 of the person's average, with at least
``MIN_NEUTRAL_ENTRIES`` entries behind it, is "about neutral" (a sure absence of an effect is
a finding too; the entry floor keeps the prior alone from making that claim).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ownpath.analytics.normal import normal_quantile
from ownpath.analytics.verdicts import NOT_CLEAR, THRESHOLDS, verdict_for

if TYPE_CHECKING:  # types only: importing the model (and SciPy) would slow every command's start
    from ownpath.analytics.energy_model import ActivityEffect, EffectsFit

NEUTRAL_BAND = 0.3
MIN_NEUTRAL_ENTRIES = 8
# Entries needed are computed for an effect at least this large when the estimate is
# smaller (a smaller one hardly matters for a person's choices).
SMALLEST_EFFECT_WORTH_KNOWING = 0.3
FAIRLY_SURE = THRESHOLDS["fairly sure"]

_DIRECTIONS = {
    "energy": ("energizes you", "drains you", NOT_CLEAR),
    "skill": ("goes better than your average", "goes less well than your average", NOT_CLEAR),
}


def signed(value: float | None, digits: int = 1, missing: str = "—") -> str:
    """A number with its sign always written (+0.4, -1.2), so a direction never rests on colour alone.

    A value that rounds to zero is "+0.0", never "-0.0"; None is ``missing``.
    """
    if value is None:
        return missing
    text = f"{float(value):+.{int(digits)}f}"
    return "+" + text[1:] if float(text) == 0 else text


def counted(count: int | float, singular: str, plural: str | None = None) -> str:
    """'1 day', '3 days', '12,000 entries' (with plural='entries'): a number with its noun agreeing."""
    number = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{number} {singular if count == 1 else (plural or singular + 's')}"


def entries_word(count: int) -> str:
    """'1 entry', '14 entries'."""
    return counted(count, "entry", "entries")


@dataclass(frozen=True)
class Verdict:
    """What an activity does to a person, in the one wording every surface shows.

    direction: "energizes", "drains", "neutral", "unclear" or "not_logged"; certainty: "very
    sure" / "fairly sure" / "probably" or None; short: "drains you — very sure"; words: short
    plus the entries behind it; quadrant: the energy x skill place, "unclear" unless the skill
    ratings place it *and* the energy direction is clear (so the two never disagree).
    """

    direction: str
    certainty: str | None
    short: str
    words: str
    quadrant: str = "unclear"
    quadrant_words: str = ""


def _direction_verdict(effect: ActivityEffect, kind: str) -> Verdict:
    up, down, unclear = _DIRECTIONS[kind]
    if effect.episodes == 0:
        return Verdict("not_logged", None, "not logged yet", "not logged yet")
    entries = entries_word(effect.episodes)
    if (effect.episodes >= MIN_NEUTRAL_ENTRIES and -NEUTRAL_BAND <= effect.low
            and effect.high <= NEUTRAL_BAND):
        return Verdict("neutral", None, "about neutral for you", f"about neutral for you — {entries}")
    claim = verdict_for(effect.p_positive, up, down, unclear)
    if not claim.clear:
        return Verdict("unclear", None, unclear, f"{unclear} — {entries}")
    positive = claim.direction > 0
    direction = ("energizes" if positive else "drains") if kind == "energy" else ("better" if positive else "worse")
    return Verdict(direction, claim.certainty, claim.short, f"{claim.short}, {entries}")


_QUADRANT_DIRECTION = {"compensable_strength": "energizes", "growth_edge": "energizes",
                       "trap_strength": "drains", "drain": "drains"}


def activity_verdict(energy: ActivityEffect, quadrant: str = "unclear") -> Verdict:
    """The one verdict on an activity, used by the CLI, the tables, the charts and the story.

    ``quadrant`` is the energy x skill call (strengths.classify_quadrant); it is kept only
    when the energy direction is itself clear and points the same way, else "unclear".
    """
    verdict = _direction_verdict(energy, "energy")
    place = quadrant if _QUADRANT_DIRECTION.get(quadrant) == verdict.direction else "unclear"
    place_words = QUADRANT_WORDS[place] if place != "unclear" else f"{verdict.short}; not yet clear if it is a strength"
    return Verdict(verdict.direction, verdict.certainty, verdict.short, verdict.words, place, place_words)


def describe_effect(effect: ActivityEffect, kind: str = "energy") -> str:
    """One phrase for an effect, e.g. "drains you — fairly sure, 14 entries".

    ``kind`` is "energy" or "skill".  Never-logged activities say so.
    """
    return _direction_verdict(effect, kind).words


# Past this many, the count is too uncertain to state: the effect may simply be small.
MANY_ENTRIES = 30


def entries_needed(effect: ActivityEffect, fit: EffectsFit, target: float = FAIRLY_SURE) -> int:
    """About how many more entries would make the direction of this effect `target`-sure.

    0 when it already is.  Assumes new entries land on varied days (each adds the
    information of one rating with noise and day variance) and the effect stays at its
    current estimate, or at SMALLEST_EFFECT_WORTH_KNOWING if that is smaller.
    """
    if max(effect.p_positive, 1.0 - effect.p_positive) >= target:
        return 0
    per_entry_var = fit.noise_sd**2 + fit.day_sd**2
    if per_entry_var <= 0:
        return 1
    size = max(abs(effect.estimate), SMALLEST_EFFECT_WORTH_KNOWING)
    z = normal_quantile(target)
    needed_var = (size / z) ** 2
    current_var = max(effect.sd, 1e-9) ** 2
    more = per_entry_var * (1.0 / needed_var - 1.0 / current_var)
    return max(1, min(MANY_ENTRIES, math.ceil(more)))


def missing_message(label: str, more: int) -> str:
    """'log managing 5 more times to tell' (label is the activity's everyday name)."""
    if more >= MANY_ENTRIES:
        return f"log {label} {MANY_ENTRIES}+ more times to tell — or it may not matter much to your energy"
    times = "once more" if more == 1 else f"{more} more times"
    return f"log {label} {times} to tell"


QUADRANT_WORDS = {
    "compensable_strength": "a strength that energizes you — find a role that pays for this",
    "trap_strength": "you are good at it, but it drains you — the promoted-expert trap",
    "growth_edge": "energizes you, and you are still getting better at it — a growth edge",
    "drain": "drains you and does not go especially well — keep it small",
    "unclear": "not clear yet",
}


def describe_quadrant(quadrant: str) -> str:
    """Plain words for a quadrant name."""
    return QUADRANT_WORDS.get(quadrant, QUADRANT_WORDS["unclear"])
