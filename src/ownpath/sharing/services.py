"""Sharing use cases: a person shares items of their profile, revokes them, reads their access log;
and the one read gate through which anyone reads another person's data.

``read_shared(viewer, owner, item)`` is the only way to read another person's shared content:
it finds a live, unrevoked share of that item whose audience includes the viewer through a
*current* relation (teams.services), assembles the content (live) or returns the stored
payload (snapshot), and writes an AccessLog row. Anything else raises ``NotFound`` — the same
error as a missing object — so a viewer cannot tell "not shared" from "does not exist".
Anonymous-aggregate shares never open an individual read; they only feed ``sharing.aggregates``.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing.items import ITEMS, get_item
from ownpath.sharing.models import AccessLog, Share
from ownpath.teams import services as teams

AUDIENCE_LABELS = dict(Share.AUDIENCES)
# Which relation of the viewer to the owner each personal audience needs (teams.relations_among).
RELATION_OF = {Share.MANAGER: "reports", Share.TEAM: "teammates", Share.PERSON: "colleagues"}
MODES = {Share.LIVE, Share.SNAPSHOT}


def _not_shared(owner_label: str, item: str) -> NotFound:
    return NotFound(f"nothing called '{item}' of {owner_label} to show")


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


# --- the one read gate ---------------------------------------------------------------------------

def _reaching_each(viewer, owner_ids: list[int], audiences) -> dict[int, dict[str, bool]]:
    """For each owner, which of the asked personal audiences reach the viewer right now (a query per audience)."""
    asked = [audience for audience in RELATION_OF if audience in audiences]
    related = teams.relations_among(viewer, owner_ids, wanted=[RELATION_OF[a] for a in asked])
    return {pk: {audience: pk in related[RELATION_OF[audience]] for audience in asked} for pk in owner_ids}


def _reaching(viewer, owner, audiences: set[str] | None = None) -> dict[str, bool]:
    """Which audiences of the owner's reach the viewer right now (only the ``audiences`` asked about)."""
    return _reaching_each(viewer, [owner.pk], RELATION_OF if audiences is None else audiences)[owner.pk]


def _share_reaches(found: Share, viewer, reaching: dict[str, bool]) -> bool:
    if found.revoked_at is not None or not reaching.get(found.audience, False):
        return False
    return found.audience != Share.PERSON or found.audience_person_id == viewer.pk


def viewer_may_use(viewer, owner, found: Share) -> bool:
    """True when this live share reaches this viewer through a relation that holds right now."""
    if found.audience == Share.AGGREGATE:
        return False  # anonymous aggregates never open an individual read
    return _share_reaches(found, viewer, _reaching(viewer, owner))


def _live_personal_shares(owner, item: str | None = None) -> list[Share]:
    found = Share.objects.filter(owner=owner, revoked_at__isnull=True).exclude(audience=Share.AGGREGATE)
    if item is not None:
        found = found.filter(item=item)
    return list(found.order_by("-created_at", "-id"))


def _open(share_item, found: Share, owner) -> dict:
    content = found.snapshot if found.mode == Share.SNAPSHOT else share_item.assemble(owner)
    return {"item": found.item, "label": share_item.label, "mode": found.mode, "owner_id": owner.pk,
            "shared_at": found.created_at.isoformat(),
            "taken_at": (found.created_at if found.mode == Share.SNAPSHOT else timezone.now()).isoformat(),
            "content": content}


def _usable(viewer, owner, shares: list[Share]) -> dict[str, Share]:
    """The newest share per item that reaches the viewer (relations checked once)."""
    if not shares:
        return {}
    return _usable_given(viewer, shares, _reaching(viewer, owner, {found.audience for found in shares}))


def _usable_given(viewer, shares: list[Share], reaching: dict[str, bool]) -> dict[str, Share]:
    """The newest share per item that reaches the viewer, given which audiences reach them."""
    usable: dict[str, Share] = {}
    for found in shares:  # newest first
        if found.item in ITEMS and found.item not in usable and _share_reaches(found, viewer, reaching):
            usable[found.item] = found
    return usable


def read_shared(viewer, owner, item: str) -> dict:
    """What ``owner`` shared of ``item`` with ``viewer``, logged; NotFound unless a live share reaches them.

    Returns {item, label, mode, owner_id, shared_at, taken_at, content}. The owner reading
    their own item gets it live, unlogged.
    """
    share_item = ITEMS.get(item)
    if share_item is None or not getattr(viewer, "is_authenticated", False):
        raise _not_shared("this person", item)
    if viewer.pk == owner.pk:
        return {"item": item, "label": share_item.label, "mode": Share.LIVE, "owner_id": owner.pk,
                "shared_at": None, "taken_at": timezone.now().isoformat(), "content": share_item.assemble(owner)}
    found = _usable(viewer, owner, _live_personal_shares(owner, item)).get(item)
    if found is None:
        raise _not_shared("this person", item)
    shown = _open(share_item, found, owner)
    AccessLog.objects.create(viewer=viewer, owner=owner, item=item, share=found)
    return shown


def readable_items(viewer, owner) -> list[str]:
    """The items of ``owner`` a live share lets ``viewer`` read right now (nothing is read or logged)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == owner.pk:
        return []
    usable = _usable(viewer, owner, _live_personal_shares(owner))
    return [slug for slug in ITEMS if slug in usable]


def people_sharing_with(viewer) -> list:
    """The people with at least one item shared with ``viewer`` right now (nothing is read or logged)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    if not getattr(viewer, "is_authenticated", False):
        return []
    reaching = (Q(audience=Share.MANAGER, owner__in=teams.reports_of(viewer).values("pk"))
                | Q(audience=Share.TEAM, owner__in=teams.teammates_of(viewer).values("pk"))
                | Q(audience=Share.PERSON, audience_person=viewer, owner__in=teams.colleagues_of(viewer).values("pk")))
    owners = Share.objects.filter(reaching, revoked_at__isnull=True, item__in=list(ITEMS)).values("owner_id")
    return list(get_user_model().objects.filter(pk__in=owners).order_by("username"))


def shared_profile(viewer, owner) -> list[dict]:
    """Every item ``owner`` shares with ``viewer`` right now, in the item list's order, each read logged.

    The same gate as ``read_shared`` (relations checked once for all items).
    """
    return shared_profiles(viewer, [owner]).get(owner.pk, [])


def shared_profiles(viewer, owners) -> dict[int, list[dict]]:
    """``shared_profile`` for several owners at once (a manager's reports): {owner id: items}, reads logged.

    The same gate, in a fixed number of queries: every owner's live shares in one, the viewer's
    relation to all of them in three, their journal states and cached insights together.
    """
    owners = [o for o in owners if getattr(viewer, "is_authenticated", False) and o.pk != viewer.pk]
    if not owners:
        return {}
    from ownpath.sharing.profile import one_reading, prefetch

    shares_by_owner: dict[int, list[Share]] = {o.pk: [] for o in owners}
    for found in (Share.objects.filter(owner_id__in=list(shares_by_owner), revoked_at__isnull=True)
                  .exclude(audience=Share.AGGREGATE).order_by("-created_at", "-id")):
        shares_by_owner[found.owner_id].append(found)
    audiences = {found.audience for shares in shares_by_owner.values() for found in shares}
    reaching = _reaching_each(viewer, [pk for pk, found in shares_by_owner.items() if found], audiences)
    usable = {o.pk: _usable_given(viewer, shares_by_owner[o.pk], reaching.get(o.pk, {})) for o in owners}
    shown: dict[int, list[dict]] = {}
    with one_reading():
        prefetch([o for o in owners if usable[o.pk]])
        for owner in owners:
            shown[owner.pk] = [_open(ITEMS[slug], usable[owner.pk][slug], owner)
                               for slug in ITEMS if slug in usable[owner.pk]]
    AccessLog.objects.bulk_create([AccessLog(viewer=viewer, owner=owner, item=slug, share=usable[owner.pk][slug])
                                   for owner in owners for slug in ITEMS if slug in usable[owner.pk]])
    return shown


def consented(owner, item: str, audiences: tuple[str, ...] = (Share.AGGREGATE,)) -> bool:
    """True when the owner has a live share of ``item`` with any of these audiences (e.g. team_planning)."""
    return Share.objects.filter(owner=owner, item=item, audience__in=audiences, revoked_at__isnull=True).exists()
