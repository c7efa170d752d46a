"""Sharing use cases: a person shares items of their profile, revokes them, reads their access log.

The read gate through which anyone reads another person's data lives in ``sharing.gate`` (the
only code that does, and the only writer of the access log); its functions are re-exported here
so callers keep writing ``sharing.read_shared(viewer, owner, item)``. Anything a viewer may not
read raises ``NotFound`` — the same error as a missing object. Anonymous-aggregate shares never
open an individual read; they only feed ``sharing.aggregates``.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing.gate import (  # noqa: F401  (the gate, re-exported for callers)
    RELATION_OF,
    consented,
    people_sharing_with,
    read_shared,
    readable_items,
    shared_profile,
    shared_profiles,
    viewer_may_use,
)
from ownpath.sharing.items import get_item
from ownpath.sharing.models import AccessLog, Share
from ownpath.teams import services as teams

AUDIENCE_LABELS = dict(Share.AUDIENCES)
MODES = {Share.LIVE, Share.SNAPSHOT}


# --- the person's own side ---------------------------------------------------------------------

def share(owner, item: str, audience: str, *, mode: str = Share.LIVE, person=None) -> Share:
    """Share one item with one audience, live or as a snapshot taken now (stored as shown).

    Sharing the same item with the same audience again replaces the earlier share (it is
    revoked), so a new snapshot supersedes an old one. ``person`` is the one viewer for the
    audience "person", who must be in an organisation with the owner.
    """
    share_item = get_item(item)
    if audience not in AUDIENCE_LABELS:
        raise UserInputError(f"audience: '{audience}' is not one of {', '.join(AUDIENCE_LABELS)}")
    if audience not in share_item.audiences:
        allowed = ", ".join(share_item.audiences)
        raise UserInputError(f"audience: '{share_item.label}' can be shared with {allowed} only")
    if mode not in MODES:
        raise UserInputError(f"mode: '{mode}' is not one of live, snapshot")
    if audience == Share.AGGREGATE and mode == Share.SNAPSHOT:
        raise UserInputError("mode: anonymous aggregates use your live data; choose live")
    if audience == Share.PERSON:
        if person is None or person.pk == owner.pk or not teams.share_an_organisation(owner, person):
            raise UserInputError("person: name someone in one of your organisations")
    else:
        person = None
    snapshot = None
    if mode == Share.SNAPSHOT:
        snapshot = share_item.assemble(owner)
    with transaction.atomic():
        _live_shares(owner).filter(item=item, audience=audience, audience_person=person).update(
            revoked_at=timezone.now())
        made = Share.objects.create(owner=owner, item=item, audience=audience, audience_person=person,
                                    mode=mode, snapshot=snapshot)
    if audience == Share.AGGREGATE:
        from ownpath.sharing.aggregates import AGGREGATE_ITEMS, refresh_contributions

        if item in AGGREGATE_ITEMS:
            refresh_contributions([owner])
    return made


def revoke(owner, share_id: int) -> Share:
    """End a share now: from this moment its audience gets 404. Other people's shares look missing."""
    found = Share.objects.filter(pk=share_id, owner=owner).first()
    if found is None:
        raise NotFound(f"no share {share_id} of yours")
    if found.revoked_at is None:
        found.revoked_at = timezone.now()
        found.save(update_fields=["revoked_at"])
    return found


def revoke_all(owner) -> int:
    """End every live share of the person; returns how many ended."""
    return _live_shares(owner).update(revoked_at=timezone.now())


def _live_shares(owner):
    return Share.objects.filter(owner=owner, revoked_at__isnull=True)


def shares_of(owner, include_revoked: bool = False):
    """The person's shares (live ones, or all), by item and audience."""
    shares = Share.objects.filter(owner=owner).select_related("audience_person")
    return shares if include_revoked else shares.filter(revoked_at__isnull=True)


def access_log_of(owner, limit: int = 200):
    """Who read which of the person's items, and when (newest first)."""
    return AccessLog.objects.filter(owner=owner).select_related("viewer")[:limit]


def preview(owner, item: str) -> dict:
    """Exactly what an audience would see of this item right now (a live share; a snapshot stores this)."""
    return get_item(item).assemble(owner)


def audience_now(owner, audience: str, person=None) -> list:
    """The people an audience includes right now (for "who will see this"); aggregates name nobody."""
    if audience == Share.MANAGER:
        return list(teams.managers_of(owner))
    if audience == Share.TEAM:
        return list(teams.teammates_of(owner))
    if audience == Share.PERSON and person is not None:
        return [person] if teams.share_an_organisation(owner, person) else []
    return []


def nobody_reached(made: Share) -> str | None:
    """Why a share made just now reaches nobody yet ("with my manager" while nobody manages the person), or None.

    The share is kept (it reaches a manager once there is one); the entry points say so instead of "shared".
    """
    if made.audience == Share.MANAGER and not audience_now(made.owner, Share.MANAGER):
        return ("nobody manages you right now (no team of yours, nor a team above it, has a manager): "
                "nobody sees it until someone does.")
    if made.audience == Share.TEAM and not audience_now(made.owner, Share.TEAM):
        return "you are in no team with anyone else right now: nobody sees it until you are."
    return None


def career_wish_of(owner):
    """The person's own words (what they want out of their role, five-year wish), empty until written."""
    from ownpath.sharing.profile import career_wish_of as wish_of

    return wish_of(owner)


def set_career_wish(owner, *, want_from_role: str | None = None, five_year_wish: str | None = None):
    """Save the person's own words: what they want out of their role, where they want to be in five years."""
    from ownpath.sharing.profile import career_wish_of

    wish = career_wish_of(owner)
    for field, value in (("want_from_role", want_from_role), ("five_year_wish", five_year_wish)):
        if value is not None:
            if len(value) > 4000:
                raise UserInputError(f"{field}: keep it under 4,000 characters")
            setattr(wish, field, value.strip())
    wish.save()
    return wish


@receiver(teams.person_left_organisation)
def _end_shares_on_leaving(sender, person, organisation, **kwargs) -> None:
    """Leaving an organisation ends the shares whose audience was there; shares reaching people of
    another organisation the person is still in stay (nothing of theirs stays visible to the one left).

    A share names no organisation: it is derived from the audience. "My manager" and "my team"
    need a team of the person's; "anonymous aggregates" an organisation; "a specific person" an
    organisation both are still in. Leaving the last organisation ends every share."""
    remaining = teams.organisations_of(person)
    if not remaining.exists():
        revoke_all(person)
        return
    in_a_team = teams.Membership.objects.filter(person=person).exists()
    ended = []
    for found in _live_shares(person).select_related("audience_person"):
        if found.audience in (Share.MANAGER, Share.TEAM):
            still = in_a_team
        elif found.audience == Share.PERSON:
            still = teams.share_an_organisation(person, found.audience_person)
        else:
            still = True  # aggregates: the person still counts in the organisations they are in
        if not still:
            ended.append(found.pk)
    Share.objects.filter(pk__in=ended).update(revoked_at=timezone.now())




def relation_changes_of(person, unseen_only: bool = False) -> list[dict]:
    """Who became or stopped being the person's manager or teammate, newest first (their own notices)."""
    from ownpath.teams import changes

    return changes.changes_of(person, unseen_only)


def answer_relation_change(person, change_id, keep_sharing: bool | None = None) -> dict:
    """The person has seen a change; for a new manager, whether their "my manager" shares reach them."""
    from ownpath.teams import changes

    return changes.answer_change(person, change_id, keep_sharing)
