"""When is a journal still thin? One rule and one sentence for every page that draws conclusions.

Insights and Compare both rest on the same energy model of the same journal, so they must say
the same thing about how far it can be trusted: below ``THIN_JOURNAL_ENTRIES`` entries the
findings are tentative, however sure a single figure looks (a probability near 0 or 1 from
five days of entries says more about the model's assumptions than about the person).
"""

from __future__ import annotations

from ownpath.analytics.plain_words import entries_word

# About this many entries, over a few weeks, before the first findings are firm.
THIN_JOURNAL_ENTRIES = 30


def is_thin(entries: int) -> bool:
    """True when a journal with ``entries`` entries (at least one) is still too thin for firm findings."""
    return 0 < entries < THIN_JOURNAL_ENTRIES


def thin_data_warning(entries: int) -> dict[str, str] | None:
    """The thin-data warning (``{"kind": "thin_data", "message"}``) for a journal this size, or None."""
    if not is_thin(entries):
        return None
    return {"kind": "thin_data", "message": (
        f"With {entries_word(entries)} most findings are still tentative; "
        f"about {THIN_JOURNAL_ENTRIES} entries over a few weeks give the first firm ones.")}
