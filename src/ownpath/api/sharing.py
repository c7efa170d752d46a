"""JSON API for sharing and teams: your shares, your access log, a preview, and what others share with you.

Registered on the main API with one line (``api.add_router("/sharing", router)``). Reading
another person's item goes through ``sharing.services.read_shared`` (404 unless shared with you).
"""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Router
from ninja.responses import Status

from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.errors import NotFound
from ownpath.sharing import aggregates
from ownpath.sharing import services as sharing
from ownpath.sharing.items import ITEMS
from ownpath.teams import services as teams

router = Router(tags=["sharing"])


class ShareIn(StrictSchema):
    """A new share: item, audience (manager, team, aggregate, person), mode (live, snapshot)."""

    item: str
    audience: str
    mode: str = "live"
    person: str | None = None  # username or id, for the audience "person"


class WordsIn(StrictSchema):
    """The person's own words; fields left out stay as they are."""

    want_from_role: str | None = None
    five_year_wish: str | None = None


def _share_json(found) -> dict:
    return {"id": found.pk, "item": found.item, "audience": found.audience,
            "person": found.audience_person.username if found.audience_person_id else None,
            "mode": found.mode, "created_at": found.created_at.isoformat(),
            "revoked_at": found.revoked_at.isoformat() if found.revoked_at else None}


@router.get("/items", summary="The items you can share", response=A.answers(list[A.Item]))
def list_items(request):
    """Every shareable item: slug, label, description, audiences, whether it is sensitive."""
    return [{"item": i.slug, "label": i.label, "description": i.description, "audiences": list(i.audiences),
             "sensitive": i.sensitive} for i in ITEMS.values()]


@router.get("/shares", summary="Your shares", response=A.answers(list[A.Share]))
def list_shares(request, include_revoked: bool = False):
    """Your live shares (or all, with include_revoked)."""
    return [_share_json(s) for s in sharing.shares_of(request.user, include_revoked)]


@router.post("/shares", summary="Share an item", response=A.answers(A.Share, 201))
def create_share(request, data: ShareIn):
    """Share one item with one audience; a snapshot stores what the audience sees now.

    ``nobody_now`` says why nobody sees it yet (e.g. "with my manager" while nobody manages you), else null.
    """
    person = teams.colleague(request.user, data.person) if data.audience == "person" and data.person else None
    made = sharing.share(request.user, data.item, data.audience, mode=data.mode, person=person)
    return Status(201, _share_json(made) | {"nobody_now": sharing.nobody_reached(made)})


@router.post("/shares/{share_id}/revoke", summary="Stop sharing", response=A.answers(A.Share))
def revoke_share(request, share_id: int):
    """End one of your shares now (404 for anybody else's)."""
    return _share_json(sharing.revoke(request.user, share_id))


@router.get("/log", summary="Who viewed what of yours", response=A.answers(list[A.Read]))
def access_log(request, limit: Annotated[int, Field(ge=1, le=1000)] = 200):
    """Reads of your shared items by others, newest first (``?limit=`` 1–1000, default 200)."""
    return [{"viewer": row.viewer.username if row.viewer else None, "item": row.item,
             "viewed_at": row.viewed_at.isoformat()} for row in sharing.access_log_of(request.user, limit)]


class ChangeAnswerIn(StrictSchema):
    """Seen; for a new manager, whether what you share with "my manager" reaches them."""

    keep_sharing: bool | None = None


@router.get("/changes", summary="Changes in who manages you or works beside you",
            response=A.answers(list[A.RelationChange]))
def relation_changes(request, unseen_only: bool = False):
    """Each change (a new or former manager or teammate), newest first; a new manager asks keep_sharing."""
    return sharing.relation_changes_of(request.user, unseen_only)


@router.post("/changes/{change_id}", summary="Answer a change of manager or teammate",
             response=A.answers(A.RelationChange))
def answer_relation_change(request, change_id: int, data: ChangeAnswerIn):
    """Mark a change seen; for a new manager keep_sharing true lets "my manager" shares reach them."""
    return sharing.answer_relation_change(request.user, change_id, data.keep_sharing)


@router.get("/preview/{item}", summary="What an audience would see of an item", response=A.answers(A.SharedItem))
def preview(request, item: str):
    """Exactly what a live share of this item shows right now."""
    if item not in ITEMS:
        raise NotFound(f"no item '{item}'")
    return sharing.preview(request.user, item)


@router.put("/words", summary="Your own words", response=A.answers(A.Words))
def put_words(request, data: WordsIn):
    """Save what you want out of your role and where you want to be in five years."""
    wish = sharing.set_career_wish(request.user, want_from_role=data.want_from_role,
                                   five_year_wish=data.five_year_wish)
    return {"want_from_role": wish.want_from_role, "five_year_wish": wish.five_year_wish}


@router.get("/people/{person_id}", summary="What a colleague shares with you", response=A.answers(A.SharedProfile))
def shared_profile(request, person_id: int):
    """Every item the person shares with you (each read is logged for them); 404 when nothing is.

    Your own id gives every item you share with anyone, as it reads now.
    """
    if person_id == request.user.pk:
        mine = sorted({s.item for s in sharing.shares_of(request.user)} & set(ITEMS), key=list(ITEMS).index)
        return {"person": request.user.username,
                "items": [sharing.read_shared(request.user, request.user, item) for item in mine]}
    owner = teams.colleague(request.user, person_id)
    shared = sharing.shared_profile(request.user, owner)
    if not shared:
        raise NotFound("nothing shared with you")
    return {"person": owner.username, "items": shared}


@router.get("/people/{person_id}/{item}", summary="One item a colleague shares with you",
            response=A.answers(A.SharedItem))
def shared_item(request, person_id: int, item: str):
    """One shared item (logged for its owner); 404 unless a live share reaches you (your own: always)."""
    owner = request.user if person_id == request.user.pk else teams.colleague(request.user, person_id)
    return sharing.read_shared(request.user, owner, item)


@router.get("/teams/{team_id}/figures", summary="Anonymous figures of a team you manage",
            response=A.answers(A.TeamFigures))
def team_figures(request, team_id: int):
    """The team's anonymous figures (at least 5 contributors each), for its manager."""
    team = teams.managed_teams(request.user).filter(pk=team_id).first()
    if team is None:
        raise NotFound(f"no team {team_id} that you manage")
    return aggregates.team_figures(request.user, team)
