"""Changes of who manages a person or works beside them: recorded when they happen, shown to the person.

Every team service that changes memberships wraps the change in ``noticing(...)``: it reads the
affected people's managers and teammates before and after, and writes one ``RelationChange`` per
person and relation that changed. A new manager is *pending* for the person until they answer
"keep sharing"; until then the read gate (``sharing.gate``) does not let that manager read what
the person shares with "my manager". Relations that existed before these records began have no
row and are not pending.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.teams.models import Membership, RelationChange


def _relations(ids: Iterable[int]) -> dict[int, tuple[set[int], set[int]]]:
    """{person: (their managers, everyone else in their teams)} right now."""
    ids = set(ids)
    rows = list(Membership.objects.filter(person_id__in=ids).values_list("person_id", "team_id", "role"))
    in_team: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for team_id, person_id, role in Membership.objects.filter(team_id__in={t for _, t, _ in rows}).values_list(
            "team_id", "person_id", "role"):
        in_team[team_id].append((person_id, role))
    found = {pk: (set(), set()) for pk in ids}
    for person_id, team_id, role in rows:
        for other, other_role in in_team[team_id]:
            if other != person_id:
                found[person_id][1].add(other)
                if role == Membership.MEMBER and other_role == Membership.MANAGER:
                    found[person_id][0].add(other)
    return found


def _affected(team_ids: Iterable[int], people: Iterable[int]) -> set[int]:
    return set(people) | set(Membership.objects.filter(team_id__in=list(team_ids)).values_list("person_id", flat=True))


@contextlib.contextmanager
def noticing(made_by, team_ids: Iterable[int], people: Iterable[int], team=None, team_name: str = ""):
    """Record, for everyone in these teams and these people, each manager or teammate who came or went."""
    team_ids = list(team_ids)
    affected = _affected(team_ids, people)
    before = _relations(affected)
    yield
    after = _relations(affected | _affected(team_ids, []))
    name = team.name if team is not None else team_name
    made = []
    for person_id, (managers, mates) in after.items():
        old_managers, old_mates = before.get(person_id, (set(), set()))
        for other in managers - old_managers:
            made.append((person_id, other, RelationChange.MANAGER, RelationChange.ADDED))
        for other in old_managers - managers:
            made.append((person_id, other, RelationChange.MANAGER, RelationChange.REMOVED))
        for other in (mates - old_mates) - (managers - old_managers):
            made.append((person_id, other, RelationChange.TEAMMATE, RelationChange.ADDED))
        for other in (old_mates - mates) - (old_managers - managers):
            made.append((person_id, other, RelationChange.TEAMMATE, RelationChange.REMOVED))
    RelationChange.objects.bulk_create([
        RelationChange(person_id=person_id, other_id=other, kind=kind, change=change, team=team, team_name=name[:120],
                       made_by=made_by if getattr(made_by, "pk", None) else None)
        for person_id, other, kind, change in made])


def pending_managers(viewer, owner_ids: Iterable[int]) -> set[int]:
    """Of these people, those whose manager ``viewer`` became without their "keep sharing" answer yet."""
    return set(RelationChange.objects.filter(person_id__in=list(owner_ids), other=viewer, kind=RelationChange.MANAGER,
                                             change=RelationChange.ADDED)
               .filter(Q(keep_sharing__isnull=True) | Q(keep_sharing=False)).values_list("person_id", flat=True))


def pending_managers_since(viewer, owner_ids: Iterable[int]) -> dict:
    """{person: when ``viewer`` last became their manager} for the changes they have not said "keep sharing" to.

    A "my manager" share the person made after that moment is their own choice with the new manager
    in place, so it reaches them; the shares made before wait for the answer.
    """
    found: dict = {}
    for person_id, created_at in (RelationChange.objects.filter(
            person_id__in=list(owner_ids), other=viewer, kind=RelationChange.MANAGER, change=RelationChange.ADDED)
            .filter(Q(keep_sharing__isnull=True) | Q(keep_sharing=False)).values_list("person_id", "created_at")):
        found[person_id] = max(created_at, found.get(person_id, created_at))
    return found


def pending_for_viewer(viewer):
    """A queryset of the people for whom ``viewer`` is a manager not (yet) agreed to (for subqueries)."""
    return (RelationChange.objects.filter(other=viewer, kind=RelationChange.MANAGER, change=RelationChange.ADDED)
            .filter(Q(keep_sharing__isnull=True) | Q(keep_sharing=False)).values("person_id"))


def _change_json(change: RelationChange) -> dict:
    other = change.other.username
    if change.kind == RelationChange.MANAGER:
        words = (f"{other} became your manager ({change.team_name})" if change.change == RelationChange.ADDED
                 else f"{other} is no longer your manager ({change.team_name})")
    else:
        words = (f"{other} joined you in {change.team_name}" if change.change == RelationChange.ADDED
                 else f"{other} no longer works beside you in {change.team_name}")
    if change.made_by_id and change.made_by_id not in (change.person_id,):
        words += f"; changed by {change.made_by.username}"
    asks = change.kind == RelationChange.MANAGER and change.change == RelationChange.ADDED
    return {"id": change.pk, "kind": change.kind, "change": change.change, "other": other,
            "team": change.team_name, "made_by": change.made_by.username if change.made_by_id else None,
            "created_at": change.created_at.isoformat(),
            "seen_at": change.seen_at.isoformat() if change.seen_at else None,
            "asks_keep_sharing": asks, "keep_sharing": change.keep_sharing, "words": words}


def changes_of(person, unseen_only: bool = False, limit: int = 100) -> list[dict]:
    """The changes in who manages the person or works beside them, newest first (the person's own)."""
    found = RelationChange.objects.filter(person=person).select_related("other", "made_by")
    if unseen_only:
        found = found.filter(Q(seen_at__isnull=True) | Q(kind=RelationChange.MANAGER, change=RelationChange.ADDED,
                                                         keep_sharing__isnull=True))
    return [_change_json(c) for c in found[:limit]]


def answer_change(person, change_id, keep_sharing: bool | None = None) -> dict:
    """The person has seen a change; for a new manager, whether their "my manager" shares reach them.

    The answer to a new manager holds for every notice of that manager (a later change asks again).
    """
    try:
        change = RelationChange.objects.select_related("other", "made_by").get(pk=int(change_id), person=person)
    except (RelationChange.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no change {change_id} of yours") from None
    now = timezone.now()
    if change.kind == RelationChange.MANAGER and change.change == RelationChange.ADDED:
        if not isinstance(keep_sharing, bool):
            raise UserInputError(f"keep_sharing: say whether what you share with 'my manager' reaches "
                                 f"{change.other.username} (true or false)")
        RelationChange.objects.filter(person=person, other=change.other, kind=RelationChange.MANAGER,
                                      change=RelationChange.ADDED).update(keep_sharing=keep_sharing, seen_at=now)
    else:
        RelationChange.objects.filter(pk=change.pk, seen_at__isnull=True).update(seen_at=now)
    change.refresh_from_db()
    return _change_json(change)
