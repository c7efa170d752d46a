"""The items of a career profile a person can share: the one list every area reads and adds to.

Each item names how to assemble it from the owner's own data (through the insights, values and
options services), which audiences it may go to, and whether it is sensitive (pay baseline and
raw entries are shared only when the person picks them explicitly: they are never part of
"share my profile"). Another area adds an item with ``register_item(ShareItem(...))`` at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ALL_AUDIENCES = ("manager", "team", "aggregate", "person")
PERSONAL_AUDIENCES = ("manager", "team", "person")


@dataclass(frozen=True)
class ShareItem:
    """One shareable item: its slug, what people read, and how to assemble it from the owner's data."""

    slug: str
    label: str
    description: str
    assemble: Callable  # assemble(owner) -> JSON-able dict
    audiences: tuple[str, ...] = ALL_AUDIENCES
    sensitive: bool = False  # never included in "share my whole profile"; chosen one by one


ITEMS: dict[str, ShareItem] = {}


def register_item(item: ShareItem) -> ShareItem:
    """Add an item to the list (another area's item, e.g. a conversation answer)."""
    ITEMS[item.slug] = item
    return item


def get_item(slug: str) -> ShareItem:
    """The item with this slug; an unknown slug is the user's mistake, named with the choices."""
    from ownpath.errors import UserInputError

    try:
        return ITEMS[slug]
    except KeyError:
        raise UserInputError(f"item: '{slug}' is not one of {', '.join(ITEMS)}") from None


def _profile(name: str) -> Callable:
    def assemble(owner):
        from ownpath.sharing import profile

        return getattr(profile, name)(owner)

    assemble.__name__ = name
    return assemble


for _item in (
    ShareItem("top_energizers", "Top energizers",
              "The activities that give you most energy, each with its 90% interval.", _profile("top_energizers")),
    ShareItem("top_drains", "Top drains",
              "The activities that drain you most, each with its 90% interval.", _profile("top_drains")),
    ShareItem("strengths", "Strengths",
              "Energy × how well it goes: compensable strengths, trap strengths, growth edges, drains.",
              _profile("strengths"), PERSONAL_AUDIENCES),
    ShareItem("top_values", "Top values", "What you value most in a job, with intervals.",
              _profile("top_values"), PERSONAL_AUDIENCES),
    ShareItem("target_role", "Target role and five-year wish",
              "The option you marked as your target and where you want to be in five years.",
              _profile("target_role"), PERSONAL_AUDIENCES),
    ShareItem("growth_share", "Growth share", "The share of your marked hours that is growth work.",
              _profile("growth_share")),
    ShareItem("hours_vs_target", "Hours against target",
              "Your hours per week against the target you set.", _profile("hours_vs_target")),
    ShareItem("want_from_role", "What I want out of my role", "Your own words.",
              _profile("want_from_role"), PERSONAL_AUDIENCES),
    ShareItem("pay_baseline", "Pay baseline", "The minimum yearly pay you need.",
              _profile("pay_baseline"), PERSONAL_AUDIENCES, sensitive=True),
    ShareItem("raw_entries", "Raw entries (last 90 days)",
              "Your journal entries themselves, notes included.", _profile("raw_entries"),
              PERSONAL_AUDIENCES, sensitive=True),
    ShareItem("team_planning", "Use my energy profile for team planning",
              "For every activity you logged: your energy estimate with its 90% interval and the chance it "
              "energizes you, your skill estimate with its interval, and your hours a week over the last 12 "
              "weeks of your journal that have entries; your weekly target hours and the hours you said you "
              "are available for a team. Used to propose work allocation and mentorship pairs, and pooled "
              "anonymously with at least four others as a starting point for colleagues' estimates; every "
              "use is in your access log.",
              _profile("team_planning")),
):
    register_item(_item)
