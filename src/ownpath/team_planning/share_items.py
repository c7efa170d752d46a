"""The "track fit" share item: a person's expert-vs-manager track fit, shared only if they choose to."""

from __future__ import annotations

from ownpath.sharing.items import PERSONAL_AUDIENCES, ShareItem, register_item


def _assemble_track_fit(owner) -> dict:
    from ownpath.errors import UserInputError
    from ownpath.team_planning.services import track_fit_for

    try:
        return track_fit_for(owner)
    except UserInputError as exc:
        return {"missing": exc.message}


TRACK_FIT = register_item(ShareItem(
    "track_fit", "Track fit (expert or manager)",
    "Which track your own journal favours, with P(better than now), thin evidence and a proposed trial.",
    _assemble_track_fit, PERSONAL_AUDIENCES))
